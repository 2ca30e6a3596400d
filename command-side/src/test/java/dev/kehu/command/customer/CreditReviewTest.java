package dev.kehu.command.customer;

import static dev.kehu.command.customer.CustomerFixtures.ACME;
import static dev.kehu.command.customer.CustomerFixtures.JD;
import static dev.kehu.command.customer.CustomerFixtures.aRegisteredCompany;
import static dev.kehu.command.customer.CustomerFixtures.aRegisteredEnglishCompany;
import static dev.kehu.command.customer.CustomerFixtures.cny;
import static dev.kehu.command.customer.CustomerFixtures.jdCreditLimit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.customer.CustomerCommand.RecordCreditInvestigation;
import dev.kehu.command.customer.CustomerCommand.SetCreditLimit;
import dev.kehu.command.customer.CustomerRuleRefusal.CreditInvestigationRequired;
import dev.kehu.events.Money;
import dev.kehu.events.customer.credit.CreditInvestigationRecorded;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditRating;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credit investigations and the rule that a large raise of the credit limit needs a recent one. */
class CreditReviewTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    /** Above 1 000 000 CNY, or more than half above the current limit, needs an investigation of the last 6 months. */
    private static final CreditReviewPolicy POLICY = new CreditReviewPolicy(new BigDecimal("1000000"), "CNY",
            new BigDecimal("0.5"), 6);

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = CustomerFixtures.aggregateFixture(POLICY);
    }

    private static CreditInvestigationRecorded investigated(String id, LocalDate on) {
        return new CreditInvestigationRecorded(JD, id, List.of("人民银行征信报告", "Dun & Bradstreet report"),
                "近三年按时回款 paid on time for three years", "经营稳健 sound business", CreditRating.AA, "李娜", on);
    }

    @Test
    void recordsAnInvestigationOncePerId() {
        RecordCreditInvestigation command = new RecordCreditInvestigation(JD, "ci-1",
                List.of("人民银行征信报告", "Dun & Bradstreet report"), "近三年按时回款 paid on time for three years",
                "经营稳健 sound business", CreditRating.AA, "李娜", TODAY);
        fixture.given(aRegisteredCompany())
                .when(command)
                .expectEvents(investigated("ci-1", TODAY));
        fixture.given(aRegisteredCompany(), investigated("ci-1", TODAY))
                .when(command)
                .expectNoEvents();
    }

    @Test
    void anInvestigationIdRecordedAgainWithOtherContentIsAConflict() {
        RecordCreditInvestigation otherRating = new RecordCreditInvestigation(JD, "ci-1",
                List.of("人民银行征信报告", "Dun & Bradstreet report"), "近三年按时回款 paid on time for three years",
                "经营稳健 sound business", CreditRating.B, "李娜", TODAY);
        fixture.given(aRegisteredCompany(), investigated("ci-1", TODAY))
                .when(otherRating)
                .expectNoEvents()
                .expectException(CustomerConflict.DocumentNumberConflict.class)
                .expectExceptionMessage("document ci-1 was already recorded with different content");
        fixture.given(aRegisteredCompany(), investigated("ci-1", TODAY))
                .when(new RecordCreditInvestigation(JD, "ci-1", List.of("人民银行征信报告", "Dun & Bradstreet report"),
                        "近三年按时回款 paid on time for three years", "经营稳健 sound business", CreditRating.AA, "李娜",
                        TODAY.minusDays(1)))
                .expectException(CustomerConflict.DocumentNumberConflict.class);
    }

    @Test
    void aLimitUpToTheThresholdsNeedsNoInvestigation() {
        fixture.given(aRegisteredCompany())
                .when(new SetCreditLimit(JD, cny("1000000"), TODAY))
                .expectEvents(new CreditLimitSet(JD, cny("1000000"), null));
        fixture.given(aRegisteredCompany(), jdCreditLimit("400000"))
                .when(new SetCreditLimit(JD, cny("600000"), TODAY))
                .expectEvents(new CreditLimitSet(JD, cny("600000"), cny("400000")));
        fixture.given(aRegisteredCompany(), jdCreditLimit("3000000"))
                .when(new SetCreditLimit(JD, cny("2000000"), TODAY))
                .expectEvents(new CreditLimitSet(JD, cny("2000000"), cny("3000000")));
    }

    @Test
    void aLimitAboveTheAmountWithoutAnInvestigationIsRefusedWithTheFigures() {
        fixture.given(aRegisteredCompany())
                .when(new SetCreditLimit(JD, cny("1000000.01"), TODAY))
                .expectNoEvents()
                .expectException(CreditInvestigationRequired.class)
                .expectExceptionMessage("raising the credit limit of customer customer-jd to 1000000.01 CNY (above"
                        + " 1000000 CNY) needs a credit investigation dated 2026-05-22 or later; there is none");
        CreditInvestigationRequired refusal = refusalOf(new SetCreditLimit(JD, cny("1000000.01"), TODAY));
        Map<String, Object> details = refusal.details();
        assertThat(details).containsEntry("rule", "credit-investigation").containsEntry("threshold", "amount")
                .containsEntry("requested", new BigDecimal("1000000.01")).containsEntry("currency", "CNY")
                .containsEntry("thresholdAmount", new BigDecimal("1000000"))
                .containsEntry("thresholdShare", new BigDecimal("0.5")).containsEntry("maxAgeMonths", 6)
                .containsEntry("latestInvestigationOn", null).containsEntry("oldestAcceptedOn", "2026-05-22")
                .containsEntry("currentLimit", null);
    }

    @Test
    void aRaiseByMoreThanTheShareWithAnInvestigationTooOldIsRefused() {
        fixture.given(aRegisteredCompany(), jdCreditLimit("400000"), investigated("ci-old", LocalDate.of(2026, 5, 21)))
                .when(new SetCreditLimit(JD, cny("600000.01"), TODAY))
                .expectNoEvents()
                .expectException(CreditInvestigationRequired.class)
                .expectExceptionMessage("raising the credit limit of customer customer-jd to 600000.01 CNY (more"
                        + " than 0.5 above the current 400000) needs a credit investigation dated 2026-05-22 or"
                        + " later; the latest is of 2026-05-21");
    }

    @Test
    void aRecentInvestigationAllowsTheRaise() {
        fixture.given(aRegisteredCompany(), jdCreditLimit("400000"),
                        investigated("ci-recent", LocalDate.of(2026, 5, 22)), investigated("ci-older", LocalDate.of(2025, 1, 5)))
                .when(new SetCreditLimit(JD, cny("5000000"), TODAY))
                .expectEvents(new CreditLimitSet(JD, cny("5000000"), cny("400000")));
    }

    @Test
    void aLimitInAnotherCurrencyIsCheckedByTheShareOnly() {
        fixture.given(aRegisteredEnglishCompany())
                .when(new SetCreditLimit(ACME, Money.of("2000000", "USD"), TODAY))
                .expectEvents(new CreditLimitSet(ACME, Money.of("2000000", "USD"), null));
    }

    @Test
    void theDefaultPolicyAsksAboveFiveMillionOrMoreThanDoubleForTwelveMonths() {
        CreditReviewPolicy policy = CreditReviewPolicy.DEFAULT;
        assertThat(policy.crossedBy(null, cny("5000000"))).isNull();
        assertThat(policy.crossedBy(null, cny("5000000.01"))).isEqualTo(CreditReviewPolicy.Trigger.AMOUNT);
        assertThat(policy.crossedBy(cny("100"), cny("200"))).isNull();
        assertThat(policy.crossedBy(cny("100"), cny("200.01"))).isEqualTo(CreditReviewPolicy.Trigger.SHARE);
        assertThat(policy.crossedBy(cny("0"), cny("200"))).isNull();
        assertThat(policy.months()).isEqualTo(12);
    }

    /** The rule alone (it applies nothing), to read the refusal's figures. */
    private static CreditInvestigationRequired refusalOf(SetCreditLimit command) {
        try {
            new CreditReview().requireInvestigationToRaise(JD, null, command, POLICY);
        } catch (CreditInvestigationRequired refusal) {
            return refusal;
        }
        throw new AssertionError("not refused: " + command);
    }
}
