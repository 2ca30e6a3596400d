package dev.kehu.query.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.mongodb.client.MongoDatabase;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.query.elasticsearch.ElasticsearchQueryConfiguration;
import dev.kehu.query.elasticsearch.IndexRebuild;
import dev.kehu.query.elasticsearch.VersionedIndex;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.RebuildBatch;
import dev.kehu.query.projection.SkippedEvents;
import dev.kehu.query.projection.operations.ProjectionControl;
import dev.kehu.query.reporting.OpportunityReportProjection;
import dev.kehu.query.reporting.OpportunityReportWriter;
import dev.kehu.query.reporting.ReportingCustomerLookup;
import dev.kehu.query.search.CustomerSearchProjection;
import dev.kehu.query.search.CustomerSearchWriter;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/projections/{customer-search|opportunity-reporting}/rebuild} on real servers: the shared
 * Elasticsearch node, the MongoDB event store and views on the embedded server. The live processors of both groups
 * write through their aliases while {@link ProjectionRebuilds} builds new indexes (and, for reporting, a new version of
 * {@value ReportingCustomerLookup#COLLECTION}) beside them, under the same machinery as the MongoDB views' rebuilds.
 */
@ExtendWith(SharedElasticsearch.class)
class SearchAndReportingRebuildTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);
    static final String SEARCH = CustomerSearchProjection.PROCESSING_GROUP;
    static final String REPORTING = OpportunityReportProjection.PROCESSING_GROUP;
    static final RebuildProperties SLOW = RebuildProperties.defaults().withChunkSize(200).withChunkPause(Duration.ofMillis(30))
            .withCheckEvery(Duration.ofMillis(100)).withGracePeriod(Duration.ofSeconds(1));

    private final ElasticsearchClient client = SharedElasticsearch.client();
    private final String prefix = "rebuild_" + Long.toString(System.nanoTime(), 36) + "_";
    private final VersionedIndex customers = new VersionedIndex(client, prefix + "customers", 1, "customers");
    private final VersionedIndex opportunities = new VersionedIndex(client, prefix + "opportunities", 1, "opportunities");
    private final List<AutoCloseable> closing = new ArrayList<>();
    private EmbeddedMongo mongo;
    private MongoDatabase raw;
    private MongoDatabase routed;
    private ViewVersions versions;
    private EventStorageEngine engine;
    private Configuration axon;
    private ProjectionControl control;

    @AfterEach
    void closeAndDelete() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        List<String> mine = new ArrayList<>(client.indices().get(request -> request.index(prefix + "*")).result().keySet());
        if (!mine.isEmpty()) {
            client.indices().delete(request -> request.index(mine).ignoreUnavailable(true));
        }
    }

    @Test
    void aRebuildWhileEventsKeepArrivingEqualsAFreshBuildAndSwitchesAtomically() throws Exception {
        List<DomainEventMessage<?>> history = start(61, 3_500);
        List<DomainEventMessage<?>> before = history.subList(0, 2_000);
        List<DomainEventMessage<?>> during = history.subList(2_000, history.size());
        publish(before);
        awaitCaughtUp(SEARCH);
        awaitCaughtUp(REPORTING);
        String oldCustomers = customers.aliasedIndices().iterator().next();
        String oldOpportunities = opportunities.aliasedIndices().iterator().next();
        ProjectionRebuilds rebuilds = instance("one");

        long headAtRequest = axon.eventStore().createHeadToken().position().orElse(-1);
        assertThat(rebuilds.start(SEARCH, "王芳 Wang Fang").get("version")).as("queries read version 0 meanwhile").isEqualTo(0);
        rebuilds.start(REPORTING, "Emma Wilson");
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread arriving = new Thread(() -> {
            try {
                for (DomainEventMessage<?> event : during) {
                    axon.eventStore().publish(event);
                }
            } finally {
                publishing.set(false);
            }
        });
        arriving.start();
        // queries read the old indexes while the rebuild runs, and the status shows its progress
        boolean sawProgress = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!"DONE".equals(rebuild(SEARCH).getString("state")) || !"DONE".equals(rebuild(REPORTING).getString("state"))) {
            assertThat(System.nanoTime()).as("rebuilds done: %s %s", rebuild(SEARCH), rebuild(REPORTING)).isLessThan(deadline);
            if ("RUNNING".equals(rebuild(SEARCH).getString("state")) && rebuild(SEARCH).get("position") instanceof Number position
                    && position.longValue() > 0) {
                assertThat(customers.aliasedIndices()).containsExactly(oldCustomers);
                @SuppressWarnings("unchecked")
                Map<String, Object> progress = (Map<String, Object>) rebuilds.status(SEARCH).get("rebuild");
                assertThat(progress.get("percentDone")).isInstanceOf(Double.class);
                assertThat((Double) progress.get("percentDone")).isBetween(0.0, 100.0);
                assertThat(progress.get("headPosition")).isInstanceOf(Long.class);
                assertThat((Long) progress.get("headPosition")).isGreaterThanOrEqualTo(position.longValue());
                sawProgress = true;
            }
            Thread.sleep(20);
        }
        arriving.join(120_000);
        assertThat(publishing).isFalse();
        assertThat(sawProgress).as("the rebuild was seen running with its progress").isTrue();
        assertThat(position(SEARCH)).as("events arrived while the rebuild ran").isGreaterThan(headAtRequest);
        assertThat(position(REPORTING)).as("events arrived while the rebuild ran").isGreaterThan(headAtRequest);

        awaitCaughtUp(SEARCH);
        awaitCaughtUp(REPORTING);
        assertThat(customers.aliasedIndices()).containsExactly(customers.indexName(1) + "_r1");
        assertThat(opportunities.aliasedIndices()).containsExactly(opportunities.indexName(1) + "_r1");
        assertThat(versions.refresh().versions()).containsEntry(SEARCH, 1).containsEntry(REPORTING, 1);
        Scratch scratch = fromScratch();
        Map<String, String> rebuilt = documents(customers.alias());
        assertThat(rebuilt).as("every registered customer, none missed")
                .hasSize((int) history.stream().filter(e -> e.getPayload() instanceof CustomerRegistered).count());
        assertThat(rebuilt).isEqualTo(documents(scratch.customers));
        assertThat(documents(opportunities.alias())).isNotEmpty().isEqualTo(documents(scratch.opportunities));
        assertThat(lookup(raw, ReportingCustomerLookup.COLLECTION + "_v1")).isNotEmpty()
                .isEqualTo(lookup(scratch.database, ReportingCustomerLookup.COLLECTION));

        // the old indexes and the old lookup collection go after the grace period
        long dropDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (exists(oldCustomers) || exists(oldOpportunities) || collections().contains(ReportingCustomerLookup.COLLECTION)) {
            assertThat(System.nanoTime()).as("old versions dropped after the grace period").isLessThan(dropDeadline);
            Thread.sleep(50);
        }
        assertThat(exists(customers.indexName(1) + "_r1")).isTrue();
    }

    @Test
    void aCancelledRebuildDropsItsNewIndexAndCollectionAndChangesNothing() throws Exception {
        List<DomainEventMessage<?>> history = start(67, 3_000);
        publish(history);
        awaitCaughtUp(REPORTING);
        String live = opportunities.aliasedIndices().iterator().next();
        Map<String, String> before = documents(opportunities.alias());
        ProjectionRebuilds rebuilds = instance("one", SLOW.withChunkPause(Duration.ofMillis(200)));
        rebuilds.start(REPORTING, "李娜 Li Na");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!(rebuild(REPORTING).get("position") instanceof Number position && position.longValue() > 0)) {
            assertThat(System.nanoTime()).as("the rebuild progresses: %s", rebuild(REPORTING)).isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(exists(opportunities.indexName(1) + "_r1")).isTrue();
        assertThat(collections()).contains(ReportingCustomerLookup.COLLECTION + "_v1");

        rebuilds.cancel(REPORTING, "李娜 Li Na");
        while (!rebuild(REPORTING).getBoolean("cleaned", false)) {
            assertThat(System.nanoTime()).as("the cancelled rebuild is cleaned up: %s", rebuild(REPORTING)).isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(rebuild(REPORTING).getString("state")).isEqualTo("CANCELLED");
        assertThat(exists(opportunities.indexName(1) + "_r1")).isFalse();
        assertThat(collections()).doesNotContain(ReportingCustomerLookup.COLLECTION + "_v1").contains(ReportingCustomerLookup.COLLECTION);
        assertThat(opportunities.aliasedIndices()).containsExactly(live);
        assertThat(versions.refresh().versions()).doesNotContainKey(REPORTING);
        assertThat(documents(opportunities.alias())).isEqualTo(before);
    }

    @Test
    void aRebuildStoppedWithItsInstanceResumesFromItsStoredPositionOnAnother() throws Exception {
        List<DomainEventMessage<?>> history = start(71, 3_000);
        publish(history);
        awaitCaughtUp(SEARCH);
        awaitCaughtUp(REPORTING);
        ProjectionRebuilds first = instance("first", SLOW.withChunkPause(Duration.ofMillis(100)));
        first.start(SEARCH, "王芳 Wang Fang");
        first.start(REPORTING, "王芳 Wang Fang");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!(position(SEARCH) >= 800 && position(REPORTING) >= 800)) {
            assertThat(System.nanoTime()).as("the rebuilds progress: %s %s", rebuild(SEARCH), rebuild(REPORTING)).isLessThan(deadline);
            Thread.sleep(10);
        }
        first.close();
        long stoppedSearch = position(SEARCH);
        long stoppedReporting = position(REPORTING);
        assertThat(rebuild(SEARCH).getString("state")).isEqualTo("RUNNING");
        assertThat(rebuild(SEARCH).getInteger("attempt")).isEqualTo(1);

        instance("second", SLOW.withChunkPause(Duration.ZERO));
        while (!"DONE".equals(rebuild(SEARCH).getString("state")) || !"DONE".equals(rebuild(REPORTING).getString("state"))) {
            assertThat(System.nanoTime()).as("resumed and done: %s %s", rebuild(SEARCH), rebuild(REPORTING)).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(rebuild(SEARCH).getString("runBy")).isEqualTo("second");
        assertThat(((Number) rebuild(SEARCH).get("runStartPosition")).longValue()).isEqualTo(stoppedSearch).isPositive();
        assertThat(((Number) rebuild(REPORTING).get("runStartPosition")).longValue()).isEqualTo(stoppedReporting).isPositive();
        Scratch scratch = fromScratch();
        assertThat(documents(customers.alias())).isNotEmpty().isEqualTo(documents(scratch.customers));
        assertThat(documents(opportunities.alias())).isNotEmpty().isEqualTo(documents(scratch.opportunities));
        assertThat(lookup(raw, ReportingCustomerLookup.COLLECTION + "_v1"))
                .isEqualTo(lookup(scratch.database, ReportingCustomerLookup.COLLECTION));
    }

    /** The servers, the live processors of both groups (through the version routing) and the history to publish. */
    private List<DomainEventMessage<?>> start(long seed, int events) throws IOException {
        mongo = new EmbeddedMongo();
        closing.add(mongo);
        raw = mongo.database("index-rebuild");
        versions = new ViewVersions(raw, Duration.ofMillis(100));
        routed = versions.routing(raw);
        engine = RebuildHolderProcess.engine(raw);
        customers.ensureExists();
        opportunities.ensureExists();
        CustomerSearchWriter searchWriter = new CustomerSearchWriter(client, customers);
        OpportunityReportWriter reportWriter = new OpportunityReportWriter(client, opportunities);
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> engine)
                .configureEventSerializer(c -> ReadSide.eventSerializer());
        ElasticsearchQueryConfiguration.indexingProcessor(SEARCH, searchWriter::flush,
                (c, builder) -> builder.initialSegmentCount(2).batchSize(500)).configureModule(configurer);
        ElasticsearchQueryConfiguration.indexingProcessor(REPORTING, reportWriter::flush,
                (c, builder) -> builder.initialSegmentCount(1).batchSize(500)).configureModule(configurer);
        configurer.eventProcessing().registerEventHandler(c -> new CustomerSearchProjection(searchWriter));
        configurer.eventProcessing().registerEventHandler(c -> new OpportunityReportProjection(reportWriter,
                new ReportingCustomerLookup(routed), SeededHistory.ZONE));
        axon = configurer.buildConfiguration();
        axon.start();
        closing.add(axon::shutdown);
        control = new ProjectionControl(routed, () -> axon, CLOCK, Duration.ofMillis(200));
        control.start();
        closing.add(control::close);
        return SeededHistory.generate(seed, events, TODAY).events();
    }

    private ProjectionRebuilds instance(String name) {
        return instance(name, SLOW);
    }

    private ProjectionRebuilds instance(String name, RebuildProperties properties) {
        ProjectionRebuilds rebuilds = new ProjectionRebuilds(raw, versions, EventLog.of(engine), Map.of(),
                Map.of(SEARCH, searchRebuild(customers), REPORTING, reportingRebuild(opportunities)), control,
                RebuildLease.local(), properties, Clock.systemUTC(), name);
        rebuilds.start();
        closing.add(rebuilds);
        return rebuilds;
    }

    private IndexRebuild searchRebuild(VersionedIndex index) {
        return new IndexRebuild(SEARCH, client, index,
                target -> List.of(new CustomerSearchProjection(target.holding(new CustomerSearchWriter(client, target.index(), SkippedEvents.inMemory())))));
    }

    private IndexRebuild reportingRebuild(VersionedIndex index) {
        return new IndexRebuild(REPORTING, client, index, target -> List.of(new OpportunityReportProjection(
                target.holding(new OpportunityReportWriter(client, target.index(), SkippedEvents.inMemory())),
                new ReportingCustomerLookup(target.database()), SeededHistory.ZONE)));
    }

    /** Both groups built from the whole log into indexes and a database of their own: what any rebuild must equal. */
    private Scratch fromScratch() throws IOException {
        VersionedIndex scratchCustomers = new VersionedIndex(client, prefix + "scratch_customers", 1, "customers");
        VersionedIndex scratchOpportunities = new VersionedIndex(client, prefix + "scratch_opportunities", 1, "opportunities");
        scratchCustomers.ensureExists();
        scratchOpportunities.ensureExists();
        MongoDatabase database = mongo.database("scratch-" + System.nanoTime());
        List<RebuildBatch> batches = List.of(
                new RebuildBatch(SEARCH, List.of(new CustomerSearchProjection(new CustomerSearchWriter(client, scratchCustomers.alias()))),
                        database, List.of(), true, 1_000_000),
                new RebuildBatch(REPORTING, List.of(new OpportunityReportProjection(
                        new OpportunityReportWriter(client, scratchOpportunities), new ReportingCustomerLookup(database), SeededHistory.ZONE)),
                        database, List.of(ReportingCustomerLookup.COLLECTION), true, 1_000_000));
        new RebuildPass(EventLog.of(engine), batches, 5_000).run(-1, (position, pass) -> true);
        return new Scratch(scratchCustomers.alias(), scratchOpportunities.alias(), database);
    }

    private record Scratch(String customers, String opportunities, MongoDatabase database) {
    }

    private void publish(List<DomainEventMessage<?>> events) {
        for (int i = 0; i < events.size(); i += 100) {
            axon.eventStore().publish(events.subList(i, Math.min(events.size(), i + 100)));
        }
    }

    /** Waits until the group's live processor has applied everything up to the head of the log. */
    private void awaitCaughtUp(String group) throws InterruptedException {
        long head = axon.eventStore().createHeadToken().position().orElse(-1);
        StreamingEventProcessor processor = control.processor(group);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (processor.processingStatus().isEmpty() || processor.processingStatus().values().stream()
                .anyMatch(status -> status.getCurrentPosition().orElse(-1) < head)) {
            assertThat(System.nanoTime()).as("%s caught up with %s: %s", group, head, processor.processingStatus()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private long position(String group) {
        return rebuild(group).get("position") instanceof Number number ? number.longValue() : -1;
    }

    private Document rebuild(String group) {
        Document state = raw.getCollection(ViewVersions.COLLECTION).find(new Document("_id", group)).first();
        Document rebuild = state == null ? null : state.get("rebuild", Document.class);
        return rebuild == null ? new Document() : rebuild;
    }

    /** Every document of an index (after a refresh) with its external version, by id. */
    @SuppressWarnings("rawtypes")
    private Map<String, String> documents(String index) throws IOException {
        client.indices().refresh(request -> request.index(index));
        SearchResponse<Map> response = client.search(search -> search.index(index).size(10_000).version(true)
                .query(query -> query.matchAll(all -> all)), Map.class);
        Map<String, String> documents = new TreeMap<>();
        for (Hit<Map> hit : response.hits().hits()) {
            documents.put(hit.id(), hit.version() + " " + hit.source());
        }
        return documents;
    }

    private static Map<String, String> lookup(MongoDatabase database, String collection) {
        Map<String, String> documents = new TreeMap<>();
        for (Document document : database.getCollection(collection).find()) {
            documents.put(document.getString("_id"), document.toJson());
        }
        return documents;
    }

    private boolean exists(String index) throws IOException {
        return client.indices().exists(request -> request.index(index)).value();
    }

    private List<String> collections() {
        return raw.listCollectionNames().into(new ArrayList<>());
    }
}
