package dev.kehu.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MoneyAndDateLimitsTest {

    @Test
    void refusesAmountsNoViewCanHoldWithoutExpandingThem() {
        assertThat(Money.amountProblem(new BigDecimal("1E+2147483647"))).contains("must be less than 10^15 in absolute value");
        assertThat(Money.amountProblem(new BigDecimal("1E+15"))).isPresent();
        assertThat(Money.amountProblem(new BigDecimal("-1000000000000000"))).isPresent();
        assertThat(Money.amountProblem(new BigDecimal("0.001"))).contains("must have at most 2 decimal places");
        assertThat(Money.amountProblem(new BigDecimal("1.000"))).isPresent();
        assertThat(Money.amountProblem(new BigDecimal("1E-2147483647"))).isPresent();
    }

    @Test
    void acceptsAmountsUpToFifteenDigitsAndCents() {
        assertThat(Money.amountProblem(new BigDecimal("999999999999999.99"))).isEmpty();
        assertThat(Money.amountProblem(new BigDecimal("-999999999999999.99"))).isEmpty();
        assertThat(Money.amountProblem(new BigDecimal("1E+3"))).isEmpty();
        assertThat(Money.amountProblem(new BigDecimal("12000.5"))).isEmpty();
        assertThat(Money.amountProblem(null)).isEmpty();
    }

    @Test
    void keepsBusinessDatesBetween1900And2199() {
        assertThat(BusinessDates.dateProblem(LocalDate.of(1900, 1, 1))).isEmpty();
        assertThat(BusinessDates.dateProblem(LocalDate.of(2199, 12, 31))).isEmpty();
        assertThat(BusinessDates.dateProblem(LocalDate.of(1899, 12, 31)))
                .contains("must be between 1900-01-01 and 2199-12-31, got 1899-12-31");
        assertThat(BusinessDates.dateProblem(LocalDate.MAX)).isPresent();
        assertThat(BusinessDates.dateProblem(LocalDate.MIN)).isPresent();
        assertThat(BusinessDates.dateProblem(null)).isEmpty();
    }
}
