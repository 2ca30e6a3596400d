package dev.kehu.command.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.kehu.command.customer.Customer;
import dev.kehu.infra.eventstore.StoreFixtures;
import dev.kehu.command.customer.CustomerCommand.RegisterCustomer;
import dev.kehu.command.customer.CustomerCommand.SetCreditLimit;
import dev.kehu.command.customer.CustomerRuleRefusal.CreditLimitExceeded;
import dev.kehu.command.customer.CreditReviewPolicy;
import dev.kehu.command.customer.TierPolicy;
import dev.kehu.command.opportunity.OpportunityCommand.MarkOpportunityWon;
import dev.kehu.command.opportunity.OpportunityCommand.MoveOpportunityToStage;
import dev.kehu.command.opportunity.OpportunityCommand.OpenOpportunity;
import dev.kehu.command.opportunity.OpportunityCommand.ReopenOpportunity;
import dev.kehu.events.Money;
import dev.kehu.events.customer.credit.CreditReleased;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.eventstore.MongoTestServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credit rule of winning against the real MongoDB event store (our {@link MongoEventStorageEngine}
 * on the embedded MongoDB-wire server): a win's credit reservation on the Customer and the
 * opportunity's won state commit together or not at all, and two concurrent wins whose sum exceeds
 * the customer's available credit never both succeed, in one application instance or in two.
 */
class OpportunityCreditOnEventStoreTest {

    private static final String JD_TITLE = "北京京东世纪贸易有限公司 – 2026年度净水设备采购";

    private static MongoTestServer server;

