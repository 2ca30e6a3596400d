package dev.kehu.query.opportunity;

import dev.kehu.query.figures.WeightedAmount;
import dev.kehu.query.projection.Docs;
import org.bson.Document;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the opportunity detail answers beyond its stored document, computed when it is read: the customer (name and
 * region from the customer 360 view, the same processing group, so both are as fresh), the weighted amount
 * ({@link WeightedAmount}) and the time spent in each stage: from entering it to entering the next, and for the
 * current stage of an open deal up to now (so it stays right without events).
 */
final class OpportunityDetailFigures {

    private OpportunityDetailFigures() {
    }

    static Document answered(Document stored, Document customer, Instant now) {
        Document doc = new Document(stored);
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("customerId", stored.getString("customerId"));
        who.put("name", customer == null ? null : customer.getString("name"));
        who.put("region", customer == null ? null : customer.getString("region"));
        doc.put("customer", who);
        Object amount = stored.get("amount");
        BigDecimal weighted = amount == null ? null : WeightedAmount.weighted(Docs.amount(amount), stored.getInteger("probability", 0));
        doc.put("weightedAmount", weighted == null ? null : Map.of("amount", weighted, "currency", String.valueOf(Docs.currency(amount))));
        doc.put("stageHistory", withTimeInStage(stored.getList("stageHistory", Document.class, List.of()),
                "OPEN".equals(stored.getString("status")), now));
        return doc;
    }

    /** Each step with {@code leftAt} and {@code daysInStage} (to one decimal); a closing step has none. */
    static List<Document> withTimeInStage(List<Document> steps, boolean open, Instant now) {
        List<Document> answered = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Document step = new Document(steps.get(i));
            Instant at = step.get("at") instanceof Date date ? date.toInstant() : null;
            boolean last = i == steps.size() - 1;
            Instant left = !last && steps.get(i + 1).get("at") instanceof Date next ? next.toInstant() : null;
            Instant until = left != null ? left : last && open ? now : null;
            step.put("leftAt", left == null ? null : Date.from(left));
            step.put("daysInStage", at == null || until == null ? null
                    : BigDecimal.valueOf(Duration.between(at, until).toMillis()).divide(BigDecimal.valueOf(86_400_000L), 1, RoundingMode.HALF_UP));
            answered.add(step);
        }
        return answered;
    }
}
