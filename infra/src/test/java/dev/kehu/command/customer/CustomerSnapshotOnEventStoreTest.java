package dev.kehu.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.kehu.command.customer.CustomerCommand.AddContact;
import dev.kehu.infra.eventstore.StoreFixtures;
import dev.kehu.command.customer.CustomerCommand.PlaceCreditHold;
import dev.kehu.command.customer.CustomerCommand.RecordInvoice;
import dev.kehu.command.customer.CustomerCommand.RecordOrder;
import dev.kehu.command.customer.CustomerCommand.RecordPayment;
import dev.kehu.command.customer.CustomerCommand.RegisterCustomer;
import dev.kehu.command.customer.CustomerCommand.SetCreditLimit;
import dev.kehu.events.Money;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.MongoTestServer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Customer snapshots on the real MongoDB event store, wired as the application wires them: the engine
 * reads snapshots through Axon's upcaster chain, in which {@link CustomerSnapshotFilter} is registered.
 * A snapshot of the flat shape the Customer had before its parts became {@code @AggregateMember}s
 * (revision null) is ignored and the customer is rebuilt from its events; a snapshot of the current
 * shape (revision {@value Customer#SNAPSHOT_REVISION}) is used.
 */
class CustomerSnapshotOnEventStoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final CustomerProfile HAIER = new CustomerProfile("青岛海尔股份有限公司", "Qingdao Haier Co., Ltd.",
            "91370200163562681G", null, null, "家电 appliances", "山东 Shandong", "大客户", "展会",
            List.of("重点"), List.of("青岛市崂山区海尔路1号"), Map.of(), null);
    private static final ContactCard ZHAO = new ContactCard("c-zhao", "赵敏 Zhao Min", "采购经理 purchasing",
            List.of(Phone.of("138-0013-8000")), List.of("zhao.min@haier.example"), null);

    private static final MongoTestServer server = new MongoTestServer();
    private MongoDatabase database;
    private Configuration node;

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void start() {
        database = server.newDatabase();
        node = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> AxonConfiguration.messageSerializer())
                .configureEmbeddedEventStore(c -> StoreFixtures.engineBuilder(database)
                        .upcasterChain(c.upcasterChain()) // as AxonConfiguration builds the engine
                        .build())
                .registerEventUpcaster(c -> new CustomerSnapshotFilter()) // as Spring registers the bean
                .configureAggregate(Customer.class)
                .registerComponent(TierPolicy.class, c -> TierPolicy.DEFAULT)
                .registerComponent(CreditReviewPolicy.class, c -> CreditReviewPolicy.DEFAULT)
                .buildConfiguration();
        node.start();
    }

    @AfterEach
    void stop() {
        node.shutdown();
    }

    @Test
    void ignoresASnapshotOfTheFlatShapeAndRebuildsTheCustomerFromItsEvents() {
        String customerId = aCustomerWithHistory();
        snapshot(customerId);
        snapshots().updateOne(Filters.eq("_id", customerId), Updates.combine(
                Updates.set("payload", flatShapeOf(customerId)), Updates.set("revision", BsonNull.VALUE)));

        Customer loaded = load(customerId);

        assertThat(loaded.customerId()).isEqualTo(customerId);
        assertThat(loaded.stage()).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(loaded.isOnCreditHold()).isTrue();
        assertThat(loaded.exposure().amount()).isEqualByComparingTo("60000");
        assertThat(loaded.availableCredit().amount()).isEqualByComparingTo("240000");
        // the contact book came back too: the same contact again is no change
        long events = eventCount(customerId);
        node.commandGateway().sendAndWait(new AddContact(customerId, ZHAO));
        assertThat(eventCount(customerId)).isEqualTo(events);
    }

    @Test
    void usesASnapshotOfTheCurrentShape() {
        String customerId = aCustomerWithHistory();
        snapshot(customerId);
        BsonDocument stored = snapshots().find(Filters.eq("_id", customerId)).first();
        assertThat(stored.getString("type").getValue()).isEqualTo(Customer.class.getName());
        assertThat(stored.getString("revision").getValue()).isEqualTo(Customer.SNAPSHOT_REVISION);
        assertThat(stored.getDocument("payload").getDocument("contacts").toJson()).contains("赵敏 Zhao Min");
        // a stage no event ever set: only the snapshot can bring it
        snapshots().updateOne(Filters.eq("_id", customerId), Updates.set("payload.lifecycle.stage", "DORMANT"));

        assertThat(load(customerId).stage()).isEqualTo(LifecycleStage.DORMANT);
    }

    /** Company with a contact, a 300 000 limit, an order (active), an invoice of 100 000 paid 40 000, on hold. */
    private String aCustomerWithHistory() {
        String id = "cust-" + UUID.randomUUID();
        node.commandGateway().sendAndWait(new RegisterCustomer(id, CustomerKind.COMPANY, HAIER));
        node.commandGateway().sendAndWait(new AddContact(id, ZHAO));
        node.commandGateway().sendAndWait(new SetCreditLimit(id, Money.of("300000", "CNY"), DAY));
        node.commandGateway().sendAndWait(new RecordOrder(id, "SO-1", Money.of("250000", "CNY"), DAY, DAY));
        node.commandGateway().sendAndWait(new RecordInvoice(id, "INV-1", Money.of("100000", "CNY"), DAY, null,
                "SO-1", null));
        node.commandGateway().sendAndWait(new RecordPayment(id, "PAY-1", "INV-1", Money.of("40000", "CNY"), DAY));
        node.commandGateway().sendAndWait(new PlaceCreditHold(id, "逾期 overdue"));
        return id;
    }

    /** Stores a snapshot of the customer as it is now, the way Axon's snapshotter does. */
    private void snapshot(String customerId) {
        long sequence = node.eventStore().lastSequenceNumberFor(customerId).orElseThrow();
        node.eventStore().storeSnapshot(new GenericDomainEventMessage<>("Customer", customerId, sequence,
                load(customerId)));
    }

    /** The same customer as the flat Customer (before its parts) wrote it: every field on the root. */
    private static BsonDocument flatShapeOf(String customerId) {
        ObjectMapper mapper = AxonConfiguration.snapshotObjectMapper();
        Money limit = Money.of("300000", "CNY");
        ObjectNode flat = mapper.createObjectNode();
        flat.put("customerId", customerId);
        flat.put("kind", "COMPANY");
        flat.set("profile", mapper.valueToTree(HAIER));
        flat.put("stage", "ACTIVE");
        flat.putNull("survivorId");
        flat.set("contacts", mapper.createObjectNode().set(ZHAO.contactId(), mapper.valueToTree(ZHAO)));
        flat.put("primaryContactId", ZHAO.contactId());
        flat.putNull("accountManager");
        flat.set("creditLimit", mapper.valueToTree(limit));
        flat.put("onCreditHold", true);
        flat.set("orders", mapper.createObjectNode().set("SO-1", mapper.valueToTree(
                new OrderRecorded(customerId, "SO-1", Money.of("250000", "CNY"), DAY))));
        InvoiceRecorded invoice = new InvoiceRecorded(customerId, "INV-1", Money.of("100000", "CNY"), DAY, null,
                "SO-1", null);
        flat.set("invoices", mapper.createObjectNode().set("INV-1", mapper.createObjectNode()
                .<ObjectNode>set("recorded", mapper.valueToTree(invoice)).put("paid", 40000).put("overdue", false)));
        flat.set("payments", mapper.createObjectNode().set("PAY-1", mapper.valueToTree(
                new PaymentRecorded(customerId, "PAY-1", "INV-1", Money.of("40000", "CNY"), DAY))));
        flat.put("tier", "GOLD");
        return BsonDocument.parse(flat.toString());
    }

    private Customer load(String customerId) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return node.repository(Customer.class).load(customerId).invoke(customer -> customer);
        } finally {
            unitOfWork.rollback();
        }
    }

    private long eventCount(String customerId) {
        return database.getCollection("events").countDocuments(Filters.eq("aggregateId", customerId));
    }

    private MongoCollection<BsonDocument> snapshots() {
        return database.getCollection("snapshots", BsonDocument.class);
    }
}
