package dev.kehu.command.customer;

import static dev.kehu.command.customer.CustomerFixtures.JD;
import static dev.kehu.command.customer.CustomerFixtures.aRegisteredCompany;
import static dev.kehu.command.customer.CustomerFixtures.jdProfile;
import static dev.kehu.command.customer.CustomerTest.withRegion;

import dev.kehu.command.customer.CustomerCommand.ChangeCustomerProfile;
import dev.kehu.command.actor.NotTheOwner;
import dev.kehu.command.actor.OwnerOnly;
import dev.kehu.events.MetadataKeys;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import java.util.Map;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SALES changes only the customers it manages: the rule is checked by the aggregate, on its own state. */
class CustomerOwnerOnlyTest {

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = CustomerFixtures.aggregateFixture();
    }

    @Test
    void letsASalesUserChangeACustomerItManages() {
        CustomerProfile moved = withRegion(jdProfile(), "上海办事处");
        fixture.given(aRegisteredCompany(), managedBy("张伟"))
                .when(new ChangeCustomerProfile(JD, moved), ownOnly("张伟"))
                .expectEvents(new CustomerProfileChanged(JD, moved));
    }

    @Test
    void refusesASalesUserAnotherManagersCustomer() {
        fixture.given(aRegisteredCompany(), managedBy("张伟"))
                .when(new ChangeCustomerProfile(JD, withRegion(jdProfile(), "上海办事处")), ownOnly("li.na"))
                .expectException(NotTheOwner.class)
                .expectNoEvents();
    }

    @Test
    void refusesASalesUserACustomerWithoutAccountManager() {
        fixture.given(aRegisteredCompany())
                .when(new ChangeCustomerProfile(JD, withRegion(jdProfile(), "上海办事处")), ownOnly("li.na"))
                .expectException(NotTheOwner.class)
                .expectNoEvents();
    }

    @Test
    void letsAnUnrestrictedActorChangeAnyCustomer() {
        CustomerProfile moved = withRegion(jdProfile(), "上海办事处");
        fixture.given(aRegisteredCompany(), managedBy("张伟"))
                .when(new ChangeCustomerProfile(JD, moved), Map.of(MetadataKeys.ACTOR, "manager.wang"))
                .expectEvents(new CustomerProfileChanged(JD, moved));
    }

    static AccountManagerAssigned managedBy(String manager) {
        return new AccountManagerAssigned(JD, manager, null, null);
    }

    static Map<String, ?> ownOnly(String actor) {
        return Map.of(MetadataKeys.ACTOR, actor, OwnerOnly.OWN_ONLY, true);
    }
}
