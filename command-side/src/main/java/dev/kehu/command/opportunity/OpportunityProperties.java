package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.opportunity.*}.
 *
 * @param probability default win probability (percent, 0–100) an opportunity gets on entering each stage
 */
@ConfigurationProperties("kehu.opportunity")
public record OpportunityProperties(@DefaultValue Probability probability) {

    /**
     * {@code kehu.opportunity.probability.<stage>}: one component per {@link Stage}, so that every stage
     * has its own documented property and default (the defaults equal {@link StageProbabilities#defaults()}).
     *
     * @param lead          default probability (percent) of stage LEAD (线索)
     * @param qualification default probability (percent) of stage QUALIFICATION (需求确认)
     * @param proposal      default probability (percent) of stage PROPOSAL (方案报价)
     * @param bidding       default probability (percent) of stage BIDDING (投标)
     * @param negotiation   default probability (percent) of stage NEGOTIATION (谈判)
     * @param won           default probability (percent) of stage WON (赢单)
     * @param lost          default probability (percent) of stage LOST (输单)
     */
    public record Probability(@DefaultValue("10") Integer lead,
                              @DefaultValue("20") Integer qualification,
                              @DefaultValue("40") Integer proposal,
                              @DefaultValue("60") Integer bidding,
                              @DefaultValue("80") Integer negotiation,
                              @DefaultValue("100") Integer won,
                              @DefaultValue("0") Integer lost) {
    }

    /** The configured probabilities, each checked to be a percent by {@link StageProbabilities#withOverrides}. */
    public StageProbabilities stageProbabilities() {
        Map<Stage, Integer> configured = new EnumMap<>(Stage.class);
        configured.put(Stage.LEAD, probability.lead());
        configured.put(Stage.QUALIFICATION, probability.qualification());
        configured.put(Stage.PROPOSAL, probability.proposal());
        configured.put(Stage.BIDDING, probability.bidding());
        configured.put(Stage.NEGOTIATION, probability.negotiation());
        configured.put(Stage.WON, probability.won());
        configured.put(Stage.LOST, probability.lost());
        return StageProbabilities.withOverrides(configured);
    }
}
