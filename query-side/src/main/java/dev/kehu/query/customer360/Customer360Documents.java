package dev.kehu.query.customer360;

import dev.kehu.events.customer.contact.Phone;
import dev.kehu.query.customer360.Customer360View.Amount;
import dev.kehu.query.customer360.Customer360View.ClosedOpportunity;
import dev.kehu.query.customer360.Customer360View.DaySpend;
import dev.kehu.query.customer360.Customer360View.Assignment;
import dev.kehu.query.customer360.Customer360View.Complaint;
import dev.kehu.query.customer360.Customer360View.Complaints;
import dev.kehu.query.customer360.Customer360View.Contact;
import dev.kehu.query.customer360.Customer360View.Credit;
import dev.kehu.query.customer360.Customer360View.FollowUp;
import dev.kehu.query.customer360.Customer360View.Interaction;
import dev.kehu.query.customer360.Customer360View.Investigation;
import dev.kehu.query.customer360.Customer360View.Invoice;
import dev.kehu.query.customer360.Customer360View.LifecycleDetail;
import dev.kehu.query.customer360.Customer360View.Maybe;
import dev.kehu.query.customer360.Customer360View.OpportunitySummary;
import dev.kehu.query.customer360.Customer360View.Profile;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ViewCodec;
import dev.kehu.query.projection.ViewWriter;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The stored shape of the customer 360 view ({@code customer_360}, {@code customer_360_opportunities}) and back. The
 * shape is the one the API has always answered (see docs/read-side.md); a field the record holds as absent
 * ({@link Maybe} null) is left out of the document, exactly as the view left it out before it was a fold.
 */
public final class Customer360Documents {

    private static final List<String> OPPORTUNITY_KEYS = List.of("_id", "customerId", "title", "amount", "stage", "probability",
            "expectedCloseDate", "ownerId", "priority", "open", ViewWriter.APPLIED_POSITION);
    /** The customer document for {@link dev.kehu.query.projection.ViewWriter#replace}: decoded once per batch, encoded once per write. */
    public static final ViewCodec<Customer360View> VIEW = ViewCodec.of(Customer360Documents::decode, Customer360Documents::encode,
            Customer360Documents::keys);
    /** The opportunity document likewise. */
    public static final ViewCodec<Customer360Opportunity> OPPORTUNITY = ViewCodec.of(Customer360Documents::decodeOpportunity,
            Customer360Documents::encode, o -> OPPORTUNITY_KEYS);

    private Customer360Documents() {
    }

    /**
     * A top-level key of the customer document: stored when the view holds it ({@code present}), with the value
     * {@code value}. {@link #KEYS} lists them in the document's order, so that {@link #encode(Customer360View)} and
     * {@link #keys} are one definition.
     */
    private record Key(String name, Predicate<Customer360View> present, Function<Customer360View, Object> value) {

        static Key always(String name, Function<Customer360View, Object> value) {
            return new Key(name, v -> true, value);
        }

        /** A profile field: the document has none of them before the customer is registered. */
        static Key ofProfile(String name, Function<Profile, Object> value) {
            return new Key(name, v -> v.profile() != null, v -> value.apply(v.profile()));
        }

        /** A key the document lacks while the view's field is null (a {@link Maybe} or a field the view added later). */
        static <T> Key ifHeld(String name, Function<Customer360View, T> field, Function<T, Object> value) {
            return new Key(name, v -> field.apply(v) != null, v -> value.apply(field.apply(v)));
        }
    }

