package dev.kehu.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

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
import dev.kehu.query.search.CustomerSearchDocument;
import dev.kehu.query.search.CustomerSearchProjection;
import dev.kehu.query.search.CustomerSearchWriter;
import dev.kehu.query.elasticsearch.FlushAtEndOfBatch;
import dev.kehu.query.search.Pinyin;
import dev.kehu.query.search.SearchDataGenerator;
import dev.kehu.query.elasticsearch.VersionedIndex;
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
 *
 * <ol>
 *   <li>Generates customers with contacts from a seeded generator (default 50,000 × 4 = 200,000
 *       contacts; {@code -Dbench.customers}, {@code -Dbench.contacts}, {@code -Dbench.seed}).</li>
 *   <li>Raw bulk: writes the final documents straight into an index, in bulks of 500 documents.</li>
 *   <li>Projection: the same customers as Customer events in Axon's in-memory event store, consumed by
 *       {@link CustomerSearchProjection} through a pooled streaming processor configured as in the
 *       application; {@code index_ratio} = projection documents/s ÷ raw bulk documents/s.</li>
 *   <li>Queries through {@code GET /api/search/customers} (Spring MVC on Tomcat) for a mix of query
 *       kinds, p50/p99 per kind and overall.</li>
 *   <li>Freshness: with the projection running live, a contact is added and the endpoint polled every
 *       5 ms until the new phone number is found; p50/p99 of publish → found.</li>
 * </ol>
 * Writes {@code bench-results/search.json}.
 */
public final class SearchBenchmark {

    private static final String RAW = "bench_raw_customers";
    private static final String PROJECTED = "bench_customers";
    /** Documents per bulk request of the raw indexing. */
    private static final int RAW_BULK_DOCUMENTS = 500;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customerCount = Integer.getInteger("bench.customers", 50_000);
        int contactsPerCustomer = Integer.getInteger("bench.contacts", 4);
        long seed = Long.getLong("bench.seed", 20261122L);
        int queriesPerKind = Integer.getInteger("bench.queriesPerKind", 200);
        int freshnessSamples = Integer.getInteger("bench.freshnessSamples", 100);

        long started = System.nanoTime();
        ElasticsearchClient client = SharedElasticsearch.client();
        log("Elasticsearch at %s", SharedElasticsearch.url());

        SearchDataGenerator generator = new SearchDataGenerator(seed);
        List<SearchDataGenerator.Customer> customers = generator.customers(customerCount, contactsPerCustomer);
        int contactCount = customerCount * contactsPerCustomer;
        log("generated %,d customers with %,d contacts (seed %d)", customerCount, contactCount, seed);

        // 1. raw bulk indexing of the final documents
        VersionedIndex rawIndex = fresh(client, RAW);
        CustomerSearchWriter rawWriter = new CustomerSearchWriter(client, RAW);
        int batch = RAW_BULK_DOCUMENTS;
        long rawStart = System.nanoTime();
        for (int from = 0; from < customers.size(); from += batch) {
            List<CustomerSearchDocument> documents = new ArrayList<>(batch);
            for (SearchDataGenerator.Customer customer : customers.subList(from, Math.min(customers.size(), from + batch))) {
                documents.add(customer.document());
            }
            rawWriter.write(documents, false);
        }
        rawIndex.refresh();
        double rawSeconds = seconds(rawStart);
        double rawRate = customerCount / rawSeconds;
        log("raw bulk: %,d documents in %.1f s = %,.0f documents/s", customerCount, rawSeconds, rawRate);

        // 2. the same customers through the projection
        VersionedIndex projectedIndex = fresh(client, PROJECTED);
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
        projectedIndex.refresh();
        double projectionSeconds = seconds(projectionStart);
        double projectionRate = customerCount / projectionSeconds;
        long indexed = client.count(count -> count.index(PROJECTED)).count();
        log("projection: %,d events → %,d documents in %.1f s = %,.0f documents/s", eventCount, indexed,
                projectionSeconds, projectionRate);
        double indexRatio = projectionRate / rawRate;
        log("index_ratio = %.2f", indexRatio);

