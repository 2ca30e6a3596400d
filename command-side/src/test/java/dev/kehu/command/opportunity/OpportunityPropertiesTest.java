package dev.kehu.command.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kehu.events.opportunity.Stage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OpportunityPropertiesTest {

    private static StageProbabilities bound(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("kehu.opportunity", OpportunityProperties.class)
                .stageProbabilities();
    }

    @Test
    void recordDefaultsAreTheStageProbabilityDefaults() {
        assertThat(bound(Map.of()).asMap()).isEqualTo(StageProbabilities.defaults().asMap());
    }

    @Test
    void aConfiguredStageOverridesOnlyItsOwnDefault() {
        StageProbabilities probabilities = bound(Map.of("kehu.opportunity.probability.bidding", "55"));

        assertThat(probabilities.of(Stage.BIDDING)).isEqualTo(55);
        assertThat(probabilities.of(Stage.NEGOTIATION)).isEqualTo(80);
        assertThat(probabilities.of(Stage.LEAD)).isEqualTo(10);
    }

    @Test
    void refusesAProbabilityAboveOneHundredNamingTheProperty() {
        assertThatThrownBy(() -> bound(Map.of("kehu.opportunity.probability.negotiation", "101")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kehu.opportunity.probability.negotiation=101");
    }
}