    private static final List<Key> KEYS = List.of(
            Key.always("_id", Customer360View::customerId),
            Key.always("kind", Customer360View::kind),
            Key.ofProfile("name", Profile::name),
            Key.ofProfile("chineseName", Profile::chineseName),
            Key.ofProfile("latinName", Profile::latinName),
            Key.ofProfile("creditCode", Profile::creditCode),
            Key.ofProfile("mobile", p -> phone(p.mobile())),
            Key.ofProfile("email", Profile::email),
            Key.ofProfile("industry", Profile::industry),
            Key.ofProfile("region", Profile::region),
            Key.ofProfile("segment", Profile::segment),
            Key.ofProfile("sourceChannel", Profile::sourceChannel),
            Key.ofProfile("tags", Profile::tags),
            Key.ofProfile("addresses", Profile::addresses),
            Key.ofProfile("preferences", p -> new Document(new LinkedHashMap<>(p.preferences()))),
            Key.ofProfile("notes", Profile::notes),
            Key.always("registeredAt", v -> date(v.registeredAt())),
            Key.always("lifecycle", Customer360View::lifecycle),
            Key.always("tier", Customer360View::tier),
            Key.always("accountManager", Customer360View::accountManager),
            Key.always("assignmentHistory", v -> list(v.assignmentHistory(), a -> new Document("accountManager", a.accountManager())
                    .append("previousAccountManager", a.previousAccountManager()).append("reason", a.reason())
                    .append("assignedAt", date(a.assignedAt())).append("assignedBy", a.assignedBy()))),
            Key.always("contacts", v -> list(v.contacts(), Customer360Documents::contact)),
            Key.always("primaryContactId", Customer360View::primaryContactId),
            Key.always("credit", Customer360Documents::credit),
            Key.always("invoices", v -> list(v.invoices(), Customer360Documents::invoice)),
            Key.always("openOpportunities", v -> list(v.openOpportunities(), o -> new Document("opportunityId", o.opportunityId())
                    .append("title", o.title()).append("amount", money(o.amount())).append("stage", o.stage())
                    .append("probability", o.probability()).append("expectedCloseDate", o.expectedCloseDate())
                    .append("ownerId", o.ownerId()).append("priority", o.priority()))),
            Key.always("lastInteractions", v -> list(v.lastInteractions(), i -> new Document("interactionId", i.interactionId())
                    .append("channel", i.channel()).append("contactId", i.contactId()).append("occurredOn", i.occurredOn())
                    .append("outcome", i.outcome()).append("notes", i.notes()).append("recordedBy", i.recordedBy()))),
            Key.always("interactionCount", Customer360View::interactionCount),
            Key.always("lastInteractionOn", Customer360View::lastInteractionOn),
            Key.always("openFollowUps", v -> list(v.openFollowUps(), f -> new Document("followUpId", f.followUpId())
                    .append("interactionId", f.interactionId()).append("dueOn", f.dueOn()))),
            Key.always("complaints", v -> complaints(v.complaints())),
            Key.always("orderCount", Customer360View::orderCount),
            Key.always("lastOrderOn", Customer360View::lastOrderOn),
            Key.always("mergedInto", Customer360View::mergedInto),
            Key.ifHeld("lifecycleDetail", Customer360View::lifecycleDetail,
                    detail -> detail.value() == null ? null : lifecycleDetail(detail.value())),
            Key.ifHeld("twelveMonthSpend", Customer360View::twelveMonthSpend, spend -> money(spend.value())),
            Key.ifHeld("paidInvoicesNotShown", Customer360View::paidInvoicesNotShown, count -> count),
            Key.ifHeld("absorbedDuplicates", Customer360View::absorbedDuplicates, ArrayList::new),
            Key.ifHeld("lastReturnVisitOn", Customer360View::lastReturnVisitOn, Maybe::value),
            Key.ifHeld("lastSatisfactionScore", Customer360View::lastSatisfactionScore, score -> score),
            Key.always("spendByDay", v -> list(v.spendByDay(), s -> new Document("day", s.day()).append("amount", money(s.amount())))),
            Key.always("recentlyClosedOpportunities", v -> list(v.recentlyClosedOpportunities(),
                    c -> new Document("opportunityId", c.opportunityId()).append("title", c.title())
                            .append("amount", money(c.amount())).append("status", c.status())
                            .append("closedAt", date(c.closedAt())).append("ownerId", c.ownerId()))),
            Key.ifHeld("latestInvestigation", Customer360View::latestInvestigation,
                    i -> new Document("investigationId", i.investigationId()).append("sources", i.sources())
                            .append("findings", i.findings()).append("evaluation", i.evaluation())
                            .append("proposedRating", i.proposedRating()).append("investigatedBy", i.investigatedBy())
                            .append("investigatedOn", i.investigatedOn())),
            Key.ifHeld("paymentRecord", Customer360View::paymentRecord,
                    r -> new Document("paidInvoices", r.paidInvoices()).append("totalDaysToPay", r.totalDaysToPay())
                            .append("paidLate", r.paidLate())),
            Key.ifHeld("serviceRequests", Customer360View::serviceRequests,
                    requests -> list(requests, Customer360ServiceRequests::encode)),
            Key.ifHeld("recentDeliveries", Customer360View::recentDeliveries,
                    deliveries -> list(deliveries, Customer360Deliveries::encode)),
            Key.ifHeld("recentOrders", Customer360View::recentOrders, orders -> list(orders, Customer360Deliveries::encode)),
            Key.always(ViewWriter.APPLIED_POSITION, Customer360View::appliedPosition));

