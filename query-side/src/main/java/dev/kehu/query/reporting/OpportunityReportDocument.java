package dev.kehu.query.reporting;

import dev.kehu.query.elasticsearch.IndexedDocument;
import dev.kehu.query.projection.Docs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One opportunity in the reporting index, with its customer's region, tier, industry and account
 * manager as they are now.
 *
 * <p>Figures, exactly (the MongoDB pipeline view must compute the same):
 * <ul>
 *   <li>{@code amountMinor} = amount × 100, rounded half-up (amounts are summed exactly as longs);</li>
 *   <li>{@code probability} in percent: the stage default or the overridden value; 100 when won,
 *       0 when lost;</li>
 *   <li>{@code weightedAmountMinor} = amountMinor × probability / 100, rounded half-up per
 *       opportunity before summing (integer arithmetic on the rounded amount);</li>
 *   <li>{@code closedOn} = the date (in the reporting zone) of the event that won or lost it; a
 *       reopened opportunity has none;</li>
 *   <li>{@code closeDate} = closedOn when closed, else expectedCloseDate (the date the deal closes
 *       or is expected to): the period filter from/to applies to it, both ends inclusive;
 *       {@code closeMonth} is its yyyy-MM, {@code expectedCloseMonth} the expected date's.</li>
 * </ul>
 */
public final class OpportunityReportDocument implements IndexedDocument<OpportunityReportDocument> {

    private static final Logger LOG = LoggerFactory.getLogger(OpportunityReportDocument.class);

    public static final String OPEN = "OPEN";
    public static final String WON = "WON";
    public static final String LOST = "LOST";

    private final String opportunityId;
    private String customerId;
    private String title;
    private String owner;
    private String stage;
    private String status = OPEN;
    private String priority;
    private String source;
    private String currency;
    private BigDecimal amount = BigDecimal.ZERO;
    private int probability;
    private LocalDate openedOn;
    private LocalDate expectedCloseDate;
    private LocalDate closedOn;
    private String region;
    private String tier;
    private String industry;
    private String manager;
    private long lastPosition = -1;

    public OpportunityReportDocument(String opportunityId) {
        this.opportunityId = Objects.requireNonNull(opportunityId, "opportunityId");
    }

    public String opportunityId() { return opportunityId; }
    public String customerId() { return customerId; }
    public String status() { return status; }
    public String stage() { return stage; }
    public BigDecimal amount() { return amount; }
    public int probability() { return probability; }
    public long lastPosition() { return lastPosition; }
    /** The id of the indexed document: the opportunity's. */
    @Override public String id() { return opportunityId; }
    /** The version of the indexed document: the global position of the last event applied. */
    @Override public long version() { return lastPosition; }
    @Override public void version(long position) { lastPosition = position; }

    public OpportunityReportDocument customerId(String value) { customerId = value; return this; }
    public OpportunityReportDocument title(String value) { title = value; return this; }
    public OpportunityReportDocument owner(String value) { owner = value; return this; }
    public OpportunityReportDocument stage(String value) { stage = value; return this; }
    public OpportunityReportDocument status(String value) { status = value; return this; }
    public OpportunityReportDocument priority(String value) { priority = value; return this; }
    public OpportunityReportDocument source(String value) { source = value; return this; }
    public OpportunityReportDocument probability(int value) { probability = value; return this; }
    public OpportunityReportDocument openedOn(LocalDate value) { openedOn = value; return this; }
    public OpportunityReportDocument expectedCloseDate(LocalDate value) { expectedCloseDate = value; return this; }
    public OpportunityReportDocument closedOn(LocalDate value) { closedOn = value; return this; }
    public OpportunityReportDocument lastPosition(long value) { lastPosition = value; return this; }

    /** The amount and currency of {@code money}; an event without one leaves both empty. */
    public OpportunityReportDocument amount(dev.kehu.events.Money money) {
        return money == null ? amount(null, null) : amount(money.amount(), money.currency());
    }

    public OpportunityReportDocument amount(BigDecimal value, String currencyCode) {
        amount = value;
        currency = currencyCode;
        return this;
    }

    public OpportunityReportDocument customer(CustomerAttributes attributes) {
        region = attributes.region();
        tier = attributes.tier();
        industry = attributes.industry();
        manager = attributes.manager();
        return this;
    }

