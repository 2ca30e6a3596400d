package dev.kehu.command.opportunity;

import static dev.kehu.command.opportunity.OpportunityFixtures.JD_OPPORTUNITY;
import static dev.kehu.command.opportunity.OpportunityFixtures.jdHistoryUpTo;
import static dev.kehu.command.opportunity.OpportunityFixtures.jdOpened;
import static dev.kehu.command.opportunity.OpportunityFixtures.openJdOpportunity;

import dev.kehu.command.opportunity.OpportunityCommand.ChangeOpportunityPriority;
import dev.kehu.command.opportunity.OpportunityCommand.MarkOpportunityWon;
import dev.kehu.command.actor.NotTheOwner;
import dev.kehu.command.actor.OwnerOnly;
import dev.kehu.events.MetadataKeys;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityPriorityChanged;
import dev.kehu.events.opportunity.Stage;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SALES changes only the opportunities it owns, including those won and opened through the external handlers. */
class OpportunityOwnerOnlyTest {

    private AggregateTestFixture<Opportunity> fixture;

    @BeforeEach
    void setUp() {
        fixture = OpportunityFixtures.fixtureWith(OpportunityFixtures.twoCustomers());
    }

    @Test
    void letsTheOwnerChangeItsOpportunity() {
        fixture.given(jdOpened())
                .when(new ChangeOpportunityPriority(JD_OPPORTUNITY, OpportunityPriority.LOW), ownOnly("王小明"))
                .expectEvents(new OpportunityPriorityChanged(JD_OPPORTUNITY, OpportunityPriority.KEY, OpportunityPriority.LOW));
    }

    @Test
    void refusesASalesUserSomeoneElsesOpportunity() {
        fixture.given(jdOpened())
                .when(new ChangeOpportunityPriority(JD_OPPORTUNITY, OpportunityPriority.LOW), ownOnly("alice.smith"))
                .expectException(NotTheOwner.class)
                .expectNoEvents();
    }

    @Test
    void refusesASalesUserWinningSomeoneElsesOpportunity() {
        fixture.given(jdHistoryUpTo(Stage.NEGOTIATION))
                .when(new MarkOpportunityWon(JD_OPPORTUNITY), ownOnly("alice.smith"))
                .expectException(NotTheOwner.class)
                .expectNoEvents();
    }

    @Test
    void refusesASalesUserOpeningAnOpportunityForSomeoneElse() {
        fixture.givenNoPriorActivity()
                .when(openJdOpportunity(), ownOnly("alice.smith"))
                .expectException(NotTheOwner.class)
                .expectNoEvents();
    }

    @Test
    void letsAManagerChangeAnyOpportunity() {
        fixture.given(jdOpened())
                .when(new ChangeOpportunityPriority(JD_OPPORTUNITY, OpportunityPriority.LOW), Map.of(MetadataKeys.ACTOR, "manager.wang"))
                .expectEvents(new OpportunityPriorityChanged(JD_OPPORTUNITY, OpportunityPriority.KEY, OpportunityPriority.LOW));
    }

    private static Map<String, ?> ownOnly(String actor) {
        return Map.of(MetadataKeys.ACTOR, actor, OwnerOnly.OWN_ONLY, true);
    }
}
