package dev.kehu.query.opportunity;

import dev.kehu.query.customer360.Customer360Documents;
import dev.kehu.query.opportunity.OpportunityView.AmountChange;
import dev.kehu.query.opportunity.OpportunityView.Bid;
import dev.kehu.query.opportunity.OpportunityView.CloseDateChange;
import dev.kehu.query.opportunity.OpportunityView.StageStep;
import dev.kehu.query.projection.ViewWriter;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The stored shape of the opportunity detail view ({@code opportunity_detail}) and back. */
public final class OpportunityDocuments {

    private OpportunityDocuments() {
    }

    public static Document encode(OpportunityView v) {
        List<Document> steps = new ArrayList<>();
        for (StageStep s : v.stageHistory()) {
            steps.add(new Document("stage", s.stage()).append("stageName", s.stageName()).append("probability", s.probability())
                    .append("at", date(s.at())).append("by", s.by()).append("reason", s.reason())
                    .append("skipped", s.skipped()).append("backwards", s.backwards()));
        }
        Bid b = v.bid();
        Document bid = b == null ? null : new Document("checklist", b.checklist()).append("preparedAt", date(b.preparedAt()))
                .append("amount", Customer360Documents.money(b.amount())).append("deadline", b.deadline())
                .append("submittedAt", date(b.submittedAt())).append("outcome", b.outcome()).append("notes", b.notes());
        return new Document("_id", v.opportunityId()).append("customerId", v.customerId()).append("title", v.title())
                .append("amount", Customer360Documents.money(v.amount())).append("source", v.source())
                .append("ownerId", v.ownerId()).append("priority", v.priority()).append("stage", v.stage())
                .append("stageName", v.stageName()).append("probability", v.probability())
                .append("expectedCloseDate", v.expectedCloseDate()).append("status", v.status())
                .append("openedAt", date(v.openedAt())).append("openedBy", v.openedBy()).append("closedAt", date(v.closedAt()))
                .append("lostReason", v.lostReason()).append("competitor", v.competitor()).append("reopened", v.reopened())
                .append("stageHistory", steps).append("bid", bid)
                .append("amountChanges", v.amountChanges().stream().map(c -> new Document("from", Customer360Documents.money(c.from()))
                        .append("to", Customer360Documents.money(c.to())).append("at", date(c.at())).append("by", c.by())).toList())
                .append("closeDateChanges", v.closeDateChanges().stream().map(c -> new Document("from", c.from()).append("to", c.to())
                        .append("at", date(c.at())).append("by", c.by())).toList())
                .append("lastChangedAt", date(v.lastChangedAt()))
                .append(ViewWriter.APPLIED_POSITION, v.appliedPosition());
    }

    public static OpportunityView decode(Document d) {
        if (d == null) {
            return null;
        }
        List<StageStep> steps = new ArrayList<>();
        for (Document s : d.getList("stageHistory", Document.class, List.of())) {
            steps.add(new StageStep(s.getString("stage"), s.getString("stageName"), s.getInteger("probability", 0),
                    instant(s.get("at")), s.getString("by"), s.getString("reason"), Boolean.TRUE.equals(s.getBoolean("skipped")),
                    Boolean.TRUE.equals(s.getBoolean("backwards"))));
        }
        Document b = d.get("bid", Document.class);
        Bid bid = b == null ? null : new Bid(List.copyOf(b.getList("checklist", String.class, List.of())), instant(b.get("preparedAt")),
                Customer360Documents.amount(b.get("amount")), b.getString("deadline"), instant(b.get("submittedAt")),
                b.getString("outcome"), b.getString("notes"));
        return new OpportunityView(String.valueOf(d.get("_id")),
                d.get(ViewWriter.APPLIED_POSITION) instanceof Number n ? n.longValue() : -1, d.getString("customerId"),
                d.getString("title"), Customer360Documents.amount(d.get("amount")), d.getString("source"), d.getString("ownerId"),
                d.getString("priority"), d.getString("stage"), d.getString("stageName"), d.getInteger("probability", 0),
                d.getString("expectedCloseDate"), d.getString("status"), instant(d.get("openedAt")), d.getString("openedBy"),
                instant(d.get("closedAt")), d.getString("lostReason"), d.getString("competitor"), d.getInteger("reopened", 0),
                List.copyOf(steps), bid,
                d.getList("amountChanges", Document.class, List.of()).stream().map(c -> new AmountChange(
                        Customer360Documents.amount(c.get("from")), Customer360Documents.amount(c.get("to")), instant(c.get("at")),
                        c.getString("by"))).toList(),
                d.getList("closeDateChanges", Document.class, List.of()).stream().map(c -> new CloseDateChange(
                        c.getString("from"), c.getString("to"), instant(c.get("at")), c.getString("by"))).toList(),
                instant(d.get("lastChangedAt")));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Object stored) {
        return stored instanceof Date date ? date.toInstant() : null;
    }
}
