package dev.kehu.command.opportunity;

import dev.kehu.command.customer.Customer;
import dev.kehu.command.web.AggregateBinding;
import dev.kehu.command.web.ProblemMapping;
import org.axonframework.modelling.command.Repository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Wires the opportunity's domain services, its REST conventions (version binding, problem
 * mappings: {@link OpportunityConflict} 409, {@link OpportunityRuleRefusal} 422) and the
 * customer adapter. Default stage probabilities come from
 * {@code kehu.opportunity.probability.<stage>} ({@link OpportunityProperties}; percent, e.g.
 * {@code kehu.opportunity.probability.bidding=50}); stages not configured keep {@link StageProbabilities#defaults()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpportunityProperties.class)
public class OpportunityConfiguration {

    @Bean
    public StageProbabilities stageProbabilities(OpportunityProperties properties) {
        return properties.stageProbabilities();
    }

    @Bean
    public OpportunityAndCustomerHandler opportunityAndCustomerHandler(
            Repository<Opportunity> opportunityRepository,
            CustomerAccounts customerAccounts, StageProbabilities stageProbabilities) {
        return new OpportunityAndCustomerHandler(opportunityRepository, customerAccounts, stageProbabilities);
    }

    @Bean
    public CustomerAccounts customerAccounts(Repository<Customer> customerRepository) {
        return new CustomerAccountsInRepository(customerRepository);
    }

    @Bean
    AggregateBinding opportunityAggregateBinding(Repository<Opportunity> opportunityRepository) {
        return AggregateBinding.forCommandsOf(OpportunityCommand.class, "opportunity", opportunityRepository);
    }

    @Bean
    ProblemMapping<OpportunityConflict> opportunityConflicts() {
        return ProblemMapping.of(OpportunityConflict.class, HttpStatus.CONFLICT, OpportunityConflict::details);
    }

    @Bean
    ProblemMapping<OpportunityRuleRefusal> opportunityRuleRefusals() {
        return ProblemMapping.of(OpportunityRuleRefusal.class, HttpStatus.UNPROCESSABLE_CONTENT,
                OpportunityRuleRefusal::details);
    }
}