    /** The top-level keys of {@link #encode(Customer360View)}, in its order, without encoding. */
    static List<String> keys(Customer360View v) {
        List<String> keys = new ArrayList<>(KEYS.size());
        for (Key key : KEYS) {
            if (key.present().test(v)) {
                keys.add(key.name());
            }
        }
        return keys;
    }

    public static Document encode(Customer360View v) {
        Document doc = new Document();
        for (Key key : KEYS) {
            if (key.present().test(v)) {
                doc.append(key.name(), key.value().apply(v));
            }
        }
        return doc;
    }

    public static Customer360View decode(Document doc) {
        if (doc == null) {
            return null;
        }
        Profile profile = doc.containsKey("name") ? new Profile(doc.getString("name"), doc.getString("chineseName"),
                doc.getString("latinName"), doc.getString("creditCode"), phone(doc.get("mobile")), doc.getString("email"),
                doc.getString("industry"), doc.getString("region"), doc.getString("segment"), doc.getString("sourceChannel"),
                strings(doc.get("tags")), strings(doc.get("addresses")), preferences(doc.get("preferences")), doc.getString("notes")) : null;
        Document credit = doc.get("credit", Document.class);
        return new Customer360View(String.valueOf(doc.get("_id")), position(doc), doc.getString("kind"), profile,
                instant(doc.get("registeredAt")), doc.getString("lifecycle"),
                doc.containsKey("lifecycleDetail") ? new Maybe<>(lifecycleDetail(doc.get("lifecycleDetail", Document.class))) : null,
                doc.getString("tier"),
                doc.containsKey("twelveMonthSpend") ? new Maybe<>(amount(doc.get("twelveMonthSpend"))) : null,
                doc.getString("accountManager"),
                documents(doc, "assignmentHistory", a -> new Assignment(a.getString("accountManager"),
                        a.getString("previousAccountManager"), a.getString("reason"), instant(a.get("assignedAt")), a.getString("assignedBy"))),
                documents(doc, "contacts", c -> new Contact(c.getString("contactId"), c.getString("name"), c.getString("title"),
                        c.getList("phones", Object.class, List.of()).stream().map(Customer360Documents::phone).toList(),
                        strings(c.get("emails")), c.getString("notes"), Boolean.TRUE.equals(c.getBoolean("primary")))),
                doc.getString("primaryContactId"),
                credit == null ? new Credit(null, null, false, null, Map.of()) : decodeCredit(credit),
                documents(doc, "invoices", i -> new Invoice(i.getString("invoiceNumber"), amount(i.get("amount")),
                        amount(i.get("outstanding")), i.getString("invoicedOn"), i.getString("dueOn"), i.getString("orderNumber"),
                        i.getString("overdueSince"), i.containsKey("paidOn") ? new Maybe<>(i.getString("paidOn")) : null)),
                doc.getInteger("paidInvoicesNotShown"),
                documents(doc, "openOpportunities", o -> new OpportunitySummary(o.getString("opportunityId"), o.getString("title"),
                        amount(o.get("amount")), o.getString("stage"), o.getInteger("probability"), o.getString("expectedCloseDate"),
                        o.getString("ownerId"), o.getString("priority"))),
                documents(doc, "lastInteractions", i -> new Interaction(i.getString("interactionId"), i.getString("channel"),
                        i.getString("contactId"), i.getString("occurredOn"), i.getString("outcome"), i.getString("notes"),
                        i.getString("recordedBy"))),
                doc.getInteger("interactionCount", 0), doc.getString("lastInteractionOn"),
                documents(doc, "openFollowUps", f -> new FollowUp(f.getString("followUpId"), f.getString("interactionId"), f.getString("dueOn"))),
                decodeComplaints(doc.get("complaints", Document.class)),
                doc.getInteger("orderCount", 0), doc.getString("lastOrderOn"), doc.getString("mergedInto"),
                doc.containsKey("absorbedDuplicates") ? Customer360Draft.frozen(strings(doc.get("absorbedDuplicates"))) : null,
                doc.containsKey("lastReturnVisitOn") ? new Maybe<>(doc.getString("lastReturnVisitOn")) : null,
                doc.getInteger("lastSatisfactionScore"),
                documents(doc, "spendByDay", s -> new DaySpend(s.getString("day"), amount(s.get("amount")))),
                documents(doc, "recentlyClosedOpportunities", c -> new ClosedOpportunity(c.getString("opportunityId"),
                        c.getString("title"), amount(c.get("amount")), c.getString("status"), instant(c.get("closedAt")),
                        c.getString("ownerId"))),
                investigation(doc.get("latestInvestigation", Document.class)),
                paymentRecord(doc.get("paymentRecord", Document.class)),
                present(doc, "serviceRequests", Customer360ServiceRequests::decode),
                present(doc, "recentDeliveries", Customer360Deliveries::delivery),
                present(doc, "recentOrders", Customer360Deliveries::order));
    }

