package dev.kehu.events.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kehu.events.EventType;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.opportunity.OpportunityWon;
import org.junit.jupiter.api.Test;

/** The registry maps each event to the name it is stored under and back, and refuses an ambiguous or unnamed list. */
class EventTypesTest {

    @EventType("LimitRaised")
    record LimitRaised(String customerId) {
    }

    @EventType("LimitRaised")
    record LimitRaisedAgain(String customerId) {
    }

    @EventType("dev.kehu.events.customer.ContactAdded")
    record ContactAddedCopy(String customerId) {
    }

    record Unnamed(String customerId) {
    }

    @EventType("客户.注册 registered")
    record BadlyNamed(String customerId) {
    }

    @Test
    void movedEventsKeepTheNameTheyWereStoredUnderAndNewOnesMayBeShort() {
        assertThat(EventTypes.ALL.nameOf(ContactAdded.class)).contains("dev.kehu.events.customer.ContactAdded");
        assertThat(EventTypes.ALL.nameOf(CreditLimitSet.class)).contains("dev.kehu.events.customer.CreditLimitSet");
        assertThat(EventTypes.ALL.nameOf(CustomerRegistered.class)).contains("dev.kehu.events.customer.CustomerRegistered");
        assertThat(EventTypes.ALL.nameOf(OpportunityWon.class)).contains("dev.kehu.events.opportunity.OpportunityWon");
        assertThat(EventTypes.ALL.classOf("dev.kehu.events.customer.ContactAdded")).contains(ContactAdded.class);
        assertThat(EventTypes.ALL.classOf(ContactAdded.class.getName())).as("the class name is no stored name").isEmpty();

        EventTypes withANewOne = EventTypes.of(LimitRaised.class);
        assertThat(withANewOne.nameOf(LimitRaised.class)).contains("LimitRaised");
        assertThat(withANewOne.classOf("LimitRaised")).contains(LimitRaised.class);
    }

    @Test
    void everyRegisteredEventRoundTripsUnderADistinctName() {
        assertThat(EventTypes.ALL.classes()).hasSize(62);
        assertThat(EventTypes.ALL.classes().stream().map(type -> EventTypes.ALL.nameOf(type).orElseThrow()).distinct())
                .hasSize(62);
        for (Class<?> type : EventTypes.ALL.classes()) {
            String name = EventTypes.ALL.nameOf(type).orElseThrow();
            assertThat(EventTypes.ALL.classOf(name)).as(name).contains(type);
            assertThat(EventTypes.isEventName(name)).as(name).isTrue();
        }
    }

    @Test
    void refusesANameGivenTwiceAClassWithoutANameAndAMalformedName() {
        assertThatThrownBy(() -> EventTypes.of(LimitRaised.class, LimitRaisedAgain.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'LimitRaised' names both " + LimitRaised.class.getName());
        assertThatThrownBy(() -> EventTypes.of(ContactAdded.class, ContactAddedCopy.class))
                .hasMessageContaining("'dev.kehu.events.customer.ContactAdded' names both");
        assertThatThrownBy(() -> EventTypes.of(Unnamed.class)).hasMessageContaining(Unnamed.class.getName() + " has no @EventType");
        assertThatThrownBy(() -> EventTypes.of(BadlyNamed.class)).hasMessageContaining("malformed name '客户.注册 registered'");
        assertThatThrownBy(() -> EventTypes.of(LimitRaised.class, LimitRaised.class)).hasMessageContaining("listed twice");
    }

    @Test
    void eventNamesAreTheLegacyOnesAndShortOnes() {
        assertThat(EventTypes.isEventName("dev.kehu.events.customer.Vanished")).isTrue();
        assertThat(EventTypes.isEventName("Vanished")).isTrue();
        assertThat(EventTypes.isEventName("java.lang.String")).isFalse();
        assertThat(EventTypes.isEventName("org.axonframework.messaging.MetaData")).isFalse();
        assertThat(EventTypes.isEventName("empty")).as("Axon's empty type").isFalse();
    }
}
