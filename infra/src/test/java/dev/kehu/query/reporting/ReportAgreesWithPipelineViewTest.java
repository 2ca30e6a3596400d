package dev.kehu.query.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.kehu.events.Money;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.pipeline.PipelineController;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.elasticsearch.FlushAtEndOfBatch;
import dev.kehu.query.elasticsearch.VersionedIndex;
import dev.kehu.query.web.ViewFreshness;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same seeded history (plus customers moving to another office while their deals are open, and
 * two deals entered with fractions of a cent) through the MongoDB read side and through the Elasticsearch reporting projection: for every
 * slice both can express, {@code GET /api/pipeline} and {@code GET /api/reports/opportunities}
 * report the same counts, amounts and weighted amounts, to the cent.
 */
@ExtendWith(SharedElasticsearch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportAgreesWithPipelineViewTest {

    private static final String ALIAS = "agree_report_opportunities";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final String CNY = SeededHistory.CURRENCY;
    private static final String NONE = OpportunityReports.NONE;

    private final ElasticsearchClient client = SharedElasticsearch.client();
    private final VersionedIndex index = new VersionedIndex(client, ALIAS, 1, "opportunities");
    private final OpportunityReports reports = new OpportunityReports(client, ALIAS);
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final Clock clock = Clock.fixed(SeededHistory.startOfDay(TODAY).plusSeconds(12 * 3600), SeededHistory.ZONE);
    private MongoServer mongoServer;
    private MongoClient mongo;
    private ReadSide readSide;
    private PooledStreamingEventProcessor reporting;
    private PipelineController pipeline;
    private List<DomainEventMessage<?>> events;

    @BeforeAll
    void feedTheSameHistoryToBothSides() throws IOException {
        index.ensureExists();
        mongoServer = new MongoServer(new MemoryBackend());
        mongoServer.bind("127.0.0.1", 0);
        InetSocketAddress address = mongoServer.getLocalAddress();
        mongo = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());

        events = historyWithMovedCustomers(SeededHistory.generate(20261120L, 12_000, TODAY));

        readSide = ReadSide.start(mongo.getDatabase("kehu_views"), new InMemoryEventStorageEngine(), clock, 250, false);
        readSide.publishLive(events, 0);
        readSide.startProcessors();

        OpportunityReportWriter writer = new OpportunityReportWriter(client, index);
        OpportunityReportProjection projection = new OpportunityReportProjection(writer,
                new ReportingCustomerLookup(mongo.getDatabase("kehu_reporting")), SeededHistory.ZONE);
        reporting = PooledStreamingEventProcessor.builder()
                .name(OpportunityReportProjection.PROCESSING_GROUP)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projection)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()).build())
                .messageSource(readSide.configuration().eventStore())
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(executor)
                .workerExecutor(executor)
                .initialSegmentCount(1)
                .batchSize(500)
                .build();
        reporting.registerHandlerInterceptor(new FlushAtEndOfBatch(writer::flush));
        reporting.start();

        readSide.awaitCaughtUp(Duration.ofSeconds(120));
        long head = readSide.headPosition();
        await().atMost(Duration.ofSeconds(120)).until(() -> !reporting.processingStatus().isEmpty()
                && reporting.processingStatus().values().stream()
                        .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
        index.refresh();

        pipeline = new PipelineController(mongo.getDatabase("kehu_views"),
                new ViewFreshness(readSide.positions(), Duration.ofSeconds(5)),
                new ReportContext(clock, SeededHistory.ZONE.getId(), CNY));
    }

    @AfterAll
    void stop() throws IOException {
        if (reporting != null) {
            reporting.shutDown();
        }
        executor.shutdownNow();
        if (readSide != null) {
            readSide.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (mongoServer != null) {
            mongoServer.shutdownNow();
        }
        client.indices().delete(request -> request.index(index.indexName(1)).ignoreUnavailable(true));
    }

    /**
     * The seeded history, then every fifth customer that has deals moves to another office (a
     * profile change after its opportunities were opened): reports count deals where the customer
     * is now.
     */
    private static List<DomainEventMessage<?>> historyWithMovedCustomers(SeededHistory history) {
        List<DomainEventMessage<?>> all = new ArrayList<>(history.events());
        Map<String, CustomerProfile> profiles = new TreeMap<>();
        Map<String, Long> sequences = new TreeMap<>();
        Map<String, Boolean> hasDeals = new TreeMap<>();
        for (DomainEventMessage<?> event : history.events()) {
            sequences.merge(event.getAggregateIdentifier(), 1L, Long::sum);
            if (event.getPayload() instanceof CustomerRegistered registered) {
                profiles.put(registered.customerId(), registered.profile());
            } else if (event.getPayload() instanceof CustomerProfileChanged changed) {
                profiles.put(changed.customerId(), changed.profile());
            } else if (event.getPayload() instanceof OpportunityOpened opened) {
                hasDeals.put(opened.customerId(), true);
            }
        }
        Instant at = SeededHistory.startOfDay(TODAY).minusSeconds(3600);
        List<String> regions = SeededHistory.REGIONS;
        int moved = 0;
        for (String customerId : hasDeals.keySet()) {
            if (moved++ % 5 != 0) {
                continue;
            }
            CustomerProfile p = profiles.get(customerId);
            String region = regions.get((regions.indexOf(p.region()) + 1) % regions.size());
            CustomerProfile movedProfile = new CustomerProfile(p.chineseName(), p.latinName(), p.creditCode(), p.mobile(),
                    p.email(), p.industry(), region, p.segment(), p.sourceChannel(), p.tags(), p.addresses(),
                    p.preferences(), p.notes());
            long sequence = sequences.merge(customerId, 1L, Long::sum) - 1;
            all.add(new GenericDomainEventMessage<>("Customer", customerId, sequence,
                    new CustomerProfileChanged(customerId, movedProfile), Map.of(), UUID.randomUUID().toString(), at));
            at = at.plusSeconds(1);
        }
        // Two deals entered with fractions of a cent (the command side keeps the scale it is given):
        // both sides round the amount half-up to cents first, then weight the rounded amount.
        String customerId = hasDeals.keySet().iterator().next();
        all.add(subCentDeal("agree-subcent-1", customerId, "1000.005", Stage.PROPOSAL, 50, at));
        all.add(subCentDeal("agree-subcent-2", customerId, "2499.995", Stage.NEGOTIATION, 80, at.plusSeconds(1)));
        return all;
    }

    private static DomainEventMessage<?> subCentDeal(String id, String customerId, String amount, Stage stage, int probability,
                                                     Instant at) {
        return new GenericDomainEventMessage<>("Opportunity", id, 0, new OpportunityOpened(id, customerId, "零头测试 sub-cent deal " + id,
                new Money(new BigDecimal(amount), CNY), TODAY.plusMonths(2), "展会", "li.na", OpportunityPriority.NORMAL, stage, probability),
                Map.of(), UUID.randomUUID().toString(), at);
    }

    // --- the figures each side reports, as key -> (count, amount, weighted amount) -----------------

    private record Figures(long count, BigDecimal amount, BigDecimal weightedAmount) {
        Figures {
            // Both sides report cents; a third decimal on either side is a disagreement, not noise.
            amount = amount.setScale(2, RoundingMode.UNNECESSARY);
            weightedAmount = weightedAmount.setScale(2, RoundingMode.UNNECESSARY);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> openPipeline(String owner, String region) {
        Map<String, Object> body = pipeline.pipeline(null, null, owner, region, null).join().getBody();
        assertThat(body).isNotNull().containsEntry("currency", CNY).containsEntry("stale", false);
        return (Map<String, Object>) body.get("open");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Figures> pipelineRows(Map<String, Object> open, String section, String keyName) {
        Map<String, Figures> rows = new TreeMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) open.get(section)) {
            long count = ((Number) row.get("count")).longValue();
            if (count == 0) {
                continue; // the pipeline view lists every open stage, the index only stages that occur
            }
            String key = String.valueOf(row.get(keyName));
            rows.put("null".equals(key) ? NONE : key, figures(row));
        }
        return rows;
    }

    private static Figures figures(Map<String, Object> row) {
        return new Figures(((Number) row.get("count")).longValue(), (BigDecimal) row.get("amount"), (BigDecimal) row.get("weightedAmount"));
    }

    private static Map<String, Figures> reportRows(OpportunityReport report) {
        Map<String, Figures> rows = new TreeMap<>();
        String dimension = report.groupBy().get(0);
        for (OpportunityReport.Group group : report.groups()) {
            rows.put(group.keys().get(dimension), figures(group));
        }
        return rows;
    }

    private static Figures figures(OpportunityReport.Group group) {
        OpportunityReport.Figures cny = group.figures().stream().filter(f -> CNY.equals(f.currency())).findFirst()
                .orElse(new OpportunityReport.Figures(CNY, 0, BigDecimal.ZERO, BigDecimal.ZERO));
        return new Figures(group.count(), cny.amount(), cny.weightedAmount());
    }

    private OpportunityReport openReport(List<String> owners, List<String> regions, ReportDimension groupBy) {
        return reports.report(new OpportunityReportCriteria(null, null, regions, null, null, owners, null,
                List.of(OpportunityReportDocument.OPEN), List.of(groupBy)));
    }

    private Map<String, Figures> openReportRows(ReportDimension groupBy) {
        return reportRows(openReport(null, null, groupBy));
    }

    // --- the tests -----------------------------------------------------------------------------

    @Test
    void theHistoryIsRealisticEnoughToCompare() {
        assertThat(events).hasSizeGreaterThan(12_000);
        assertThat(events).filteredOn(e -> e.getPayload() instanceof OpportunityOpened).hasSizeGreaterThan(50);
        assertThat(events).filteredOn(e -> e.getPayload() instanceof OpportunityWon).hasSizeGreaterThan(5);
        assertThat(events).filteredOn(e -> e.getPayload() instanceof OpportunityLost).hasSizeGreaterThan(5);
        assertThat(events).filteredOn(e -> e.getPayload() instanceof OpportunityReopened).isNotEmpty();
        assertThat(events).filteredOn(e -> e.getPayload() instanceof OpportunityAmountChanged).hasSizeGreaterThan(5);
        assertThat(events).filteredOn(e -> e.getPayload() instanceof OpportunityStageChanged).hasSizeGreaterThan(50);
        assertThat(events).filteredOn(e -> e.getPayload() instanceof CustomerProfileChanged).isNotEmpty();
    }

    @Test
    void agreesOnTheOpenPipelineInTotal() {
        Map<String, Object> open = openPipeline(null, null);
        @SuppressWarnings("unchecked")
        Figures pipelineTotal = figures((Map<String, Object>) open.get("total"));
        Figures reportTotal = figures(openReport(null, null, ReportDimension.STAGE).total());

        assertThat(reportTotal).isEqualTo(pipelineTotal);
        assertThat(reportTotal.count()).isGreaterThan(20);
        assertThat(reportTotal.weightedAmount()).isPositive().isLessThan(reportTotal.amount());
    }

    @Test
    void agreesOnTheOpenPipelineByStage() {
        Map<String, Figures> fromPipeline = pipelineRows(openPipeline(null, null), "byStage", "stage");

        assertThat(openReportRows(ReportDimension.STAGE)).isEqualTo(fromPipeline);
        assertThat(fromPipeline).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void agreesOnTheOpenPipelineByOwner() {
        Map<String, Figures> fromPipeline = pipelineRows(openPipeline(null, null), "byOwner", "ownerId");

        assertThat(openReportRows(ReportDimension.OWNER)).isEqualTo(fromPipeline);
        assertThat(fromPipeline).hasSizeGreaterThan(5);
    }

    @Test
    void agreesOnTheOpenPipelineByTheCustomersCurrentRegion() {
        Map<String, Figures> fromPipeline = pipelineRows(openPipeline(null, null), "byRegion", "region");

        assertThat(openReportRows(ReportDimension.REGION)).isEqualTo(fromPipeline);
        assertThat(fromPipeline).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void agreesOnTheOpenPipelineByExpectedCloseMonth() {
        Map<String, Figures> fromPipeline = pipelineRows(openPipeline(null, null), "byCloseMonth", "month");

        assertThat(openReportRows(ReportDimension.EXPECTED_CLOSE_MONTH)).isEqualTo(fromPipeline);
        assertThat(fromPipeline).hasSizeGreaterThan(3);
    }

    @Test
    void agreesOnEveryRegionsOpenPipelineByOwnerAndStage() {
        int compared = 0;
        for (String region : openReportRows(ReportDimension.REGION).keySet()) {
            Map<String, Object> open = openPipeline(null, region);
            assertThat(reportRows(openReport(null, List.of(region), ReportDimension.OWNER)))
                    .as("open pipeline of %s by owner", region)
                    .isEqualTo(pipelineRows(open, "byOwner", "ownerId"));
            assertThat(reportRows(openReport(null, List.of(region), ReportDimension.STAGE)))
                    .as("open pipeline of %s by stage", region)
                    .isEqualTo(pipelineRows(open, "byStage", "stage"));
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(5);
    }

    @Test
    void agreesOnOneOwnersOpenPipelineInOneRegion() {
        Map<String, Figures> byOwner = pipelineRows(openPipeline(null, "北京办事处"), "byOwner", "ownerId");
        String owner = byOwner.entrySet().stream().max(Map.Entry.comparingByValue(
                Comparator.comparingLong(Figures::count))).orElseThrow().getKey();

        Map<String, Object> open = openPipeline(owner, "北京办事处");
        OpportunityReport report = openReport(List.of(owner), List.of("北京办事处"), ReportDimension.EXPECTED_CLOSE_MONTH);

        assertThat(reportRows(report)).isEqualTo(pipelineRows(open, "byCloseMonth", "month"));
        @SuppressWarnings("unchecked")
        Figures total = figures((Map<String, Object>) open.get("total"));
        assertThat(figures(report.total())).isEqualTo(total);
        assertThat(total.count()).isGreaterThan(1);
    }

    @Test
    void agreesOnDealsWonAndLostInAPeriodPerRegion() {
        LocalDate from = TODAY.minusMonths(9);
        LocalDate to = TODAY.minusDays(1);
        long closed = 0;
        for (String region : SeededHistory.REGIONS) {
            @SuppressWarnings("unchecked")
            Map<String, Object> winRate = (Map<String, Object>) pipeline.pipeline(from.toString(), to.toString(), null, region, null).join()
                    .getBody().get("winRate");
            OpportunityReport report = reports.report(new OpportunityReportCriteria(from, to, List.of(region), null, null, null, null,
                    List.of(OpportunityReportDocument.WON, OpportunityReportDocument.LOST), List.of(ReportDimension.STAGE)));
            Map<String, Long> counts = new TreeMap<>();
            report.groups().forEach(group -> counts.put(group.keys().get("stage"), group.count()));

            assertThat(counts.getOrDefault("WON", 0L)).as("won in %s", region).isEqualTo(((Number) winRate.get("won")).longValue());
            assertThat(counts.getOrDefault("LOST", 0L)).as("lost in %s", region).isEqualTo(((Number) winRate.get("lost")).longValue());
            closed += report.total().count();
        }
        assertThat(closed).isGreaterThan(10);
    }
}