    /** The list under {@code key}, or null when the document has no such key. */
    private static <T> List<T> present(Document doc, String key, Function<Document, T> decode) {
        return doc.containsKey(key) ? documents(doc, key, decode) : null;
    }

    private static dev.kehu.query.figures.PaymentRecord paymentRecord(Document p) {
        return p == null ? null : new dev.kehu.query.figures.PaymentRecord(p.get("paidInvoices", Number.class).longValue(),
                p.get("totalDaysToPay", Number.class).longValue(), p.get("paidLate", Number.class).longValue());
    }

    private static Investigation investigation(Document i) {
        return i == null ? null : new Investigation(i.getString("investigationId"), strings(i.get("sources")),
                i.getString("findings"), i.getString("evaluation"), i.getString("proposedRating"),
                i.getString("investigatedBy"), i.getString("investigatedOn"));
    }

    public static Document encode(Customer360Opportunity o) {
        return new Document("_id", o.opportunityId()).append("customerId", o.customerId()).append("title", o.title())
                .append("amount", money(o.amount())).append("stage", o.stage()).append("probability", o.probability())
                .append("expectedCloseDate", o.expectedCloseDate()).append("ownerId", o.ownerId())
                .append("priority", o.priority()).append("open", o.open())
                .append(ViewWriter.APPLIED_POSITION, o.appliedPosition());
    }

    public static Customer360Opportunity decodeOpportunity(Document doc) {
        if (doc == null) {
            return null;
        }
        return new Customer360Opportunity(String.valueOf(doc.get("_id")), position(doc), doc.getString("customerId"),
                doc.getString("title"), amount(doc.get("amount")), doc.getString("stage"), doc.getInteger("probability"),
                doc.getString("expectedCloseDate"), doc.getString("ownerId"), doc.getString("priority"),
                Boolean.TRUE.equals(doc.getBoolean("open")));
    }

    // --- parts --------------------------------------------------------------------------------

    private static Document credit(Customer360View v) {
        Credit credit = v.credit() == null ? new Credit(null, null, false, null, Map.of()) : v.credit();
        Document reservations = new Document();
        credit.reservations().forEach((opportunityId, amount) -> reservations.put(opportunityId, money(amount)));
        return new Document("limit", money(credit.limit())).append("rating", credit.rating()).append("hold", credit.hold())
                .append("holdReason", credit.holdReason()).append("reservations", reservations);
    }

    private static Credit decodeCredit(Document credit) {
        Map<String, Amount> reservations = new LinkedHashMap<>();
        Document stored = credit.get("reservations", Document.class);
        if (stored != null) {
            stored.forEach((opportunityId, amount) -> reservations.put(opportunityId, amount(amount)));
        }
        return new Credit(amount(credit.get("limit")), credit.getString("rating"), Boolean.TRUE.equals(credit.getBoolean("hold")),
                credit.getString("holdReason"), java.util.Collections.unmodifiableMap(reservations));
    }

    private static Document contact(Contact c) {
        return new Document("contactId", c.contactId()).append("name", c.name()).append("title", c.title())
                .append("phones", c.phones().stream().map(Customer360Documents::phone).toList())
                .append("emails", c.emails()).append("notes", c.notes()).append("primary", c.primary());
    }