    /** A copy: a change that fails half-way (a poison event) is made on the copy and dropped. */
    @Override
    public OpportunityReportDocument copy() {
        OpportunityReportDocument copy = new OpportunityReportDocument(opportunityId)
                .customerId(customerId).title(title).owner(owner).stage(stage).status(status).priority(priority)
                .source(source).amount(amount, currency).probability(probability).openedOn(openedOn)
                .expectedCloseDate(expectedCloseDate).closedOn(closedOn).lastPosition(lastPosition);
        copy.region = region;
        copy.tier = tier;
        copy.industry = industry;
        copy.manager = manager;
        return copy;
    }

    /**
     * amount × 100, half-up; null when there is no amount or it does not fit a long (an amount beyond
     * ±92,233,720,368,547,758.07 from an old store or an import): such an opportunity is counted but
     * left out of the amount sums, like the pipeline view does ({@link Docs#cents}).
     */
    public Long amountMinor() {
        return Docs.cents(amount);
    }

    /** amountMinor × probability / 100, half-up (from the already rounded amountMinor); null when either does not fit. */
    public Long weightedAmountMinor() {
        Long minor = amountMinor();
        if (minor == null) {
            return null;
        }
        BigDecimal weighted = BigDecimal.valueOf(minor).multiply(BigDecimal.valueOf(probability))
                .movePointLeft(2).setScale(0, RoundingMode.HALF_UP);
        return weighted.unscaledValue().bitLength() < 64 ? weighted.longValue() : null;
    }

    public LocalDate closeDate() {
        return closedOn != null ? closedOn : expectedCloseDate;
    }

    @Override
    public Map<String, Object> toSource() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("opportunityId", opportunityId);
        source.put("customerId", customerId);
        source.put("title", title);
        source.put("owner", owner);
        source.put("stage", stage);
        source.put("status", status);
        source.put("priority", priority);
        source.put("source", this.source);
        source.put("currency", currency);
        source.put("amountMinor", amountMinor());
        source.put("probability", probability);
        source.put("weightedAmountMinor", weightedAmountMinor());
        source.put("openedOn", string(openedOn));
        source.put("expectedCloseDate", string(expectedCloseDate));
        source.put("expectedCloseMonth", month(expectedCloseDate));
        source.put("closedOn", string(closedOn));
        source.put("closeDate", string(closeDate()));
        source.put("closeMonth", month(closeDate()));
        source.put("region", region);
        source.put("tier", tier);
        source.put("industry", industry);
        source.put("manager", manager);
        source.put("lastPosition", lastPosition);
        return source;
    }

    public static OpportunityReportDocument fromSource(Map<String, Object> source) {
        OpportunityReportDocument document = new OpportunityReportDocument((String) source.get("opportunityId"))
                .customerId((String) source.get("customerId"))
                .title((String) source.get("title"))
                .owner((String) source.get("owner"))
                .stage((String) source.get("stage"))
                .status((String) source.get("status"))
                .priority((String) source.get("priority"))
                .source((String) source.get("source"))
                .amount(source.get("amountMinor") instanceof Number minor ? BigDecimal.valueOf(minor.longValue(), 2) : null,
                        (String) source.get("currency"))
                .probability(source.get("probability") instanceof Number probability ? probability.intValue() : 0)
                .openedOn(date(source.get("openedOn")))
                .expectedCloseDate(date(source.get("expectedCloseDate")))
                .closedOn(date(source.get("closedOn")))
                .lastPosition(((Number) source.get("lastPosition")).longValue());
        return document.customer(new CustomerAttributes((String) source.get("region"), (String) source.get("tier"),
                (String) source.get("industry"), (String) source.get("manager")));
    }

    /** The index's dates are {@code strict_date} (four-digit years): a date outside 0000–9999 is left out. */
    private static String string(LocalDate date) {
        return indexable(date) ? date.toString() : null;
    }

    private static String month(LocalDate date) {
        return indexable(date) ? YearMonth.from(date).toString() : null;
    }

    private static boolean indexable(LocalDate date) {
        if (date == null) {
            return false;
        }
        if (date.getYear() < 0 || date.getYear() > 9999) {
            LOG.warn("Date {} is outside what the reporting index holds (years 0000-9999); left out", date);
            return false;
        }
        return true;
    }

    private static LocalDate date(Object value) {
        return value == null ? null : LocalDate.parse((String) value);
    }
}