        // 3. queries through the REST endpoint
        BenchWeb.search = new CustomerSearch(client, PROJECTED);
        ConfigurableApplicationContext web = new SpringApplicationBuilder(BenchWeb.class)
                .properties("server.port=0", "spring.main.banner-mode=off", "logging.level.root=WARN")
                .run();
        String base = "http://127.0.0.1:" + web.getEnvironment().getProperty("local.server.port") + "/api/search/customers";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(seed + 1);
        Map<String, Function<SearchDataGenerator.Customer, String>> kinds = queryKinds(random);
        for (int i = 0; i < 300; i++) {
            String kind = new ArrayList<>(kinds.keySet()).get(i % kinds.size());
            get(http, base, kinds.get(kind).apply(customers.get(random.nextInt(customers.size()))));
        }
        Map<String, Object> perKind = new LinkedHashMap<>();
        Map<String, List<Double>> latenciesByKind = new LinkedHashMap<>();
        kinds.keySet().forEach(kind -> latenciesByKind.put(kind, new ArrayList<>()));
        List<Double> all = new ArrayList<>();
        long hitsFound = 0;
        long queries = 0;
        for (int i = 0; i < queriesPerKind; i++) {
            // kinds interleaved, so that load changes on the machine spread over all of them
            for (Map.Entry<String, Function<SearchDataGenerator.Customer, String>> kind : kinds.entrySet()) {
                String query = kind.getValue().apply(customers.get(random.nextInt(customers.size())));
                long start = System.nanoTime();
                String body = get(http, base, query);
                double millis = (System.nanoTime() - start) / 1e6;
                latenciesByKind.get(kind.getKey()).add(millis);
                all.add(millis);
                queries++;
                if (!body.contains("\"hits\":[]")) {
                    hitsFound++;
                }
            }
        }
        latenciesByKind.forEach((kind, latencies) -> {
            perKind.put(kind, Map.of("p50_ms", round(percentile(latencies, 50)), "p99_ms", round(percentile(latencies, 99))));
            log("query %-22s p50 %6.1f ms  p99 %6.1f ms", kind, percentile(latencies, 50), percentile(latencies, 99));
        });
        log("queries: %,d, p50 %.1f ms, p99 %.1f ms, %,d with hits", queries, percentile(all, 50), percentile(all, 99), hitsFound);

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
            while (!get(http, base, phone).contains(customer.customerId())) {
                if (System.nanoTime() - start > 10_000_000_000L) {
                    throw new IllegalStateException("Contact " + phone + " not searchable after 10 s");
                }
                Thread.sleep(5);
            }
            freshness.add((System.nanoTime() - start) / 1e6);
            Thread.sleep(50);
        }
        log("freshness: p50 %.0f ms, p99 %.0f ms, max %.0f ms", percentile(freshness, 50), percentile(freshness, 99),
                freshness.stream().mapToDouble(Double::doubleValue).max().orElse(0));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "search");
        result.put("customers", customerCount);
        result.put("contacts", contactCount);
        result.put("events", eventCount);
        result.put("seed", seed);
        result.put("raw_bulk_documents", RAW_BULK_DOCUMENTS);
        result.put("processor_batch_events", CustomerSearchConfiguration.BATCH_SIZE);
        result.put("processor_segments", CustomerSearchConfiguration.SEGMENTS);
        result.put("raw_bulk_docs_per_s", Math.round(rawRate));
        result.put("projection_docs_per_s", Math.round(projectionRate));
        result.put("projection_events_per_s", Math.round(eventCount / projectionSeconds));
        result.put("index_ratio", round(indexRatio));
        result.put("queries", queries);
        result.put("queries_with_hits", hitsFound);
        result.put("query_p50_ms", round(percentile(all, 50)));
        result.put("query_p99_ms", round(percentile(all, 99)));
        result.put("query_kinds", perKind);
        result.put("freshness_samples", freshness.size());
        result.put("freshness_p50_ms", round(percentile(freshness, 50)));
        result.put("freshness_p99_ms", round(percentile(freshness, 99)));
        result.put("cpus", Runtime.getRuntime().availableProcessors());
        result.put("elasticsearch_heap", "512m");
        result.put("total_seconds", round(seconds(started)));
        Path out = Path.of("bench-results", "search.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));

        web.close();
        processor.shutDown();
        executor.shutdownNow();
        eventStore.shutDown();
        client.indices().delete(delete -> delete.index(RAW + "_v1", PROJECTED + "_v1").ignoreUnavailable(true));
        System.exit(0);
    }

    /** The query kinds of the mix, each drawing its text from a random generated customer. */
    private static Map<String, Function<SearchDataGenerator.Customer, String>> queryKinds(Random random) {
        Map<String, Function<SearchDataGenerator.Customer, String>> kinds = new LinkedHashMap<>();
        kinds.put("company_words", customer -> customer.name().length() > 6 && !customer.name().contains(" ")
                ? customer.name().substring(0, 4) + " " + customer.name().substring(4, 6) : customer.name().split(" ")[0]);
        kinds.put("company_full_name", SearchDataGenerator.Customer::name);
        kinds.put("person_name", customer -> person(customer, random).name());
        kinds.put("pinyin_full", customer -> pinyin(person(customer, random), false));
        kinds.put("pinyin_initials", customer -> pinyin(person(customer, random), true));
        kinds.put("latin_name_typo", customer -> typo(person(customer, random).name(), random));
        kinds.put("latin_prefix", customer -> {
            String name = customer.latinName() != null ? customer.latinName() : customer.people().get(0).name();
            return name.substring(0, Math.min(4, name.length()));
        });
        kinds.put("phone_formatted", customer -> {
            String mobile = person(customer, random).mobile();
            return "+86 " + mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
        });
        kinds.put("phone_prefix", customer -> person(customer, random).mobile().substring(0, 7));
        kinds.put("name_last_four", customer -> {
            SearchDataGenerator.Person person = person(customer, random);
            return person.name() + " " + person.mobile().substring(7);
        });
        kinds.put("email_prefix", customer -> {
            String email = person(customer, random).email();
            return email.substring(0, email.indexOf('@') + 2);
        });
        kinds.put("filtered_word", customer -> customer.name().substring(0, 2) + "&region="
                + URLEncoder.encode(customer.region(), StandardCharsets.UTF_8) + "&manager=" + customer.manager());
        return kinds;
    }

    private static SearchDataGenerator.Person person(SearchDataGenerator.Customer customer, Random random) {
        return customer.people().get(random.nextInt(customer.people().size()));
    }

    private static String pinyin(SearchDataGenerator.Person person, boolean initials) {
        if (!person.chinese()) {
            return person.name().toLowerCase();
        }
        Pinyin.Forms forms = Pinyin.ofPersonName(person.name());
        return initials ? forms.initials().get(0) : forms.full().get(0);
    }

    private static String typo(String name, Random random) {
        if (!name.matches("[A-Za-z ]+") || name.length() < 5) {
            return name;
        }
        char[] chars = name.toCharArray();
        int at = 1 + random.nextInt(chars.length - 2);
        if (chars[at] == ' ' || chars[at + 1] == ' ') {
            return name;
        }
        char swap = chars[at];
        chars[at] = chars[at + 1];
        chars[at + 1] = swap;
        return new String(chars);
    }

    private static String get(HttpClient http, String base, String query) throws Exception {
        String q = query;
        String extra = "";
        int amp = query.indexOf('&');
        if (amp > 0) {
            q = query.substring(0, amp);
            extra = query.substring(amp);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "?size=10&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + extra))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " for " + query + ": " + response.body());
        }
        return response.body();
    }

    private static VersionedIndex fresh(ElasticsearchClient client, String alias) throws Exception {
        VersionedIndex index = new VersionedIndex(client, alias, 1, "customers");
        client.indices().delete(delete -> delete.index(index.indexName(1)).ignoreUnavailable(true));
        index.ensureExists();
        return index;
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

    private static double percentile(List<Double> values, double percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void log(String format, Object... args) {
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

        @Bean
        CustomerSearchController customerSearchController() {
            return new CustomerSearchController(search);
        }
    }
}