    private static Document invoice(Invoice i) {
        Document doc = new Document("invoiceNumber", i.invoiceNumber()).append("amount", money(i.amount()))
                .append("outstanding", money(i.outstanding())).append("invoicedOn", i.invoicedOn()).append("dueOn", i.dueOn())
                .append("orderNumber", i.orderNumber()).append("overdueSince", i.overdueSince());
        if (i.paidOn() != null) {
            doc.append("paidOn", i.paidOn().value());
        }
        return doc;
    }

    private static Document complaints(Complaints complaints) {
        Complaints c = complaints == null ? new Complaints(0, 0, List.of()) : complaints;
        return new Document("open", c.open()).append("resolved", c.resolved()).append("recent", list(c.recent(), r -> {
            Document doc = new Document("complaintId", r.complaintId()).append("subject", r.subject()).append("status", r.status())
                    .append("loggedAt", date(r.loggedAt())).append("resolvedAt", date(r.resolvedAt()))
                    .append("satisfactionScore", r.satisfactionScore());
            if (r.resolution() != null) {
                doc.append("resolution", r.resolution().value());
            }
            if (r.serviceRequestId() != null) {
                doc.append("serviceRequestId", r.serviceRequestId().value());
            }
            return doc;
        }));
    }

    private static Complaints decodeComplaints(Document complaints) {
        if (complaints == null) {
            return new Complaints(0, 0, List.of());
        }
        return new Complaints(complaints.getInteger("open", 0), complaints.getInteger("resolved", 0),
                documents(complaints, "recent", r -> new Complaint(r.getString("complaintId"), r.getString("subject"),
                        r.getString("status"), instant(r.get("loggedAt")), instant(r.get("resolvedAt")), r.getInteger("satisfactionScore"),
                        r.containsKey("resolution") ? new Maybe<>(r.getString("resolution")) : null,
                        r.containsKey("serviceRequestId") ? new Maybe<>(r.getString("serviceRequestId")) : null)));
    }

    private static Document lifecycleDetail(LifecycleDetail detail) {
        Document doc = new Document("reason", detail.reason());
        if (detail.competitor() != null) {
            doc.append("competitor", detail.competitor().value());
        }
        return doc;
    }

    private static LifecycleDetail lifecycleDetail(Document doc) {
        return doc == null ? null : new LifecycleDetail(doc.getString("reason"),
                doc.containsKey("competitor") ? new Maybe<>(doc.getString("competitor")) : null);
    }

    public static Document money(Amount amount) {
        return amount == null ? null : new Document("amount", Docs.decimal(amount.amount())).append("currency", amount.currency());
    }

    public static Amount amount(Object stored) {
        if (!(stored instanceof Document money)) {
            return null;
        }
        Object value = money.get("amount");
        return new Amount(value == null ? null : Docs.amount(value), money.getString("currency"));
    }

    private static Document phone(Phone phone) {
        return phone == null ? null : new Document("entered", phone.entered()).append("normalized", phone.normalized());
    }

    private static Phone phone(Object stored) {
        return stored instanceof Document d ? new Phone(d.getString("entered"), d.getString("normalized")) : null;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Object stored) {
        return stored instanceof Date date ? date.toInstant() : null;
    }

    private static long position(Document doc) {
        return doc.get(ViewWriter.APPLIED_POSITION) instanceof Number n ? n.longValue() : -1;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object stored) {
        return stored instanceof List<?> list ? Customer360Draft.frozen((List<String>) list) : List.of();
    }

    private static Map<String, String> preferences(Object stored) {
        Map<String, String> preferences = new java.util.TreeMap<>();
        if (stored instanceof Document d) {
            d.forEach((key, value) -> preferences.put(key, value == null ? null : value.toString()));
        }
        return preferences;
    }

    private static <T> List<Document> list(List<T> values, Function<T, Document> encode) {
        List<Document> list = new ArrayList<>(values.size());
        values.forEach(value -> list.add(encode.apply(value)));
        return list;
    }

    private static <T> List<T> documents(Document doc, String key, Function<Document, T> decode) {
        List<T> list = new ArrayList<>();
        for (Document element : doc.getList(key, Document.class, List.of())) {
            list.add(decode.apply(element));
        }
        return Customer360Draft.frozen(list);
    }
}
