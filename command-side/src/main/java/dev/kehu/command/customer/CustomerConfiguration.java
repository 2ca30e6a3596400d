package dev.kehu.command.customer;

import dev.kehu.command.web.AggregateBinding;
import dev.kehu.command.web.ProblemMapping;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring of the Customer feature. Properties (all optional):
 * <ul>
 *   <li>{@code kehu.customer.tier.currency} (CNY), {@code kehu.customer.tier.silver} (50000),
 *       {@code kehu.customer.tier.gold} (200000), {@code kehu.customer.tier.diamond} (1000000): value
 *       tier thresholds on rolling twelve-month spend;</li>
 *   <li>{@code kehu.customer.tier.reevaluation-cron} ({@code 0 30 2 * * *}): the daily re-evaluation;</li>
 *   <li>{@code kehu.customer.zone} (Asia/Shanghai): the zone that decides "today" for as-of dates.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class CustomerConfiguration {

    @Bean
    TierPolicy tierPolicy(@Value("${kehu.customer.tier.currency:CNY}") String currency,
                          @Value("${kehu.customer.tier.silver:50000}") BigDecimal silver,
                          @Value("${kehu.customer.tier.gold:200000}") BigDecimal gold,
                          @Value("${kehu.customer.tier.diamond:1000000}") BigDecimal diamond) {
        return new TierPolicy(currency, silver, gold, diamond);
    }

    /** "Today" for as-of dates in commands (aggregates never read the clock). */
    @Bean
    CustomerCalendar customerCalendar(@Value("${kehu.customer.zone:Asia/Shanghai}") String zone) {
        return new CustomerCalendar(Clock.system(ZoneId.of(zone)));
    }

    @Bean
    AggregateBinding customerAggregateBinding(Repository<Customer> customerRepository) {
        return AggregateBinding.forCommandsIn("customer", Customer.class.getPackageName(), customerRepository);
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

    /** The directory must be current when a command returns: a subscribing processor. */
    @Bean
    ConfigurerModule customerDirectoryProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(CustomerDirectory.PROCESSING_GROUP);
    }
}
