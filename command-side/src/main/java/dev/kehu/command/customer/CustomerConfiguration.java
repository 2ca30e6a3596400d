package dev.kehu.command.customer;

import dev.kehu.command.web.AggregateBinding;
import dev.kehu.command.web.ProblemMapping;
import java.time.Clock;
import java.time.ZoneId;
import org.axonframework.modelling.command.Repository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring of the Customer feature; its settings are {@link CustomerProperties} ({@code kehu.customer.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(CustomerProperties.class)
public class CustomerConfiguration {

    @Bean
    TierPolicy tierPolicy(CustomerProperties properties) {
        return properties.tier().policy();
    }

    @Bean
    CreditReviewPolicy creditReviewPolicy(CustomerProperties properties) {
        return properties.creditReview().policy();
    }

    /** "Today" for as-of dates in commands (aggregates never read the clock). */
    @Bean
    CustomerCalendar customerCalendar(CustomerProperties properties) {
        return new CustomerCalendar(Clock.system(ZoneId.of(properties.zone())));
    }

    /** Old snapshot shapes are dropped on reading; the customer is rebuilt from its events. */
    @Bean
    CustomerSnapshotFilter customerSnapshotFilter() {
        return new CustomerSnapshotFilter();
    }

    @Bean
    AggregateBinding customerAggregateBinding(Repository<Customer> customerRepository) {
        return AggregateBinding.forCommandsOf(CustomerCommand.class, "customer", customerRepository);
    }

    @Bean
    ProblemMapping<CustomerConflict> customerConflicts() {
        return ProblemMapping.of(CustomerConflict.class, HttpStatus.CONFLICT, CustomerConflict::details);
    }

    @Bean
    ProblemMapping<CustomerRuleRefusal> customerRuleRefusals() {
        return ProblemMapping.of(CustomerRuleRefusal.class, HttpStatus.UNPROCESSABLE_CONTENT, CustomerRuleRefusal::details);
    }

    @Bean
    ProblemMapping<CustomerPartNotFound> customerPartsNotFound() {
        return ProblemMapping.of(CustomerPartNotFound.class, HttpStatus.NOT_FOUND, CustomerPartNotFound::details);
    }
}
