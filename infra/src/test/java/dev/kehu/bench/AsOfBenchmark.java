package dev.kehu.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.query.history.ReadSide;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code GET /api/customers/{id}/360?asOf=} of a customer with {@value #CUSTOMER_EVENTS} events at random instants
 * ({@link AsOfFigures}), beside the raw read of the same documents. Not a test:
 * {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=AsOfBenchmark}; writes {@code bench-results/as-of.json}.
 * <p>
 * The store (embedded MongoDB-wire server, memory backend) is written by the real engine from a seeded generator: one
 * customer (上海东方水务设备有限公司 / Shanghai Dongfang Water Equipment) with {@value #CUSTOMER_EVENTS} events of
 * every kind the 360 view shows (contacts, interactions, follow-ups, orders, invoices and payments, credit, complaints)
 * and an opportunity every {@value #OPPORTUNITY_EVERY} of them (stages, won or lost, credit reserved and invoiced),
 * among {@code AS_OF_OTHERS} (environment, default 2,000) small customers. The live customer-360 projection runs over it first,
 * as in the application (it writes the links from the customer to its opportunities).
 */
public final class AsOfBenchmark {

    static final String CUSTOMER = "c-big-东方水务";
    static final int CUSTOMER_EVENTS = 10_000;
    static final int OPPORTUNITY_EVERY = 100;
    private static final int RUNS = Integer.parseInt(System.getenv().getOrDefault("AS_OF_RUNS", "300"));
    private static final String[] ACTORS = {"张伟", "李娜", "王芳", "alice", "bob", "刘洋"};

    private AsOfBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int others = Integer.parseInt(System.getenv().getOrDefault("AS_OF_OTHERS", "2000"));
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoDatabase database = client.getDatabase("as_of_bench");
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database)
                    .settings(EventStoreSettings.defaults()).eventSerializer(AxonConfiguration.messageSerializer())
                    .snapshotSerializer(AxonConfiguration.snapshotSerializer()).build();
            long started = System.nanoTime();
            long events = new Generator(engine, new Random(20261207L)).write(others);
            double generateSeconds = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            try (ReadSide readSide = ReadSide.start(database, engine, Clock.systemUTC(), 250, true)) {
                readSide.awaitCaughtUp(Duration.ofMinutes(30));
            }
            double projectSeconds = (System.nanoTime() - started) / 1e9;
            AsOfFigures.Figures figures = AsOfFigures.measure(database, engine, CUSTOMER, RUNS, 7L);
            String json = String.format(Locale.ROOT, """
                    {
                      "events": %d,
                      "customer_events": %d,
                      "generate_s": %.1f,
                      "project_s": %.1f,
                      "runs": %d,
                      "as_of_first_ms": %.1f,
                      "as_of_p99_ms": %.2f,
                      "as_of_raw_p99_ms": %.2f,
                      "as_of_p50_ms": %.2f,
                      "as_of_raw_p50_ms": %.2f
                    }
                    """, events, CUSTOMER_EVENTS, generateSeconds, projectSeconds, figures.runs(), figures.firstMs(),
                    figures.asOfP99Ms(), figures.rawP99Ms(), figures.asOfP50Ms(), figures.rawP50Ms());
            System.out.print(json);
            Path out = Path.of("bench-results", "as-of.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, json, StandardCharsets.UTF_8);
        } finally {
            server.shutdownNow();
        }
    }

    /** The seeded history: commits of up to 500 events, the big customer's life interleaved with the others'. */
    private static final class Generator {
        private final MongoEventStorageEngine engine;
        private final Random random;
        private final List<EventMessage<?>> commit = new ArrayList<>();
        private final Map<String, Long> sequences = new HashMap<>();
        private Instant clock = Instant.parse("2023-01-02T01:00:00Z");
        private LocalDate day = LocalDate.of(2023, 1, 2);
        private long written;
        private int invoices;
        private final List<String> unpaid = new ArrayList<>();
        private final List<String> followUps = new ArrayList<>();
        private final List<String> complaints = new ArrayList<>();

        Generator(MongoEventStorageEngine engine, Random random) {
            this.engine = engine;
            this.random = random;
        }

        long write(int others) {
            add("Customer", CUSTOMER, new CustomerRegistered(CUSTOMER, CustomerKind.COMPANY, new CustomerProfile(
                    "上海东方水务设备有限公司", "Shanghai Dongfang Water Equipment Co., Ltd.", "91310000MA1K4XYZ2B",
                    Phone.of("138-0013-8000"), "purchasing@dongfang-water.example.com", "水务设备", "上海办事处", "business",
                    "展会 trade fair", List.of("重点客户", "water"), List.of("上海市浦东新区张江路88号"), Map.of(), null)));
            add("Customer", CUSTOMER, new CreditLimitSet(CUSTOMER, cny(5_000_000), null));
            int opportunity = 0;
            while (sequences.get(CUSTOMER) < CUSTOMER_EVENTS) {
                long seq = sequences.get(CUSTOMER);
                if (seq % OPPORTUNITY_EVERY == 0) {
                    opportunity(opportunity++);
                } else {
                    customerEvent(seq);
                }
                if (random.nextInt(3) == 0 && written < (long) others * 6) {
                    other(random.nextInt(Math.max(1, others)));
                }
            }
            while (written < (long) others * 6 + CUSTOMER_EVENTS) {
                other(random.nextInt(Math.max(1, others)));
            }
            flush();
            return written;
        }

        private void customerEvent(long seq) {
            String id = CUSTOMER + "-" + seq;
            int kind = random.nextInt(10);
            if (kind < 3) {
                add("Customer", CUSTOMER, new InteractionRecorded(CUSTOMER, "int-" + id, InteractionChannel.values()[random.nextInt(5)],
                        "con-1", day, random.nextBoolean() ? "需求确认 requirements agreed" : "报价跟进 quote follow-up", "回访记录 " + seq));
            } else if (kind == 3) {
                followUps.add("fu-" + id);
                add("Customer", CUSTOMER, new FollowUpScheduled(CUSTOMER, "fu-" + id, null, day.plusDays(7 + random.nextInt(20))));
            } else if (kind == 4 && !followUps.isEmpty()) {
                add("Customer", CUSTOMER, new FollowUpCompleted(CUSTOMER, followUps.remove(0), day, "已完成 done"));
            } else if (kind == 5) {
                add("Customer", CUSTOMER, new OrderRecorded(CUSTOMER, "SO-" + seq, cny(10_000 + random.nextInt(90_000)), day));
            } else if (kind == 6) {
                String invoice = "INV-" + (++invoices);
                unpaid.add(invoice);
                add("Customer", CUSTOMER, new InvoiceRecorded(CUSTOMER, invoice, cny(20_000 + random.nextInt(50_000)), day,
                        day.plusDays(30), "SO-" + seq, null));
            } else if (kind == 7 && !unpaid.isEmpty()) {
                add("Customer", CUSTOMER, new PaymentRecorded(CUSTOMER, "PAY-" + seq, unpaid.remove(0), cny(70_000), day));
            } else if (kind == 8) {
                if (complaints.isEmpty() || random.nextBoolean()) {
                    complaints.add("cmp-" + id);
                    add("Customer", CUSTOMER, new ComplaintLogged(CUSTOMER, "cmp-" + id, "con-1", "交货延迟 late delivery", "设备晚到两周"));
                } else {
                    add("Customer", CUSTOMER, new ComplaintResolved(CUSTOMER, complaints.remove(0), "已补发 resent", 1 + random.nextInt(5)));
                }
            } else if (seq % 7 == 0) {
                add("Customer", CUSTOMER, new AccountManagerAssigned(CUSTOMER, ACTORS[random.nextInt(ACTORS.length)], null, "调岗 reassignment"));
            } else if (seq % 5 == 0) {
                add("Customer", CUSTOMER, new ContactAdded(CUSTOMER, new ContactCard("con-" + (seq % 40), random.nextBoolean() ? "王芳" : "Emma Clark",
                        "采购经理", List.of(Phone.of("139-0000-" + (1000 + seq % 9000))), List.of(), null)));
            } else {
                add("Customer", CUSTOMER, new CreditLimitSet(CUSTOMER, cny(1_000_000 + random.nextInt(9_000_000)), null));
            }
        }

        private void opportunity(int number) {
            String id = "opp-big-" + number;
            Money amount = cny(100_000 + random.nextInt(900_000));
            add("Opportunity", id, new OpportunityOpened(id, CUSTOMER, "净水设备采购 water purifiers " + number, amount,
                    day.plusDays(90), "展会", "张伟", OpportunityPriority.NORMAL, Stage.LEAD, 10));
            add("Opportunity", id, new OpportunityStageChanged(id, Stage.LEAD, Stage.PROPOSAL, 40, "方案 proposal", true, false));
            if (random.nextBoolean()) {
                add("Opportunity", id, new OpportunityWon(id, CUSTOMER, Stage.PROPOSAL, amount));
                add("Customer", CUSTOMER, new CreditReserved(CUSTOMER, id, amount));
            } else if (random.nextBoolean()) {
                add("Opportunity", id, new OpportunityLost(id, Stage.PROPOSAL, "价格 price", "Veolia"));
            }
        }

        private void other(int number) {
            String id = "c-" + number;
            long seq = sequences.getOrDefault(id, 0L);
            add("Customer", id, seq == 0
                    ? new CustomerRegistered(id, CustomerKind.COMPANY, new CustomerProfile("客户" + number + "有限公司",
                    "Customer " + number + " Ltd.", null, null, null, "零售", "北京办事处", "business", "电话营销", List.of(),
                    List.of(), Map.of(), null))
                    : new CreditLimitSet(id, cny(100_000 + random.nextInt(900_000)), null));
        }

        private void add(String type, String id, Object payload) {
            long seq = sequences.merge(id, 1L, Long::sum) - 1;
            clock = clock.plusSeconds(60 + random.nextInt(3_600));
            day = LocalDate.ofInstant(clock, java.time.ZoneOffset.ofHours(8));
            commit.add(new GenericDomainEventMessage<>(type, id, seq, payload, MetaData.from(Map.of("actor",
                    ACTORS[random.nextInt(ACTORS.length)], "correlationId", "corr-" + written)),
                    new java.util.UUID(random.nextLong(), random.nextLong()).toString(), clock));
            written++;
            if (commit.size() == 500) {
                flush();
            }
        }

        private void flush() {
            if (!commit.isEmpty()) {
                engine.appendEvents(commit);
                commit.clear();
            }
        }

        private static Money cny(long yuan) {
            return new Money(java.math.BigDecimal.valueOf(yuan).setScale(2), "CNY");
        }
    }
}
