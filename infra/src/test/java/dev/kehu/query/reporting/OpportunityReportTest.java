package dev.kehu.query.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.query.elasticsearch.FlushAtEndOfBatch;
import dev.kehu.query.elasticsearch.VersionedIndex;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Opportunity events and customer attributes through the projection into real aggregations. */
@ExtendWith(SharedElasticsearch.class)
class OpportunityReportTest {

    private static final String ALIAS = "report_opportunities";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final ElasticsearchClient client = SharedElasticsearch.client();
    private final VersionedIndex index = new VersionedIndex(client, ALIAS, 1, "opportunities");
    private final OpportunityReports reports = new OpportunityReports(client, ALIAS);
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final Map<String, Long> sequences = new HashMap<>();
    private MongoServer mongoServer;
    private MongoClient mongo;
    private PooledStreamingEventProcessor processor;

    @BeforeEach
    void start() throws IOException {
        index.ensureExists();
        mongoServer = new MongoServer(new MemoryBackend());
        mongoServer.bind("127.0.0.1", 0);
        InetSocketAddress address = mongoServer.getLocalAddress();
        mongo = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        OpportunityReportWriter writer = new OpportunityReportWriter(client, index);
        OpportunityReportProjection projection = new OpportunityReportProjection(
                writer,
                new ReportingCustomerLookup(mongo.getDatabase("kehu")), SHANGHAI);
        processor = PooledStreamingEventProcessor.builder()
                .name(OpportunityReportProjection.PROCESSING_GROUP)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projection)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()).build())
                .messageSource(eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(executor)
                .workerExecutor(executor)
                .initialSegmentCount(1)
                .build();
        processor.registerHandlerInterceptor(new FlushAtEndOfBatch(writer::flush));
        processor.start();
    }

    @AfterEach
    void stop() throws IOException {
        processor.shutDown();
        executor.shutdownNow();
        eventStore.shutDown();
        mongo.close();
        mongoServer.shutdownNow();
        client.indices().delete(request -> request.index(index.indexName(1)).ignoreUnavailable(true));
    }

    private void publish(String type, String id, Object event, LocalDate on) {
        long sequence = sequences.merge(id, 0L, (previous, ignored) -> previous + 1);
        Instant timestamp = on.atTime(10, 0).atZone(SHANGHAI).toInstant();
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, event, Map.of(),
                UUID.randomUUID().toString(), timestamp));
    }

    private static CustomerProfile profile(String name, String region, String industry) {
        return new CustomerProfile(name, null, null, null, null, industry, region, null, null,
                List.of(), List.of(), Map.of(), null);
    }

    private void open(String id, String customerId, String amount, String currency, LocalDate expected, String owner) {
        publish("Opportunity", id, new OpportunityOpened(id, customerId, "商机 " + id, new Money(new BigDecimal(amount), currency),
                expected, "展会", owner, OpportunityPriority.NORMAL, Stage.LEAD, 10), LocalDate.of(2026, 9, 1));
    }

    /** Five opportunities of two customers: open, won, lost, in CNY and USD. */
    private void aPipeline() {
        LocalDate day = LocalDate.of(2026, 9, 1);
        publish("Customer", "cu1", new CustomerRegistered("cu1", CustomerKind.COMPANY, profile("北京精工机床有限公司", "华北", "制造")), day);
        publish("Customer", "cu1", new CustomerTierChanged("cu1", ValueTier.NONE, ValueTier.GOLD, null, null, null, null), day);
        publish("Customer", "cu1", new AccountManagerAssigned("cu1", "wang.fang", null, "分配"), day);
        publish("Customer", "cu2", new CustomerRegistered("cu2", CustomerKind.COMPANY, profile("上海浦东发展银行", "华东", "金融")), day);
        open("o1", "cu1", "100000.00", "CNY", LocalDate.of(2026, 12, 15), "li.lei");
        open("o2", "cu1", "250000.50", "CNY", LocalDate.of(2027, 1, 20), "li.lei");
        publish("Opportunity", "o2", new OpportunityStageChanged("o2", Stage.LEAD, Stage.PROPOSAL, 40, "跳过需求确认", true, false), day);
        open("o3", "cu2", "80000", "CNY", LocalDate.of(2026, 11, 30), "chen.jie");
        publish("Opportunity", "o3", new OpportunityWon("o3", "cu2", Stage.LEAD, Money.of("82000", "CNY")), LocalDate.of(2026, 11, 20));
        open("o4", "cu2", "50000", "CNY", LocalDate.of(2026, 12, 20), "chen.jie");
        publish("Opportunity", "o4", new OpportunityLost("o4", Stage.LEAD, "价格", "竞争对手乙"), LocalDate.of(2026, 12, 5));
        open("o5", "cu2", "10000", "USD", LocalDate.of(2026, 12, 31), "chen.jie");
        publish("Opportunity", "o5", new OpportunityStageChanged("o5", Stage.LEAD, Stage.QUALIFICATION, 20, null, false, false), day);
    }

    private void awaitProcessed() {
        long head = eventStore.createHeadToken().position().orElse(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream()
                        .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
        index.refresh();
    }

    private static OpportunityReport.Group group(OpportunityReport report, String... keyValues) {
        return report.groups().stream().filter(group -> {
            for (int i = 0; i < keyValues.length; i += 2) {
                if (!keyValues[i + 1].equals(group.keys().get(keyValues[i]))) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElseThrow(() -> new AssertionError("no group " + List.of(keyValues) + " in " + report.groups()));
    }

    private static OpportunityReport.Figures figures(String currency, long count, String amount, String weighted) {
        return new OpportunityReport.Figures(currency, count, new BigDecimal(amount), new BigDecimal(weighted));
    }

    @Test
    void sumsCountsAmountsAndWeightedAmountsByStageInPipelineOrder() {
        aPipeline();
        awaitProcessed();

        OpportunityReport report = reports.report(OpportunityReportCriteria.groupedBy(ReportDimension.STAGE));

        assertThat(report.groups()).extracting(group -> group.keys().get("stage"))
                .containsExactly("LEAD", "QUALIFICATION", "PROPOSAL", "WON", "LOST");
        assertThat(group(report, "stage", "LEAD").figures()).containsExactly(figures("CNY", 1, "100000.00", "10000.00"));
        assertThat(group(report, "stage", "PROPOSAL").figures()).containsExactly(figures("CNY", 1, "250000.50", "100000.20"));
        assertThat(group(report, "stage", "WON").figures()).containsExactly(figures("CNY", 1, "82000.00", "82000.00"));
        assertThat(group(report, "stage", "LOST").figures()).containsExactly(figures("CNY", 1, "50000.00", "0.00"));
        assertThat(group(report, "stage", "QUALIFICATION").figures()).containsExactly(figures("USD", 1, "10000.00", "2000.00"));
        assertThat(report.total().count()).isEqualTo(5);
        assertThat(report.total().figures()).containsExactly(
                figures("CNY", 4, "482000.50", "192000.20"), figures("USD", 1, "10000.00", "2000.00"));
    }

    @Test
    void groupsByTwoDimensionsWithTheCustomersAttributes() {
        aPipeline();
        awaitProcessed();

        OpportunityReport report = reports.report(OpportunityReportCriteria.groupedBy(ReportDimension.REGION, ReportDimension.OWNER));

        assertThat(report.groupBy()).containsExactly("region", "owner");
        assertThat(report.groups()).hasSize(2);
        assertThat(group(report, "region", "华北", "owner", "li.lei").count()).isEqualTo(2);
        assertThat(group(report, "region", "华东", "owner", "chen.jie").count()).isEqualTo(3);
        OpportunityReport byTier = reports.report(OpportunityReportCriteria.groupedBy(ReportDimension.TIER));
        assertThat(group(byTier, "tier", "GOLD").count()).isEqualTo(2);
        assertThat(group(byTier, "tier", "NONE").count()).isEqualTo(3);
    }

    @Test
    void filtersByPeriodOfTheActualOrExpectedCloseDateAndByStatus() {
        aPipeline();
        awaitProcessed();

        OpportunityReport december = reports.report(new OpportunityReportCriteria(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31),
                null, null, null, null, null, null, List.of(ReportDimension.CLOSE_MONTH)));
        assertThat(december.total().count()).isEqualTo(3);
        assertThat(december.groups()).extracting(OpportunityReport.Group::keys).containsExactly(Map.of("closeMonth", "2026-12"));

        OpportunityReport openInEast = reports.report(new OpportunityReportCriteria(null, null, List.of("华东"), null, null, null,
                null, List.of("OPEN"), List.of(ReportDimension.EXPECTED_CLOSE_MONTH)));
        assertThat(openInEast.total().count()).isEqualTo(1);
        assertThat(openInEast.groups().get(0).keys()).containsEntry("expectedCloseMonth", "2026-12");

        OpportunityReport wonByManager = reports.report(new OpportunityReportCriteria(null, null, null, List.of("金融"), null,
                List.of("chen.jie"), List.of("WON", "LOST"), null, List.of(ReportDimension.STAGE)));
        assertThat(wonByManager.groups()).extracting(group -> group.keys().get("stage")).containsExactly("WON", "LOST");
    }

    @Test
    void movesExistingOpportunitiesWhenTheCustomersRegionChanges() {
        aPipeline();
        publish("Customer", "cu2", new CustomerProfileChanged("cu2", profile("上海浦东发展银行", "华南", "金融")), LocalDate.of(2026, 12, 10));
        awaitProcessed();

        OpportunityReport report = reports.report(OpportunityReportCriteria.groupedBy(ReportDimension.REGION));

        assertThat(report.groups()).extracting(group -> group.keys().get("region")).containsExactly("华北", "华南");
        assertThat(group(report, "region", "华南").count()).isEqualTo(3);
    }

    @Test
    void givesTheSameFiguresAfterAReplay() {
        aPipeline();
        awaitProcessed();
        OpportunityReport before = reports.report(OpportunityReportCriteria.groupedBy(ReportDimension.STAGE, ReportDimension.REGION));

        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitProcessed();

        assertThat(reports.report(OpportunityReportCriteria.groupedBy(ReportDimension.STAGE, ReportDimension.REGION))).isEqualTo(before);
    }
}
