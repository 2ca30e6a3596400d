package dev.kehu.command.opportunity;

import dev.kehu.command.opportunity.OpportunityCommand.OpenOpportunity;
import dev.kehu.events.Money;
import dev.kehu.events.opportunity.BidPreparationCompleted;
import dev.kehu.events.opportunity.BidSubmitted;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.Stage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** Test data: opportunities in Chinese and English, and event histories that bring them to a stage. */
final class OpportunityFixtures {

    static final String JD_OPPORTUNITY = "opp-jd-2026";
    static final String JD_CUSTOMER = "cust-jd";
    static final String JD_TITLE = "北京京东世纪贸易有限公司 – 2026年度净水设备采购";
    static final Money JD_AMOUNT = Money.of("1280000.00", "CNY");

    static final String ACME_OPPORTUNITY = "opp-acme-1";
    static final String ACME_CUSTOMER = "cust-acme";
    static final String ACME_TITLE = "Acme Trading – water purifiers";
    static final Money ACME_AMOUNT = Money.of("45000.00", "USD");

    static final LocalDate CLOSE_DATE = LocalDate.of(2026, 12, 15);

    private OpportunityFixtures() {
    }

    /** JD (2,000,000.00 CNY of credit) and Acme (50,000.00), as the opportunity tests' customers. */
    static CustomerAccountsInMemory twoCustomers() {
        return new CustomerAccountsInMemory()
                .withCustomer(JD_CUSTOMER, "2000000.00")
                .withCustomer(ACME_CUSTOMER, "50000.00");
    }

    /** A fixture with the default stage probabilities and the handler that loads {@code customers} too. */
    static AggregateTestFixture<Opportunity> fixtureWith(CustomerAccountsInMemory customers) {
        AggregateTestFixture<Opportunity> fixture = new AggregateTestFixture<>(Opportunity.class);
        StageProbabilities probabilities = StageProbabilities.defaults();
        fixture.registerInjectableResource(probabilities);
        fixture.registerAnnotatedCommandHandler(
                new OpportunityAndCustomerHandler(fixture.getRepository(), customers, probabilities));
        return fixture;
    }

    static OpenOpportunity openJdOpportunity() {
        return new OpenOpportunity(JD_OPPORTUNITY, JD_CUSTOMER, JD_TITLE, JD_AMOUNT, CLOSE_DATE,
                "展会 (trade fair)", "王小明", OpportunityPriority.KEY);
    }

    static OpenOpportunity openAcmeOpportunity() {
        return new OpenOpportunity(ACME_OPPORTUNITY, ACME_CUSTOMER, ACME_TITLE, ACME_AMOUNT,
                LocalDate.of(2026, 9, 30), "website", "alice.smith", OpportunityPriority.NORMAL);
    }

    static OpportunityOpened jdOpened() {
        return new OpportunityOpened(JD_OPPORTUNITY, JD_CUSTOMER, JD_TITLE, JD_AMOUNT, CLOSE_DATE,
                "展会 (trade fair)", "王小明", OpportunityPriority.KEY, Stage.LEAD, 10);
    }

    static OpportunityOpened acmeOpened() {
        return new OpportunityOpened(ACME_OPPORTUNITY, ACME_CUSTOMER, ACME_TITLE, ACME_AMOUNT,
                LocalDate.of(2026, 9, 30), "website", "alice.smith", OpportunityPriority.NORMAL, Stage.LEAD, 10);
    }

    /** The JD opportunity's history walking forward one stage at a time up to {@code stage}. */
    static List<Object> jdHistoryUpTo(Stage stage) {
        return historyUpTo(jdOpened(), stage);
    }

    static List<Object> acmeHistoryUpTo(Stage stage) {
        return historyUpTo(acmeOpened(), stage);
    }

    static List<Object> historyUpTo(OpportunityOpened opened, Stage stage) {
        StageProbabilities probabilities = StageProbabilities.defaults();
        List<Object> events = new ArrayList<>();
        events.add(opened);
        Stage current = Stage.LEAD;
        while (current != stage) {
            Stage next = Stage.values()[current.ordinal() + 1];
            events.add(new OpportunityStageChanged(opened.opportunityId(), current, next,
                    probabilities.of(next), null, false, false));
            current = next;
        }
        return events;
    }

    /** The JD opportunity in bidding with its preparation done and its bid submitted. */
    static List<Object> jdWithSubmittedBid() {
        List<Object> events = jdHistoryUpTo(Stage.BIDDING);
        events.add(new BidPreparationCompleted(JD_OPPORTUNITY, List.of("资质文件", "技术方案", "报价单")));
        events.add(new BidSubmitted(JD_OPPORTUNITY, Money.of("1250000.00", "CNY"), LocalDate.of(2026, 10, 20)));
        return events;
    }

    static List<Object> with(List<Object> history, Object... more) {
        List<Object> events = new ArrayList<>(history);
        events.addAll(List.of(more));
        return events;
    }
}
