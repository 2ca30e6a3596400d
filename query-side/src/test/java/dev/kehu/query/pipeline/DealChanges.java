package dev.kehu.query.pipeline;

import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityCloseDateChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityOwnerReassigned;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.query.web.QueryParameters.ReportPeriod;
import org.axonframework.eventhandling.EventMessage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The pipeline's slipped and shrunk deals derived straight from the events, by the definitions of docs/read-side.md
 * ("days slipped", "shrunk deal"), without any view or controller code: the oracle {@link PipelineOracle} answers these
 * two lists from here, so a bug in the projection's slip or cut records or in {@code PipelineController} shows.
 */
final class DealChanges {

    /** A change of a deal's close date or amount: from, to, when. */
    private record Change<T>(T from, T to, Instant at) {
    }

    private static final class Deal {
        final String id;
        String customerId;
        String title;
        String ownerId;
        String stage;
        String status;
        LocalDate initialCloseDate;
        LocalDate expectedCloseDate;
        BigDecimal amount;
        final List<Change<LocalDate>> closeDates = new ArrayList<>();
        final List<Change<BigDecimal>> amounts = new ArrayList<>();

        Deal(String id) {
            this.id = id;
        }
    }

    private final Map<String, Deal> deals = new TreeMap<>(); // by id: the order of the report's lists
    private final Map<String, String> regions = new HashMap<>();

    DealChanges(List<? extends EventMessage<?>> events) {
        events.forEach(this::apply);
    }

    private void apply(EventMessage<?> message) {
        Object event = message.getPayload();
        Instant at = message.getTimestamp();
        if (event instanceof CustomerRegistered e) {
            regions.put(e.customerId(), e.profile().region());
        } else if (event instanceof CustomerProfileChanged e) {
            regions.put(e.customerId(), e.profile().region());
        } else if (event instanceof OpportunityOpened e) {
            Deal deal = deal(e.opportunityId());
            deal.customerId = e.customerId();
            deal.title = e.title();
            deal.ownerId = e.ownerId();
            deal.stage = e.stage().name();
            deal.status = "OPEN";
            deal.initialCloseDate = e.expectedCloseDate();
            deal.expectedCloseDate = e.expectedCloseDate();
            deal.amount = e.amount().amount();
        } else if (event instanceof OpportunityStageChanged e) {
            deal(e.opportunityId()).stage = e.to().name();
        } else if (event instanceof OpportunityOwnerReassigned e) {
            deal(e.opportunityId()).ownerId = e.ownerId();
        } else if (event instanceof OpportunityCloseDateChanged e) {
            Deal deal = deal(e.opportunityId());
            deal.closeDates.add(new Change<>(e.previousCloseDate(), e.expectedCloseDate(), at));
            deal.expectedCloseDate = e.expectedCloseDate();
        } else if (event instanceof OpportunityAmountChanged e) {
            Deal deal = deal(e.opportunityId());
            BigDecimal from = e.previousAmount() == null ? deal.amount : e.previousAmount().amount();
            deal.amounts.add(new Change<>(from, e.amount().amount(), at));
            deal.amount = e.amount().amount();
        } else if (event instanceof OpportunityWon e) {
            closed(e.opportunityId(), "WON").amount = e.amount().amount();
        } else if (event instanceof OpportunityLost e) {
            closed(e.opportunityId(), "LOST");
        } else if (event instanceof OpportunityReopened e) {
            Deal deal = deal(e.opportunityId());
            deal.stage = e.stage().name();
            deal.status = "OPEN";
        }
    }

    private Deal closed(String id, String status) {
        Deal deal = deal(id);
        deal.stage = status;
        deal.status = status;
        return deal;
    }

    private Deal deal(String id) {
        return deals.computeIfAbsent(id, Deal::new);
    }

    /** Deals whose close date moved later in the period: how often and by how many days in all (pull-ins not netted). */
    List<Map<String, Object>> slipped(ReportPeriod period, String owner, String region) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Deal deal : matching(owner, region)) {
            int slips = 0;
            long days = 0;
            for (Change<LocalDate> change : deal.closeDates) {
                if (period.contains(Date.from(change.at())) && change.from() != null && change.to() != null && change.to().isAfter(change.from())) {
                    slips++;
                    days += ChronoUnit.DAYS.between(change.from(), change.to());
                }
            }
            if (slips > 0) {
                Map<String, Object> row = summary(deal);
                row.put("initialCloseDate", Objects.toString(deal.initialCloseDate, null));
                row.put("expectedCloseDate", Objects.toString(deal.expectedCloseDate, null));
                row.put("slips", slips);
                row.put("daysSlipped", days);
                rows.add(row);
            }
        }
        return rows;
    }

    /** Deals cut in the period that are now below their amount just before the period's first cut. */
    List<Map<String, Object>> shrunk(ReportPeriod period, String owner, String region) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Deal deal : matching(owner, region)) {
            BigDecimal before = null;
            int cuts = 0;
            for (Change<BigDecimal> change : deal.amounts) {
                if (period.contains(Date.from(change.at())) && change.to().compareTo(change.from()) < 0) {
                    before = before == null ? change.from() : before;
                    cuts++;
                }
            }
            if (before != null && deal.amount.compareTo(before) < 0) {
                Map<String, Object> row = summary(deal);
                row.put("amountBefore", before);
                row.put("amount", deal.amount);
                row.put("shrunkBy", before.subtract(deal.amount));
                row.put("cuts", cuts);
                rows.add(row);
            }
        }
        return rows;
    }

    private List<Deal> matching(String owner, String region) {
        return deals.values().stream()
                .filter(d -> owner == null || owner.equals(d.ownerId))
                .filter(d -> region == null || region.equals(regions.get(d.customerId)))
                .toList();
    }

    private Map<String, Object> summary(Deal deal) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("opportunityId", deal.id);
        row.put("customerId", deal.customerId);
        row.put("title", deal.title);
        row.put("ownerId", deal.ownerId);
        row.put("region", regions.get(deal.customerId));
        row.put("stage", deal.stage);
        row.put("status", deal.status);
        return row;
    }
}
