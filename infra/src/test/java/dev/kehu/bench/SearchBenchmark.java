package dev.kehu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.query.search.CustomerSearch;
import dev.kehu.query.search.CustomerSearchConfiguration;
import dev.kehu.query.search.CustomerSearchController;
import dev.kehu.query.search.CustomerSuggest;
import dev.kehu.query.elasticsearch.SearchGuard;
import dev.kehu.query.search.CustomerSearchProjection;
import dev.kehu.query.search.CustomerSearchWriter;
import dev.kehu.query.elasticsearch.FlushAtEndOfBatch;
import dev.kehu.query.search.SearchDataGenerator;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Search benchmark (not a test): {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=SearchBenchmark}.
 * Options by environment: {@code SEARCH_BENCH_CUSTOMERS} (default 50,000 × 4 contacts = 200,000 contacts),
 * {@code SEARCH_BENCH_CUSTOMERS_1M} (default 250,000 = 1,000,000 contacts; 0 skips that phase),
 * {@code SEARCH_BENCH_QUERIES_PER_KIND} (200), {@code SEARCH_BENCH_BULKS} (bulk requests in flight, 2);
 * the node's heap: {@code KEHU_TEST_ES_HEAP} (512m).
 *
 * <ol>
 *   <li>Generates customers with contacts from a seeded generator.</li>
 *   <li>Raw bulk: the final documents straight into an index with our mapping, then the same documents into an
 *       index whose {@code kehu_chinese} analyzers are {@code standard} ({@code raw_bulk_standard_docs_per_s}),
 *       both measured after writing {@value #WARM_UP_DOCUMENTS} documents into each.</li>
 *   <li>Projection: the same customers as Customer events in Axon's in-memory event store, consumed by
 *       {@link CustomerSearchProjection} through a pooled streaming processor configured as in the
 *       application; {@code index_ratio} = projection documents/s ÷ raw bulk documents/s.</li>
 *   <li>Queries through {@code GET /api/search/customers} and {@code GET /api/search/suggest} (Spring MVC on
 *       Tomcat), kinds interleaved, p50/p99 per kind and overall.</li>
 *   <li>Freshness: with the projection running live, a contact is added and the endpoint polled every
 *       5 ms until the new phone number is found; p50/p99 of publish → found.</li>
 *   <li>At 1M contacts: a backfill (refresh off during the load, 1 s restored after), then the same queries.</li>
 * </ol>
 * Writes {@code bench-results/search.json}.
 */
public final class SearchBenchmark {

    private static final String RAW = "bench_raw_customers";
    private static final String RAW_STANDARD = "bench_raw_standard_customers";
    private static final String PROJECTED = "bench_customers";
    private static final String MILLION = "bench_million_customers";
    /** Documents written into each raw index before measuring, so neither mapping pays for the JIT alone. */
    private static final int WARM_UP_DOCUMENTS = 10_000;

    private SearchBenchmark() {
    }

    private static int env(String name, int otherwise) {
        return Integer.parseInt(System.getenv().getOrDefault(name, Integer.toString(otherwise)));
    }

    public static void main(String[] args) throws Exception {
        int customerCount = env("SEARCH_BENCH_CUSTOMERS", 50_000);
        int millionCustomers = env("SEARCH_BENCH_CUSTOMERS_1M", 250_000);
        int contactsPerCustomer = 4;
        long seed = 20261122L;
        int queriesPerKind = env("SEARCH_BENCH_QUERIES_PER_KIND", 200);
        int freshnessSamples = 100;
        String loadAtStart = Files.readString(Path.of("/proc/loadavg")).strip();

        long started = System.nanoTime();
        ElasticsearchClient client = SharedElasticsearch.client();
        log("Elasticsearch at %s, load %s", SharedElasticsearch.url(), loadAtStart);

        SearchDataGenerator generator = new SearchDataGenerator(seed);
        List<SearchDataGenerator.Customer> customers = generator.customers(customerCount, contactsPerCustomer);
        int contactCount = customerCount * contactsPerCustomer;
        log("generated %,d customers with %,d contacts (seed %d)", customerCount, contactCount, seed);

        // 1. raw bulk of the final documents: our mapping, then the standard analyzer, same documents, same run,
        // both after a warm-up of both (measured cold, the first mapping also paid for the JIT of both JVMs)
        int warmUp = Math.min(customerCount, WARM_UP_DOCUMENTS);
        SearchBenchIndexing.fresh(client, RAW);
        SearchBenchIndexing.bulk(client, RAW, customers.subList(0, warmUp));
        SearchBenchIndexing.freshStandard(client, RAW_STANDARD);
        SearchBenchIndexing.bulk(client, RAW_STANDARD, customers.subList(0, warmUp));
        log("warmed up with %,d documents in each mapping", warmUp);
        SearchBenchIndexing.fresh(client, RAW);
        double rawRate = customerCount / SearchBenchIndexing.bulk(client, RAW, customers);
        log("raw bulk: %,.0f documents/s", rawRate);
        SearchBenchIndexing.freshStandard(client, RAW_STANDARD);
        double standardRate = customerCount / SearchBenchIndexing.bulk(client, RAW_STANDARD, customers);
        log("raw bulk, standard analyzer: %,.0f documents/s", standardRate);
        client.indices().delete(delete -> delete.index(RAW + "_v1", RAW_STANDARD + "_v1").ignoreUnavailable(true));

        // 2. the same customers through the projection
        SearchBenchIndexing.fresh(client, PROJECTED);
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        Map<String, Long> sequences = new HashMap<>();
        List<EventMessage<?>> messages = new ArrayList<>();
        for (SearchDataGenerator.Customer customer : customers) {
            for (Object event : customer.events()) {
                long sequence = sequences.merge(customer.customerId(), 0L, (previous, ignored) -> previous + 1);
                messages.add(new GenericDomainEventMessage<>("Customer", customer.customerId(), sequence, event));
            }
            if (messages.size() >= 10_000) {
                eventStore.publish(messages);
                messages.clear();
            }
        }
        eventStore.publish(messages);
        long eventCount = sequences.values().stream().mapToLong(last -> last + 1).sum();
        log("published %,d Customer events", eventCount);

        ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
        CustomerSearchWriter projectionWriter = new CustomerSearchWriter(client, PROJECTED);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(CustomerSearchProjection.PROCESSING_GROUP)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new CustomerSearchProjection(projectionWriter))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(executor)
                .workerExecutor(executor)
                .initialSegmentCount(CustomerSearchConfiguration.SEGMENTS)
                .batchSize(CustomerSearchConfiguration.BATCH_SIZE)
                .build();
        processor.registerHandlerInterceptor(new FlushAtEndOfBatch(projectionWriter::flush));
        long projectionStart = System.nanoTime();
        processor.start();
        awaitCaughtUp(processor, eventStore);
        client.indices().refresh(refresh -> refresh.index(PROJECTED));
        double projectionSeconds = seconds(projectionStart);
        double projectionRate = customerCount / projectionSeconds;
        long indexed = client.count(count -> count.index(PROJECTED)).count();
        log("projection: %,d events → %,d documents in %.1f s = %,.0f documents/s", eventCount, indexed,
                projectionSeconds, projectionRate);
        double indexRatio = projectionRate / rawRate;
        log("index_ratio = %.2f", indexRatio);

        // 3. queries and type-ahead through the REST endpoints
        ConfigurableApplicationContext web = web(client, PROJECTED);
        SearchBenchQueries rest = new SearchBenchQueries("http://127.0.0.1:" + web.getEnvironment().getProperty("local.server.port"));
        Random random = new Random(seed + 1);
        SearchBenchQueries.Run queries = rest.run("/api/search/customers", SearchBenchQueries.searchKinds(random), customers, random,
                300, queriesPerKind);
        queries.log("query");
        SearchBenchQueries.Run suggestions = rest.run("/api/search/suggest", SearchBenchQueries.suggestKinds(random), customers,
                random, 100, queriesPerKind);
        suggestions.log("suggest");

        // 4. freshness: publish → found through the endpoint
        List<Double> freshness = new ArrayList<>();
        for (int i = 0; i < freshnessSamples; i++) {
            SearchDataGenerator.Customer customer = customers.get(random.nextInt(customers.size()));
            String phone = String.format("1990%07d", i);
            long sequence = sequences.merge(customer.customerId(), 0L, (previous, ignored) -> previous + 1);
            ContactAdded added = new ContactAdded(customer.customerId(), new ContactCard(customer.customerId() + "-fresh-" + i,
                    "新联系人", null, List.of(Phone.of(phone)), List.of(), null));
            long start = System.nanoTime();
            eventStore.publish(new GenericDomainEventMessage<>("Customer", customer.customerId(), sequence, added));
            while (!rest.get("/api/search/customers", phone).contains(customer.customerId())) {
                if (System.nanoTime() - start > 10_000_000_000L) {
                    throw new IllegalStateException("Contact " + phone + " not searchable after 10 s");
                }
                Thread.sleep(5);
            }
            freshness.add((System.nanoTime() - start) / 1e6);
            Thread.sleep(50);
        }
        log("freshness: p50 %.0f ms, p99 %.0f ms", SearchBenchQueries.percentile(freshness, 50),
                SearchBenchQueries.percentile(freshness, 99));
        web.close();
        processor.shutDown();
        executor.shutdownNow();
        eventStore.shutDown();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "search");
        result.put("customers", customerCount);
        result.put("contacts", contactCount);
        result.put("events", eventCount);
        result.put("seed", seed);
        result.put("raw_bulk_documents", SearchBenchIndexing.BULK_DOCUMENTS);
        result.put("raw_bulk_concurrent_requests", SearchBenchIndexing.CONCURRENT_BULKS);
        result.put("raw_bulk_warm_up_documents", warmUp);
        result.put("processor_batch_events", CustomerSearchConfiguration.BATCH_SIZE);
        result.put("processor_segments", CustomerSearchConfiguration.SEGMENTS);
        result.put("raw_bulk_docs_per_s", Math.round(rawRate));
        result.put("raw_bulk_standard_docs_per_s", Math.round(standardRate));
        result.put("projection_docs_per_s", Math.round(projectionRate));
        result.put("projection_events_per_s", Math.round(eventCount / projectionSeconds));
        result.put("index_ratio", SearchBenchQueries.round(indexRatio));
        result.put("queries", queries.all().size());
        result.put("queries_with_hits", queries.withHits());
        result.put("query_p50_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(queries.all(), 50)));
        result.put("query_p99_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(queries.all(), 99)));
        result.put("query_kinds", queries.perKind());
        result.put("suggest_p50_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(suggestions.all(), 50)));
        result.put("suggest_p99_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(suggestions.all(), 99)));
        result.put("suggest_kinds", suggestions.perKind());
        result.put("freshness_samples", freshness.size());
        result.put("freshness_p50_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(freshness, 50)));
        result.put("freshness_p99_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(freshness, 99)));

        // 5. a million contacts: backfill with refresh turned down, then the same queries
        if (millionCustomers > 0) {
            customers = null;
            List<SearchDataGenerator.Customer> million = new SearchDataGenerator(seed + 7).customers(millionCustomers, contactsPerCustomer);
            log("generated %,d customers with %,d contacts", millionCustomers, millionCustomers * contactsPerCustomer);
            SearchBenchIndexing.fresh(client, MILLION);
            double backfillSeconds = SearchBenchIndexing.backfill(client, MILLION, million);
            log("backfill of %,d contacts: %.1f s (%,.0f documents/s)", millionCustomers * contactsPerCustomer,
                    backfillSeconds, millionCustomers / backfillSeconds);
            ConfigurableApplicationContext bigWeb = web(client, MILLION);
            SearchBenchQueries bigRest = new SearchBenchQueries("http://127.0.0.1:" + bigWeb.getEnvironment().getProperty("local.server.port"));
            SearchBenchQueries.Run big = bigRest.run("/api/search/customers", SearchBenchQueries.searchKinds(random), million,
                    random, 300, queriesPerKind);
            big.log("query 1M");
            SearchBenchQueries.Run bigSuggest = bigRest.run("/api/search/suggest", SearchBenchQueries.suggestKinds(random),
                    million, random, 100, queriesPerKind);
            bigSuggest.log("suggest 1M");
            bigWeb.close();
            result.put("customers_1m", millionCustomers);
            result.put("contacts_1m", millionCustomers * contactsPerCustomer);
            result.put("backfill_1m_seconds", SearchBenchQueries.round(backfillSeconds));
            result.put("query_p50_ms_1m", SearchBenchQueries.round(SearchBenchQueries.percentile(big.all(), 50)));
            result.put("query_p99_ms_1m", SearchBenchQueries.round(SearchBenchQueries.percentile(big.all(), 99)));
            result.put("query_kinds_1m", big.perKind());
            result.put("suggest_p50_ms_1m", SearchBenchQueries.round(SearchBenchQueries.percentile(bigSuggest.all(), 50)));
            result.put("suggest_p99_ms_1m", SearchBenchQueries.round(SearchBenchQueries.percentile(bigSuggest.all(), 99)));
            client.indices().delete(delete -> delete.index(MILLION + "_v1").ignoreUnavailable(true));
        }
        result.put("cpus", Runtime.getRuntime().availableProcessors());
        result.put("elasticsearch_heap", System.getenv().getOrDefault("KEHU_TEST_ES_HEAP", "512m"));
        result.put("load_average_start", loadAtStart);
        result.put("load_average_end", Files.readString(Path.of("/proc/loadavg")).strip());
        result.put("total_seconds", SearchBenchQueries.round(seconds(started)));
        Path out = Path.of("bench-results", "search.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        client.indices().delete(delete -> delete.index(PROJECTED + "_v1").ignoreUnavailable(true));
        System.exit(0);
    }

    /** The search endpoints on Tomcat over {@code alias}. */
    private static ConfigurableApplicationContext web(ElasticsearchClient client, String alias) {
        BenchWeb.search = new CustomerSearch(client, alias);
        BenchWeb.suggest = new CustomerSuggest(client, alias, SearchGuard.withDefaults());
        return new SpringApplicationBuilder(BenchWeb.class)
                .properties("server.port=0", "spring.main.banner-mode=off", "logging.level.root=WARN")
                .run();
    }

    private static void awaitCaughtUp(PooledStreamingEventProcessor processor, EmbeddedEventStore eventStore) throws InterruptedException {
        long head = eventStore.createHeadToken().position().orElse(0);
        long lastLog = System.nanoTime();
        while (true) {
            var statuses = processor.processingStatus().values();
            boolean done = !statuses.isEmpty() && statuses.stream()
                    .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head);
            if (done) {
                return;
            }
            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                long position = statuses.stream().mapToLong(status -> status.getCurrentPosition().orElse(0)).min().orElse(0);
                log("  projection at %,d of %,d", position, head);
                lastLog = System.nanoTime();
            }
            Thread.sleep(20);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void log(String format, Object... args) {
        System.out.printf("[search-bench] " + format + "%n", args);
    }

    /**
     * Just the search endpoint on Tomcat, over the benchmark's index. {@code @TestComponent} keeps the whole
     * application's component scan in infra's {@code @SpringBootTest}s from picking it up.
     */
    @SpringBootConfiguration
    @TestComponent
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class})
    static class BenchWeb {
        static CustomerSearch search;
        static CustomerSuggest suggest;

        @Bean
        CustomerSearchController customerSearchController() {
            return new CustomerSearchController(search, suggest);
        }
    }
}
