package dev.kehu.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.customer.CustomerConflict.CustomerIsMerged;
import dev.kehu.command.customer.CustomerConflict;
import dev.kehu.command.customer.CustomerRuleRefusal.CreditLimitExceeded;
import dev.kehu.command.customer.CustomerRuleRefusal.CustomerOnCreditHold;
import dev.kehu.command.customer.CustomerRuleRefusal;
import dev.kehu.events.Money;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = adviceWithCustomerMappings();

    private static ProblemDetailsAdvice adviceWithCustomerMappings() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("conflicts", ProblemMapping.of(CustomerConflict.class, HttpStatus.CONFLICT, CustomerConflict::details));
        beans.addBean("refusals", ProblemMapping.of(CustomerRuleRefusal.class, HttpStatus.UNPROCESSABLE_CONTENT,
                CustomerRuleRefusal::details));
        return new ProblemDetailsAdvice(beans.getBeanProvider(ResolvableType.forClass(ProblemMapping.class)));
    }

    @Test
    void mapsACreditRefusalTo422WithItsFigures() {
        ProblemDetail problem = advice.mappedOrServerError(new CreditLimitExceeded("customer-jd",
                Money.of("100000", "CNY"), Money.of("90000", "CNY"), Money.of("20000", "CNY"))).getBody();

        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getTitle()).isEqualTo("Credit limit exceeded");
        assertThat(problem.getProperties()).containsEntry("rule", "credit-limit")
                .containsEntry("limit", new java.math.BigDecimal("100000"))
                .containsEntry("exposure", new java.math.BigDecimal("90000"))
                .containsEntry("requested", new java.math.BigDecimal("20000"));
    }

    @Test
    void unwrapsACommandExecutionException() {
        ProblemDetail problem = advice.mappedOrServerError(
                new CommandExecutionException("wrapped", new CustomerOnCreditHold("customer-jd"))).getBody();
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getDetail()).isEqualTo("customer customer-jd is on credit hold");
    }

    @Test
    void mapsAMergedCustomerTo409NamingTheSurvivor() {
        ProblemDetail problem = advice.mappedOrServerError(new CustomerIsMerged("dup", "survivor")).getBody();
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getProperties()).containsEntry("survivorId", "survivor");
    }

    @Test
    void mapsAxonConcurrencyFailuresTo409() {
        assertThat(advice.concurrentChange(new ConcurrencyException("two writers")).getStatusCode().value()).isEqualTo(409);
        assertThat(advice.concurrentChange(new ConflictingAggregateVersionException("x", 1, 2)).getStatusCode().value())
                .isEqualTo(409);
        assertThat(advice.concurrentChange(new AggregateStreamCreationException("exists")).getStatusCode().value())
                .isEqualTo(409);
    }

    @Test
    void answers500OnlyForUnmappedFailures() {
        ProblemDetail problem = advice.mappedOrServerError(new IllegalStateException("bug")).getBody();
        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getDetail()).doesNotContain("bug");
    }
}