    private MongoDatabase database;
    private final List<Configuration> nodes = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = new MongoTestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = server.newDatabase();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(Configuration::shutdown);
    }

    @Test
    void winsExactlyOneOfTwoConcurrentDealsThatTogetherExceedTheCustomersCredit() throws Exception {
        Configuration node = node(database, UnaryOperator.identity());
        String customerId = aCustomerWithCreditLimit(node, "2000000.00");
        String first = aDealInNegotiation(node, customerId, "1280000.00");
        String second = aDealInNegotiation(node, customerId, "900000.00");

        List<Throwable> failures = raceToWin(node, first, node, second);

        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOf(CreditLimitExceeded.class);
        assertExactlyOneWon(node, customerId, first, second);
    }

    @Test
    void winsExactlyOneOfTwoDealsWonAtTheSameMomentOnTwoApplicationInstances() throws Exception {
        // Each instance has its own repository locks: only the event store's per-aggregate sequence
        // keeps the two reservations apart. Both wins stage their reservation before either commits.
        CyclicBarrier bothReserved = new CyclicBarrier(2);
        UnaryOperator<CustomerAccounts> waitForTheOther = accounts -> new CustomerAccountsDecorator(accounts) {
            @Override
            public void reserveCredit(String customerId, String opportunityId, Money amount) {
                super.reserveCredit(customerId, opportunityId, amount);
                await(bothReserved);
            }
        };
        Configuration setUp = node(database, UnaryOperator.identity());
        String customerId = aCustomerWithCreditLimit(setUp, "2000000.00");
        String first = aDealInNegotiation(setUp, customerId, "1280000.00");
        String second = aDealInNegotiation(setUp, customerId, "900000.00");
        Configuration nodeA = node(server.newClient().getDatabase(database.getName()), waitForTheOther);
        Configuration nodeB = node(server.newClient().getDatabase(database.getName()), waitForTheOther);

        List<Throwable> failures = raceToWin(nodeA, first, nodeB, second);

        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOf(ConcurrencyException.class);
        String loser = assertExactlyOneWon(setUp, customerId, first, second);

        // The caller got 409 and retries: now the credit rule refuses it with the current figures.
        assertThatThrownBy(() -> setUp.commandGateway().sendAndWait(new MarkOpportunityWon(loser)))
                .isInstanceOf(CreditLimitExceeded.class);
        assertExactlyOneWon(setUp, customerId, first, second);
    }

    @Test
    void aFailureBetweenTheCreditReservationAndTheWinStoresNeitherAndALaterAttemptWins() {
        UnaryOperator<CustomerAccounts> failAfterReserving = accounts -> new CustomerAccountsDecorator(accounts) {
            @Override
            public void reserveCredit(String customerId, String opportunityId, Money amount) {
                super.reserveCredit(customerId, opportunityId, amount);
                throw new IllegalStateException("injected failure after the credit reservation was applied");
            }
        };
        Configuration healthy = node(database, UnaryOperator.identity());
        String customerId = aCustomerWithCreditLimit(healthy, "2000000.00");
        String deal = aDealInNegotiation(healthy, customerId, "1280000.00");
        long documentsBefore = database.getCollection("events").countDocuments();
        Configuration failing = node(server.newClient().getDatabase(database.getName()), failAfterReserving);

        assertThatThrownBy(() -> failing.commandGateway().sendAndWait(new MarkOpportunityWon(deal)))
                .hasMessage("injected failure after the credit reservation was applied");

        assertThat(database.getCollection("events").countDocuments()).isEqualTo(documentsBefore);
        assertThat(payloads(healthy, customerId)).noneMatch(CreditReserved.class::isInstance);
        assertThat(payloads(healthy, deal)).noneMatch(OpportunityWon.class::isInstance);

        healthy.commandGateway().sendAndWait(new MarkOpportunityWon(deal));

        assertThat(payloads(healthy, customerId)).filteredOn(CreditReserved.class::isInstance)
                .containsExactly(new CreditReserved(customerId, deal, Money.of("1280000.00", "CNY")));
        assertThat(payloads(healthy, deal)).filteredOn(OpportunityWon.class::isInstance)
                .containsExactly(new OpportunityWon(deal, customerId, Stage.NEGOTIATION, Money.of("1280000.00", "CNY")));
    }

    @Test
    void aFailureBetweenReleasingTheCreditAndReopeningStoresNeitherAndALaterAttemptReopens() {
        UnaryOperator<CustomerAccounts> failAfterReleasing = accounts -> new CustomerAccountsDecorator(accounts) {
            @Override
            public void releaseCredit(String customerId, String opportunityId, String reason) {
                super.releaseCredit(customerId, opportunityId, reason);
                throw new IllegalStateException("injected failure after the credit release was applied");
            }
        };
        Configuration healthy = node(database, UnaryOperator.identity());
        String customerId = aCustomerWithCreditLimit(healthy, "2000000.00");
        String deal = aDealInNegotiation(healthy, customerId, "1280000.00");
        healthy.commandGateway().sendAndWait(new MarkOpportunityWon(deal));
        Configuration failing = node(server.newClient().getDatabase(database.getName()), failAfterReleasing);

        assertThatThrownBy(() -> failing.commandGateway().sendAndWait(
                new ReopenOpportunity(deal, null, "客户撤回订单 order withdrawn")))
                .hasMessage("injected failure after the credit release was applied");
        assertThat(payloads(healthy, customerId)).noneMatch(CreditReleased.class::isInstance);
        assertThat(payloads(healthy, deal).get(payloads(healthy, deal).size() - 1)).isInstanceOf(OpportunityWon.class);

        healthy.commandGateway().sendAndWait(new ReopenOpportunity(deal, null, "客户撤回订单 order withdrawn"));

        assertThat(payloads(healthy, customerId)).filteredOn(CreditReleased.class::isInstance).hasSize(1);
        assertThat(payloads(healthy, deal).get(payloads(healthy, deal).size() - 1)).isEqualTo(
                new OpportunityReopened(deal, Stage.WON, Stage.NEGOTIATION, 80, true, "客户撤回订单 order withdrawn"));
    }

    // ------------------------------------------------------------------ helpers

    /** Starts two wins at the same moment and returns the failures (one per refused win). */
    private static List<Throwable> raceToWin(Configuration nodeA, String first, Configuration nodeB, String second)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Throwable> a = threads.submit(() -> win(nodeA, first, start));
            Future<Throwable> b = threads.submit(() -> win(nodeB, second, start));
            List<Throwable> failures = new ArrayList<>();
            for (Future<Throwable> outcome : List.of(a, b)) {
                Throwable failure = outcome.get(30, TimeUnit.SECONDS);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            return failures;
        } finally {
            threads.shutdownNow();
        }
    }

    private static Throwable win(Configuration node, String opportunityId, CyclicBarrier start) {
        await(start);
        try {
            node.commandGateway().sendAndWait(new MarkOpportunityWon(opportunityId));
            return null;
        } catch (Throwable failure) {
            return failure;
        }
    }

    /** Asserts the stored events show one won deal, reserved once on the customer; returns the other deal. */
    private String assertExactlyOneWon(Configuration node, String customerId, String first, String second) {
        List<Object> customerEvents = payloads(node, customerId);
        List<CreditReserved> reservations = customerEvents.stream()
                .filter(CreditReserved.class::isInstance).map(CreditReserved.class::cast).toList();
        assertThat(reservations).hasSize(1);
        String winner = reservations.get(0).opportunityId();
        String loser = winner.equals(first) ? second : first;
        assertThat(winner).isIn(first, second);
        assertThat(payloads(node, winner)).filteredOn(OpportunityWon.class::isInstance).hasSize(1);
        assertThat(payloads(node, loser)).noneMatch(OpportunityWon.class::isInstance);
        Money won = ((OpportunityWon) payloads(node, winner).stream()
                .filter(OpportunityWon.class::isInstance).findFirst().orElseThrow()).amount();
        assertThat(reservations.get(0).amount()).isEqualTo(won);
        return loser;
    }

    private static List<Object> payloads(Configuration node, String aggregateId) {
        return node.eventStore().readEvents(aggregateId).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    private static String aCustomerWithCreditLimit(Configuration node, String limit) {
        String customerId = "cust-" + UUID.randomUUID();
        node.commandGateway().sendAndWait(new RegisterCustomer(customerId, CustomerKind.COMPANY,
                new CustomerProfile("北京京东世纪贸易有限公司", "Beijing Jingdong Century Trading Co., Ltd.",
                        "91110302562134916R", null, null, "零售", "北京办事处", "大客户", "展会",
                        List.of(), List.of(), Map.of(), null)));
        node.commandGateway().sendAndWait(new SetCreditLimit(customerId, Money.of(limit, "CNY"), java.time.LocalDate.of(2026, 11, 22)));
        return customerId;
    }

    private static String aDealInNegotiation(Configuration node, String customerId, String amount) {
        String opportunityId = "opp-" + UUID.randomUUID();
        node.commandGateway().sendAndWait(new OpenOpportunity(opportunityId, customerId, JD_TITLE,
                Money.of(amount, "CNY"), LocalDate.of(2026, 12, 15), "展会", "王小明", OpportunityPriority.KEY));
        node.commandGateway().sendAndWait(new MoveOpportunityToStage(opportunityId, Stage.NEGOTIATION,
                "客户直接进入商务谈判 straight to negotiation"));
        return opportunityId;
    }

    /** One application instance: Axon with both aggregates and the opportunity's handlers on {@code database}. */
    private Configuration node(MongoDatabase database, UnaryOperator<CustomerAccounts> decorate) {
        StageProbabilities probabilities = StageProbabilities.defaults();
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> AxonConfiguration.messageSerializer())
                .configureEmbeddedEventStore(c -> StoreFixtures.anEngine(database))
                .configureAggregate(Customer.class)
                .configureAggregate(Opportunity.class)
                .registerComponent(TierPolicy.class, c -> TierPolicy.DEFAULT)
                .registerComponent(CreditReviewPolicy.class, c -> CreditReviewPolicy.DEFAULT)
                .registerComponent(StageProbabilities.class, c -> probabilities)
                .registerCommandHandler(c -> new OpportunityAndCustomerHandler(c.repository(Opportunity.class),
                        decorate.apply(new CustomerAccountsInRepository(c.repository(Customer.class))), probabilities))
                .buildConfiguration();
        configuration.start();
        nodes.add(configuration);
        return configuration;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other win never arrived", e);
        }
    }

    /** Passes everything to the real adapter; tests override one step to add a failure or a pause. */
    private static class CustomerAccountsDecorator implements CustomerAccounts {

        private final CustomerAccounts delegate;

        CustomerAccountsDecorator(CustomerAccounts delegate) {
            this.delegate = delegate;
        }

        @Override
        public void requireAcceptsNewOpportunities(String customerId) {
            delegate.requireAcceptsNewOpportunities(customerId);
        }

        @Override
        public void reserveCredit(String customerId, String opportunityId, Money amount) {
            delegate.reserveCredit(customerId, opportunityId, amount);
        }

        @Override
        public void releaseCredit(String customerId, String opportunityId, String reason) {
            delegate.releaseCredit(customerId, opportunityId, reason);
        }
    }
}
