package dev.kehu.query.history;

import dev.kehu.events.MetadataKeys;
import dev.kehu.events.Money;
import dev.kehu.events.customer.*;
import dev.kehu.events.customer.contact.*;
import dev.kehu.events.customer.credit.*;
import dev.kehu.events.customer.delivery.DeliveryItem;
import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceVisitCompleted;
import dev.kehu.events.customer.delivery.DeliveryRecorded;
import dev.kehu.events.customer.delivery.DeliveryStatus;
import dev.kehu.events.customer.delivery.DeliveryStatusChanged;
import dev.kehu.events.customer.followup.*;
import dev.kehu.events.customer.lifecycle.*;
import dev.kehu.events.customer.order.*;
import dev.kehu.events.customer.service.*;
import dev.kehu.events.opportunity.*;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Random but valid histories in which every optional field is, as often as not, absent or extreme:
 * null optional fields, amounts of 0, negative, huge (1E+30, 1E+6144, 1E+2147483647), of tiny scale
 * (1E-2147483647) or of more digits than Decimal128 holds; dates in year -999999999 and +999999999;
 * empty, blank and very long strings (over Elasticsearch's 32,766-byte term limit), Chinese and
 * emoji; scores and probabilities out of range. "Valid" as the event log guarantees it: each
 * aggregate starts with its creation event, sequence numbers follow each other, every reference
 * (contact, follow-up, invoice, complaint, opportunity) names something its history created, and
 * required identifiers are present. Old stores, imports and bugs can put exactly such values there.
 * <p>
 * Our own seeded generator rather than jqwik: a history is a stateful sequence (references must
 * resolve), one run pushes it through real servers and every endpoint (seconds per history, so
 * shrinking would take minutes), and the seeded {@link Random} makes a failing seed replayable the
 * same way {@link SeededHistory} is.
 */
public final class ExtremeHistory {

    public static final String CURRENCY = "CNY";
    /** 20,000 Chinese characters: 60,000 UTF-8 bytes, beyond Elasticsearch's keyword term limit. */
    public static final String VERY_LONG = "长".repeat(20_000);
    public static final LocalDate FAR_PAST = LocalDate.of(-999_999_999, 1, 1);
    public static final LocalDate FAR_FUTURE = LocalDate.of(999_999_999, 12, 31);

    private static final String[] ODD_STRINGS = {"", " ", VERY_LONG, "😀🚀客户 emoji 🇨🇳", "北京京东世纪贸易有限公司",
            "a.b$c{d}", "\u0000控制\t字符\n", "Ω≈ç√∫ ﬁ Ｆｕｌｌｗｉｄｔｈ", "'; DROP TABLE customers; --"};
    private static final String[] NORMAL_STRINGS = {"张伟", "Emma Wilson", "上海办事处", "Hong Kong Office", "重点客户", "water",
            "客户关注价格", "follow up next week", "采购经理", "CFO"};
    private static final BigDecimal[] ODD_AMOUNTS = {BigDecimal.ZERO, new BigDecimal("-1234.56"), new BigDecimal("1E+30"),
            new BigDecimal("1E+2147483647"), new BigDecimal("-1E+2147483647"), new BigDecimal("1E-2147483647"),
            new BigDecimal("1E+6144"), new BigDecimal("0.000000001"), new BigDecimal("0E+2147483647"),
            new BigDecimal("123456789012345678901234567890.1234567890123456789"), new BigDecimal("92233720368547758.08")};
    private static final LocalDate[] ODD_DATES = {FAR_PAST, FAR_FUTURE, LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31),
            LocalDate.of(10000, 1, 1), LocalDate.of(-1, 6, 15), LocalDate.of(2026, 2, 28)};
    private static final int[] ODD_INTS = {Integer.MIN_VALUE, -1, 0, 6, 101, 1000, Integer.MAX_VALUE};
    private static final String[] CURRENCIES = {"CNY", "CNY", "CNY", "USD", "", "人民币"};

    private final Random random;
    private final String prefix;
    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final LocalDate today;
    private Instant clock;

    private ExtremeHistory(long seed, LocalDate today, Instant start) {
        this.random = new Random(seed);
        this.prefix = "x" + Long.toHexString(seed & 0xffffffL) + "-";
        this.today = today;
        this.clock = start;
    }

    /** A history of {@code customers} customers (each with about {@code eventsPerCustomer} events and opportunities), events one minute apart from {@code start}. */
    public static List<DomainEventMessage<?>> generate(long seed, int customers, int eventsPerCustomer, LocalDate today, Instant start) {
        ExtremeHistory history = new ExtremeHistory(seed, today, start);
        List<Life> lives = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            lives.add(history.register(i));
        }
        // interleave the customers' lives, as a live system does
        for (int step = 0; step < eventsPerCustomer; step++) {
            for (Life life : lives) {
                history.lifeEvent(life);
            }
        }
        return List.copyOf(history.events);
    }

    // --- values ---------------------------------------------------------------------------------

    private boolean odd() {
        return random.nextBoolean();
    }

    /** An optional string: null, odd or normal. */
    private String text() {
        int roll = random.nextInt(4);
        return roll == 0 ? null : roll == 1 ? pick(ODD_STRINGS) : pick(NORMAL_STRINGS);
    }

    /** A required string: odd or normal, never null. */
    private String required() {
        return odd() ? pick(ODD_STRINGS) : pick(NORMAL_STRINGS);
    }

    /** A value to filter by (manager, region, tag): a few normal ones and the odd ones, so filters find something. */
    private String key() {
        return odd() ? pick(ODD_STRINGS) : pick(new String[]{"zhang.wei", "li.na", "北京办事处", "Hong Kong Office"});
    }

    private BigDecimal amount() {
        return odd() ? pick(ODD_AMOUNTS) : BigDecimal.valueOf(random.nextInt(5_000_000), 2);
    }

    private Money money() {
        return new Money(amount(), odd() ? pick(CURRENCIES) : CURRENCY);
    }

    private Money optionalMoney() {
        return random.nextInt(3) == 0 ? null : money();
    }

    private LocalDate date() {
        return random.nextInt(3) == 0 ? null : requiredDate();
    }

    private LocalDate requiredDate() {
        return odd() ? pick(ODD_DATES) : today.minusDays(random.nextInt(800) - 100);
    }

    private int number(int normalBound) {
        return odd() ? ODD_INTS[random.nextInt(ODD_INTS.length)] : 1 + random.nextInt(normalBound);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <E extends Enum<E>> E value(Class<E> type, boolean optional) {
        E[] values = type.getEnumConstants();
        return optional && random.nextInt(3) == 0 ? null : values[random.nextInt(values.length)];
    }

    private <T> List<T> list(java.util.function.Supplier<T> element) {
        int size = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(odd() ? 40 : 3);
        List<T> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    private Phone phone() {
        String entered = odd() ? pick(new String[]{"", "+", "😀", "0086 138 0013 8000 转 123", "1".repeat(400), "+86 138 0013 8000"})
                : "138" + String.format("%08d", random.nextInt(100_000_000));
        return new Phone(entered, Phone.normalize(entered.isEmpty() ? "0" : entered));
    }

    private CustomerProfile profile() {
        String chinese = text();
        String latin = chinese == null && random.nextBoolean() ? required() : text();
        Map<String, String> preferences = new LinkedHashMap<>();
        if (odd()) {
            // a map key becomes a BSON field name in the event store, which cannot hold NUL: the store refuses such an event
            preferences.put(required().replace("\u0000", ""), required());
        }
        return new CustomerProfile(chinese, latin, text(), random.nextBoolean() ? null : phone(), text(), text(),
                odd() ? key() : text(), text(), text(), odd() ? null : list(this::key), odd() ? null : list(this::required),
                odd() ? null : preferences, text());
    }

    private ContactCard contact(String contactId) {
        return new ContactCard(contactId, required(), text(), odd() ? null : list(this::phone), odd() ? null : list(this::required), text());
    }

    // --- lives ------------------------------------------------------------------------------------

    private final class Life {
        final String id;
        final List<String> contacts = new ArrayList<>();
        final List<String> interactions = new ArrayList<>();
        final List<String> followUps = new ArrayList<>();
        final List<String> invoices = new ArrayList<>();
        final List<String> complaints = new ArrayList<>();
        final List<String> opportunities = new ArrayList<>();
        int next;

        Life(String id) {
            this.id = id;
        }

        String next(String kind) {
            // ERP numbers and contact ids come from outside: now and then odd ones
            if (random.nextInt(5) == 0) {
                String odd = pick(ODD_STRINGS);
                return kind + "-" + odd.substring(0, Math.min(300, odd.length())) + (++next);
            }
            return kind + "-" + id + "-" + (++next);
        }
    }

    private Life register(int index) {
        Life life = new Life(prefix + "c" + index);
        customer(life.id, new CustomerRegistered(life.id, value(CustomerKind.class, false), profile()));
        customer(life.id, new AccountManagerAssigned(life.id, key(), null, text()));
        return life;
    }

    private void lifeEvent(Life life) {
        String c = life.id;
        switch (random.nextInt(39)) {
            case 0 -> customer(c, new CustomerProfileChanged(c, profile()));
            case 1 -> customer(c, new AccountManagerAssigned(c, key(), text(), text()));
            case 2 -> {
                String contactId = life.next("con");
                life.contacts.add(contactId);
                customer(c, new ContactAdded(c, contact(contactId)));
            }
            case 3 -> life.contacts.stream().findAny().ifPresent(id -> customer(c, new ContactChanged(c, contact(id))));
            case 4 -> life.contacts.stream().findAny().ifPresent(id -> customer(c, new PrimaryContactChosen(c, id)));
            case 5 -> {
                if (!life.contacts.isEmpty()) {
                    customer(c, new ContactRemoved(c, life.contacts.remove(random.nextInt(life.contacts.size()))));
                }
            }
            case 6 -> {
                String interactionId = life.next("int");
                life.interactions.add(interactionId);
                customer(c, new InteractionRecorded(c, interactionId, value(InteractionChannel.class, true),
                        life.contacts.isEmpty() || odd() ? null : life.contacts.get(0), date(), text(), text()));
            }
            case 7 -> {
                String followUpId = life.next("fu");
                life.followUps.add(followUpId);
                customer(c, new FollowUpScheduled(c, followUpId, life.interactions.isEmpty() ? null : life.interactions.get(0), date()));
            }
            case 8 -> life.followUps.stream().findAny().ifPresent(id -> customer(c, new FollowUpRescheduled(c, id, date(), date())));
            case 9 -> life.followUps.stream().findAny().ifPresent(id -> customer(c, new FollowUpCompleted(c, id, date(), text())));
            case 10 -> customer(c, new CreditRatingSet(c, value(CreditRating.class, true), value(CreditRating.class, true)));
            case 11 -> customer(c, new CreditLimitSet(c, odd() ? money() : optionalMoney(), optionalMoney()));
            case 12 -> customer(c, new CreditHoldPlaced(c, text()));
            case 13 -> customer(c, new CreditHoldReleased(c, text()));
            case 14 -> customer(c, new OrderRecorded(c, life.next("SO"), money(), date()));
            case 15 -> {
                String invoice = life.next("INV");
                life.invoices.add(invoice);
                customer(c, new InvoiceRecorded(c, invoice, money(), date(), date(), odd() ? null : life.next("SO"),
                        life.opportunities.isEmpty() || odd() ? null : life.opportunities.get(0)));
            }
            case 16 -> life.invoices.stream().findAny().ifPresent(invoice ->
                    customer(c, new PaymentRecorded(c, life.next("PAY"), invoice, money(), date())));
            case 17 -> life.invoices.stream().findAny().ifPresent(invoice ->
                    customer(c, new InvoiceOverdue(c, invoice, optionalMoney(), date())));
            case 18 -> customer(c, new CustomerTierChanged(c, value(ValueTier.class, true), value(ValueTier.class, false),
                    optionalMoney(), date(), date(), optionalMoney()));
            case 19 -> customer(c, new CustomerActivated(c, text()));
            case 20 -> customer(c, new CustomerBecameDormant(c, date()));
            case 21 -> customer(c, new CustomerChurned(c, text(), text()));
            case 22 -> customer(c, new CustomerReactivated(c, value(LifecycleStage.class, true), text()));
            case 23 -> customer(c, new CustomerDropped(c, text()));
            case 24 -> {
                String complaintId = life.next("cmp");
                life.complaints.add(complaintId);
                customer(c, new ComplaintLogged(c, complaintId, life.contacts.isEmpty() ? null : life.contacts.get(0), text(), text()));
            }
            case 25 -> life.complaints.stream().findAny().ifPresent(id ->
                    customer(c, new ComplaintResolved(c, id, text(), number(5))));
            case 26 -> customer(c, new ReturnVisitRecorded(c, life.next("rv"), life.complaints.isEmpty() || odd() ? null : life.complaints.get(0),
                    date(), text(), odd() ? null : number(5)));
            case 27 -> customer(c, new DuplicateCustomerAbsorbed(c, prefix + "dup-" + life.next("d"),
                    odd() ? null : list(() -> contact(life.next("con"))),
                    odd() ? null : list(() -> new OpenFollowUp(life.next("fu"), text(), date())),
                    odd() ? null : list(this::required), odd() ? null : list(this::required)));
            case 28, 29, 30 -> opportunity(life);
            case 31 -> life.opportunities.stream().findAny().ifPresent(id -> customer(c, new CreditReserved(c, id, money())));
            case 32 -> life.opportunities.stream().findAny().ifPresent(id -> customer(c, new CreditReleased(c, id, money(), text())));
            case 34 -> customer(c, new CreditInvestigationRecorded(c, life.next("ci"), odd() ? null : list(this::text), text(),
                    text(), value(CreditRating.class, true), text(), date()));
            case 35 -> customer(c, new DeliveryRecorded(c, life.next("DN"), odd() ? null : life.next("SO"), date(),
                    odd() ? null : list(() -> new DeliveryItem(text(), odd() ? null : money().amount(), text())),
                    odd() ? null : money(), value(DeliveryStatus.class, true), date()));
            case 37 -> customer(c, new ServiceRequestReported(c, life.next("sr"), text(), text(),
                    life.contacts.isEmpty() || odd() ? null : life.contacts.get(0), value(InteractionChannel.class, true), date()));
            case 38 -> {
                String sr = life.next("sr");
                customer(c, new ServiceRequestReported(c, sr, text(), text(), null, value(InteractionChannel.class, true), date()));
                customer(c, new ServiceAppointmentBooked(c, sr, date(), text(), text()));
                customer(c, new ServiceAppointmentRescheduled(c, sr, date(), text(), date(), text(), text()));
                customer(c, new ServiceEngineerReassigned(c, sr, text(), text(), text()));
                customer(c, new ServiceVisitCompleted(c, sr, date(), text()));
                customer(c, new ServiceRequestClosed(c, sr, date(), number(5)));
                customer(c, new ComplaintLinkedToServiceRequest(c, life.complaints.isEmpty() || odd() ? text()
                        : life.complaints.get(0), odd() ? sr : text(), odd() ? null : text()));
            }
            case 36 -> customer(c, new DeliveryStatusChanged(c, life.next("DN"), value(DeliveryStatus.class, true),
                    value(DeliveryStatus.class, true), date()));
            default -> life.opportunities.stream().findAny().ifPresent(id -> opportunityChange(life, id));
        }
    }

    private void opportunity(Life life) {
        String id = prefix + "o" + (life.opportunities.size()) + "-" + life.id;
        life.opportunities.add(id);
        Stage stage = value(Stage.class, false);
        opportunity(id, new OpportunityOpened(id, life.id, required(), money(), date(), text(), key(),
                value(OpportunityPriority.class, true), stage.isOpen() ? stage : Stage.LEAD, number(100)));
        for (int i = random.nextInt(4); i > 0; i--) {
            opportunityChange(life, id);
        }
    }

    private void opportunityChange(Life life, String id) {
        switch (random.nextInt(13)) {
            case 0 -> opportunity(id, new OpportunityStageChanged(id, value(Stage.class, true), value(Stage.class, false), number(100), text(), odd(), odd()));
            case 1 -> opportunity(id, new OpportunityAmountChanged(id, optionalMoney(), money()));
            case 2 -> opportunity(id, new OpportunityCloseDateChanged(id, date(), date()));
            case 3 -> opportunity(id, new OpportunityOwnerReassigned(id, text(), key(), text()));
            case 4 -> opportunity(id, new OpportunityPriorityChanged(id, value(OpportunityPriority.class, true), value(OpportunityPriority.class, false)));
            case 5 -> opportunity(id, new OpportunityProbabilityOverridden(id, value(Stage.class, true), number(100), number(100), text()));
            case 6 -> opportunity(id, new BidPreparationCompleted(id, odd() ? null : list(this::required)));
            case 7 -> opportunity(id, new BidSubmitted(id, optionalMoney(), date()));
            case 8 -> opportunity(id, new BidResultRecorded(id, value(BidOutcome.class, true), text()));
            case 9 -> opportunity(id, new OpportunityWon(id, life.id, value(Stage.class, true), money()));
            case 10 -> opportunity(id, new OpportunityLost(id, value(Stage.class, true), text(), text()));
            case 11 -> opportunity(id, new OpportunityReopened(id, value(Stage.class, true), value(Stage.class, false), number(100), odd(), text()));
            default -> opportunity(id, new OpportunityAmountChanged(id, money(), money()));
        }
    }

    private void customer(String id, Object payload) {
        append("Customer", id, payload);
    }

    private void opportunity(String id, Object payload) {
        append("Opportunity", id, payload);
    }

    private void append(String type, String aggregateId, Object payload) {
        clock = clock.plus(Duration.ofMinutes(1));
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        Map<String, Object> metadata = Map.of(MetadataKeys.ACTOR, "import", MetadataKeys.CORRELATION_ID, uuid(),
                MetadataKeys.CAUSATION_ID, uuid());
        events.add(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metadata, uuid(), clock));
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
