package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The default win probability (percent) of each stage. A domain service: the aggregate receives it
 * as a command-handler parameter and never reads configuration itself. Configured with
 * {@code kehu.opportunity.probability.<stage>} (see {@link OpportunityProperties}).
 */
public final class StageProbabilities {

    private static final Map<Stage, Integer> DEFAULTS = Map.of(
            Stage.LEAD, 10,
            Stage.QUALIFICATION, 20,
            Stage.PROPOSAL, 40,
            Stage.BIDDING, 60,
            Stage.NEGOTIATION, 80,
            Stage.WON, 100,
            Stage.LOST, 0);

    private final Map<Stage, Integer> probabilities;

    private StageProbabilities(Map<Stage, Integer> probabilities) {
        this.probabilities = Collections.unmodifiableMap(probabilities);
    }

    /** Lead 10, qualification 20, proposal 40, bidding 60, negotiation 80, won 100, lost 0. */
    public static StageProbabilities defaults() {
        return new StageProbabilities(new EnumMap<>(DEFAULTS));
    }

    /** The defaults with the given stages overridden; each value must be 0–100. */
    public static StageProbabilities withOverrides(Map<Stage, Integer> overrides) {
        EnumMap<Stage, Integer> merged = new EnumMap<>(DEFAULTS);
        overrides.forEach((stage, probability) -> {
            if (probability == null || probability < 0 || probability > 100) {
                throw new IllegalArgumentException(
                        "kehu.opportunity.probability." + stage.name().toLowerCase() + "=" + probability
                                + " is not a percent from 0 to 100");
            }
            merged.put(stage, probability);
        });
        return new StageProbabilities(merged);
    }

    public int of(Stage stage) {
        return probabilities.get(stage);
    }

    public Map<Stage, Integer> asMap() {
        return probabilities;
    }
}
