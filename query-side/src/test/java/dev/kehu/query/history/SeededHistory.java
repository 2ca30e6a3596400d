package dev.kehu.query.history;

import dev.kehu.events.MetadataKeys;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.ContactChanged;
import dev.kehu.events.customer.contact.ContactRemoved;
import dev.kehu.events.customer.credit.CreditHoldPlaced;
import dev.kehu.events.customer.credit.CreditHoldReleased;
import dev.kehu.events.customer.credit.CreditInvestigationRecorded;
import dev.kehu.events.customer.delivery.DeliveryItem;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceRequestResolvedByPhone;
import dev.kehu.events.customer.servicerequest.ServiceVisitCompleted;
import dev.kehu.events.customer.delivery.DeliveryRecorded;
import dev.kehu.events.customer.delivery.DeliveryStatus;
import dev.kehu.events.customer.delivery.DeliveryStatusChanged;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.credit.CreditRatingSet;
import dev.kehu.events.customer.credit.CreditReleased;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.lifecycle.CustomerBecameDormant;
import dev.kehu.events.customer.lifecycle.CustomerChurned;
import dev.kehu.events.customer.lifecycle.CustomerDropped;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.lifecycle.CustomerReactivated;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpRescheduled;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.events.opportunity.BidOutcome;
import dev.kehu.events.opportunity.BidPreparationCompleted;
import dev.kehu.events.opportunity.BidResultRecorded;
import dev.kehu.events.opportunity.BidSubmitted;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityCloseDateChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityOwnerReassigned;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityPriorityChanged;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A realistic, seeded history of the CRM: customers (Chinese and English, companies and
 * individuals) registering, getting contacts, credit investigations and account managers, interactions with follow-ups,
 * orders with their deliveries, invoices and payments (some overdue, with credit holds), complaints with satisfaction
 * scores, after-sales service requests, tier and lifecycle changes (dormant, churned, reactivated, dropped), and opportunities
 * moving through the pipeline, slipping, shrinking, won or lost. The same seed gives the same
 * events, identifiers and timestamps. Every event lies before {@code today} (Asia/Shanghai).
 * <p>
 * Events are {@link DomainEventMessage}s of aggregate types {@code Customer} and
 * {@code Opportunity} with per-aggregate sequence numbers, in global time order, carrying the
 * metadata actor, reason (where one was given), correlationId and causationId. Append them
 * through an event store, or give them tracking tokens and feed them to projections.
 */
public final class SeededHistory {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String CURRENCY = "CNY";
    public static final List<String> MANAGERS = List.of(
            "zhang.wei", "li.na", "wang.fang", "chen.jie", "liu.yang", "zhao.min",
            "emma.wilson", "david.chen", "sun.li", "zhou.qiang", "wu.hong", "james.brown");
    public static final List<String> REGIONS = List.of(
            "北京办事处", "上海办事处", "广州办事处", "成都办事处", "西安办事处", "Hong Kong Office", "Singapore Office");
    public static final List<String> ENGINEERS = List.of("刘工 Liu", "王工 Wang", "John Smith", "陈工 Chen");
    public static final List<String> SEGMENTS = List.of("business", "travel", "group", "single");
    static final Map<Stage, Integer> PROBABILITY = Map.of(
            Stage.LEAD, 10, Stage.QUALIFICATION, 25, Stage.PROPOSAL, 50, Stage.BIDDING, 65, Stage.NEGOTIATION, 80);

    private static final String[] CITIES = {"北京", "上海", "广州", "深圳", "成都", "西安", "杭州", "南京", "武汉", "天津"};
    private static final String[] WORDS = {"华润", "东方", "长城", "海天", "恒通", "瑞丰", "金桥", "远航", "新华", "博源", "中信", "宏达", "鸿运", "天成"};
    private static final String[] INDUSTRIES = {"水务设备", "化工", "银行", "通信", "制造", "零售", "物流", "能源"};
    private static final String[] CN_SURNAMES = {"张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
    private static final String[] CN_GIVEN = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "杰", "军", "丽", "秀英", "建华", "志明"};
    private static final String[] EN_FIRST = {"John", "Emma", "Olivia", "James", "Sophia", "Liam", "Mia", "Noah", "Grace", "Henry"};
    private static final String[] EN_LAST = {"Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clark", "Lewis", "Walker", "Hall", "Young"};
    private static final String[] EN_WORDS = {"Bluewave", "Evergreen", "Summit", "Northstar", "Crescent", "Harbor", "Pioneer", "Golden Gate", "Silverline"};
    private static final String[] EN_SUFFIX = {"Trading Co., Ltd.", "Water Systems Ltd.", "Chemicals Inc.", "Logistics Pte. Ltd.", "Holdings Limited"};
    private static final String[] TAGS = {"重点客户", "VIP", "出口", "water", "chemicals", "老客户", "new", "政府项目"};
    private static final String[] COMPETITORS = {"海尔", "美的", "Siemens", "Veolia", "格力", null};
    private static final String[] TITLES = {"采购经理", "总经理", "财务总监", "技术主管", "Purchasing Manager", "CFO", "IT Director"};

    private final LocalDate today;
    private final List<DomainEventMessage<?>> events;
    private final List<String> customerIds;
    private final List<String> opportunityIds;

    private SeededHistory(LocalDate today, List<DomainEventMessage<?>> events, List<String> customerIds, List<String> opportunityIds) {
        this.today = today;
        this.events = events;
        this.customerIds = customerIds;
        this.opportunityIds = opportunityIds;
    }

    /** A history of at least {@code minEvents} events ending before {@code today}, about three years long. */
    public static SeededHistory generate(long seed, int minEvents, LocalDate today) {
        return new Builder(seed, today).build(minEvents);
    }

    public LocalDate today() {
        return today;
    }

    /** All events in global order. */
    public List<DomainEventMessage<?>> events() {
        return events;
    }

    public List<String> customerIds() {
        return customerIds;
    }

    public List<String> opportunityIds() {
        return opportunityIds;
    }

    public static Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    // ------------------------------------------------------------------------------------------

    private record Draft(String type, String aggregateId, Object payload, Instant at, Map<String, Object> metadata, long order) {
    }

    private static final class Builder {
        private final long seed;
        private final LocalDate today;
        private final LocalDate start;
        private final Instant end;
        private final List<Draft> drafts = new ArrayList<>();
        private final List<String> customerIds = new ArrayList<>();
        private final Map<String, Map<LocalDate, Instant>> lastOnDay = new HashMap<>();
        private final List<String> opportunityIds = new ArrayList<>();
        private long order;
        private Random random;

        Builder(long seed, LocalDate today) {
            this.seed = seed;
            this.today = today;
            this.start = today.minusYears(3);
            this.end = startOfDay(today);
        }

        SeededHistory build(int minEvents) {
            int index = 0;
            while (drafts.size() < minEvents) {
                random = new Random(seed * 1_000_003L + index);
                customer(index++);
            }
            drafts.sort(Comparator.comparing(Draft::at).thenComparingLong(Draft::order));
            Map<String, Long> sequences = new HashMap<>();
            Random ids = new Random(seed ^ 0x5DEECE66DL);
            List<DomainEventMessage<?>> messages = new ArrayList<>(drafts.size());
            for (Draft draft : drafts) {
                long sequence = sequences.merge(draft.aggregateId(), 1L, Long::sum) - 1;
                messages.add(new GenericDomainEventMessage<>(draft.type(), draft.aggregateId(), sequence, draft.payload(),
                        draft.metadata(), uuid(ids), draft.at()));
            }
            return new SeededHistory(today, List.copyOf(messages), List.copyOf(customerIds), List.copyOf(opportunityIds));
        }

        // --- one customer's life ---------------------------------------------------------------

        private void customer(int index) {
            String id = "cus-" + String.format("%06d", index) + "-" + Long.toHexString(random.nextLong() & 0xffffffL);
            customerIds.add(id);
            boolean chinese = random.nextDouble() < 0.75;
            boolean company = random.nextDouble() < 0.7;
            long spanDays = ChronoUnit.DAYS.between(start, today);
            LocalDate day = start.plusDays((long) (random.nextDouble() * spanDays * 0.85));
            String region = chinese ? pick(REGIONS.subList(0, 5)) : pick(REGIONS);
            CustomerProfile profile = profile(chinese, company, region);
            String manager = pick(MANAGERS);
            Commit c = commit(manager, null);
            customerEvent(id, day, c, new CustomerRegistered(id, company ? CustomerKind.COMPANY : CustomerKind.INDIVIDUAL, profile));
            customerEvent(id, day, commit("director.wang", "新客户分配 initial assignment"),
                    new AccountManagerAssigned(id, manager, null, "新客户分配 initial assignment"));
            List<String> contacts = new ArrayList<>();
            if (company) {
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    ContactCard card = contact(id, i, chinese);
                    contacts.add(card.contactId());
                    customerEvent(id, day, commit(manager, null), new ContactAdded(id, card));
                }
                customerEvent(id, day, commit(manager, null), new PrimaryContactChosen(id, contacts.get(0)));
                CreditRating rating = pick(List.of(CreditRating.values()));
                customerEvent(id, day.plusDays(1), commit("credit.officer", "资信调查 credit review"),
                        new CreditInvestigationRecorded(id, "ci-" + id.substring(4), List.of("人民银行征信报告 PBOC credit report",
                                chinese ? "天眼查 Tianyancha" : "Dun & Bradstreet report"), "工商登记与回款记录核实 registration and payments checked",
                                "可授信 creditworthy", rating, "credit.officer", day.plusDays(1)));
                customerEvent(id, day.plusDays(1), commit("credit.officer", "资信调查 credit review"),
                        new CreditRatingSet(id, rating, null));
                customerEvent(id, day.plusDays(1), commit("credit.officer", "资信调查 credit review"),
                        new CreditLimitSet(id, cny(amount(200_000, 5_000_000)), null));
            }
            double activity = 0.5 + random.nextDouble() * 2.0;          // events per month
            double decay = random.nextDouble() < 0.3 ? 0.3 + random.nextDouble() : 0; // some slow down
            LocalDate stopsOn = random.nextDouble() < 0.2 ? day.plusDays(120 + random.nextInt(600)) : null;
            LifeState life = new LifeState(id, manager, contacts, company, profile);
            LocalDate cursor = day.plusDays(2);
            while (cursor.isBefore(today)) {
                double monthsIn = ChronoUnit.DAYS.between(day, cursor) / 30.0;
                double rate = activity / (1 + decay * monthsIn / 6);
                cursor = cursor.plusDays(1 + (long) (-Math.log(1 - random.nextDouble()) * 30 / rate));
                if (!cursor.isBefore(today)) {
                    break;
                }
                if (stopsOn != null && cursor.isAfter(stopsOn)) {
                    endOfLife(life, stopsOn);
                    break;
                }
                lifeEvent(life, cursor);
            }
        }

        private final class LifeState {
            final String id;
            String manager;
            final List<String> contacts;
            final boolean company;
            CustomerProfile profile;
            LifecycleStage stage = LifecycleStage.PROSPECT;
            ValueTier tier = ValueTier.NONE;
            final List<Object[]> orders = new ArrayList<>(); // {LocalDate, BigDecimal}
            final Map<String, BigDecimal> unpaid = new LinkedHashMap<>();
            boolean hold;
            int seq;
            String lastRequestId;

            LifeState(String id, String manager, List<String> contacts, boolean company, CustomerProfile profile) {
                this.id = id;
                this.manager = manager;
                this.contacts = contacts;
                this.company = company;
                this.profile = profile;
            }

            String next(String prefix) {
                return prefix + "-" + id.substring(4) + "-" + (++seq);
            }
        }

        private void lifeEvent(LifeState life, LocalDate day) {
            if (life.stage == LifecycleStage.DORMANT && random.nextDouble() < 0.5) {
                customerEvent(life.id, day, commit(life.manager, "客户回流 came back"),
                        new CustomerReactivated(life.id, LifecycleStage.DORMANT, "客户回流 came back"));
                life.stage = LifecycleStage.REACTIVATED;
            }
            if (life.stage == LifecycleStage.CHURNED || life.stage == LifecycleStage.DROPPED) {
                return;
            }
            double roll = random.nextDouble();
            if (roll < 0.40) {
                interaction(life, day);
            } else if (roll < 0.68) {
                order(life, day);
            } else if (roll < 0.80) {
                opportunity(life, day);
            } else if (roll < 0.86) {
                complaint(life, day);
                serviceRequest(life, day);
            } else if (roll < 0.89) {
                CustomerProfile p = life.profile;
                List<String> tags = new ArrayList<>(p.tags());
                String tag = TAGS[random.nextInt(TAGS.length)];
                if (!tags.remove(tag)) {
                    tags.add(tag);
                }
                life.profile = new CustomerProfile(p.chineseName(), p.latinName(), p.creditCode(), p.mobile(), p.email(),
                        p.industry(), p.region(), p.segment(), p.sourceChannel(), tags, p.addresses(), p.preferences(), p.notes());
                customerEvent(life.id, day, commit(life.manager, "更新标签 tags updated"), new CustomerProfileChanged(life.id, life.profile));
            } else if (roll < 0.91) {
                String previous = life.manager;
                String next = pick(MANAGERS);
                if (!next.equals(previous)) {
                    life.manager = next;
                    String reason = pick(List.of("调岗 territory change", "统一分配 reallocation", "客户要求 customer request"));
                    customerEvent(life.id, day, commit("director.wang", reason), new AccountManagerAssigned(life.id, next, previous, reason));
                }
            } else if (roll < 0.94 && life.company && !life.contacts.isEmpty()) {
                String contactId = life.contacts.get(random.nextInt(life.contacts.size()));
                if (random.nextDouble() < 0.7 || life.contacts.size() == 1) {
                    ContactCard changed = new ContactCard(contactId, pick(List.of("张伟", "Emma Clark", "王芳", "李娜")),
                            TITLES[random.nextInt(TITLES.length)], List.of(Phone.of(mobile())), List.of(), "职位变动 new role");
                    customerEvent(life.id, day, commit(life.manager, null), new ContactChanged(life.id, changed));
                } else if (!contactId.equals(life.contacts.get(0))) {
                    life.contacts.remove(contactId);
                    customerEvent(life.id, day, commit(life.manager, "离职 left the company"), new ContactRemoved(life.id, contactId));
                }
            } else {
                interaction(life, day);
            }
        }

        private void interaction(LifeState life, LocalDate day) {
            String interactionId = life.next("int");
            Commit c = commit(life.manager, null);
            InteractionChannel channel = pick(List.of(InteractionChannel.values()));
            String contactId = life.contacts.isEmpty() ? null : life.contacts.get(random.nextInt(life.contacts.size()));
            customerEvent(life.id, day, c, new InteractionRecorded(life.id, interactionId, channel, contactId, day,
                    pick(List.of("客户有采购意向", "需要报价", "interested in a demo", "暂无需求", "asked for references", "已发送方案")),
                    pick(List.of("拜访顺利", "电话沟通", "follow up next week", "客户关注价格", "meeting with CFO"))));
            if (random.nextDouble() < 0.6) {
                String followUpId = life.next("fu");
                LocalDate due = day.plusDays(3 + random.nextInt(25));
                customerEvent(life.id, day, c, new FollowUpScheduled(life.id, followUpId, interactionId, due));
                double fate = random.nextDouble();
                if (fate < 0.15) {
                    LocalDate moved = due.plusDays(2 + random.nextInt(14));
                    customerEvent(life.id, due.minusDays(1), commit(life.manager, "客户出差 customer travelling"),
                            new FollowUpRescheduled(life.id, followUpId, due, moved));
                    due = moved;
                }
                if (fate < 0.85) {
                    customerEvent(life.id, due, commit(life.manager, null),
                            new FollowUpCompleted(life.id, followUpId, due, pick(List.of("已回访", "done", "客户确认需求"))));
                }
            }
        }

        private void order(LifeState life, LocalDate day) {
            String orderNumber = "SO-" + life.next("o").substring(2).toUpperCase();
            BigDecimal amount = amount(life.company ? 20_000 : 2_000, life.company ? 900_000 : 60_000);
            Commit erp = commit("erp", null);
            customerEvent(life.id, day, erp, new OrderRecorded(life.id, orderNumber, cny(amount), day));
            life.orders.add(new Object[]{day, amount});
            if (life.stage == LifecycleStage.PROSPECT) {
                customerEvent(life.id, day, erp, new CustomerActivated(life.id, orderNumber));
                life.stage = LifecycleStage.ACTIVE;
            } else if (life.stage == LifecycleStage.DORMANT) {
                customerEvent(life.id, day, commit("system", "重新下单 ordered again"),
                        new CustomerReactivated(life.id, LifecycleStage.DORMANT, "重新下单 ordered again"));
                life.stage = LifecycleStage.REACTIVATED;
            }
            tier(life, day);
            delivery(life, orderNumber, amount, day, erp);
            invoice(life, day.plusDays(random.nextInt(5)), amount, orderNumber, null);
        }

        /** The order's delivery (发货): shipped the next day, signed for two days later, one in twenty returned. */
        private void delivery(LifeState life, String orderNumber, BigDecimal amount, LocalDate orderedOn, Commit erp) {
            String deliveryNumber = "DN-" + orderNumber.substring(3);
            LocalDate shipped = orderedOn.plusDays(1);
            List<DeliveryItem> items = List.of(new DeliveryItem(life.company ? "反渗透净水设备 RO water purifier" : "家用净水器 home purifier",
                    BigDecimal.valueOf(1 + amount.intValue() / 20_000), life.company ? "台" : "pcs"));
            customerEvent(life.id, shipped, erp, new DeliveryRecorded(life.id, deliveryNumber, orderNumber, shipped, items,
                    cny(amount), DeliveryStatus.SHIPPED, shipped));
            customerEvent(life.id, shipped.plusDays(2), erp, new DeliveryStatusChanged(life.id, deliveryNumber,
                    DeliveryStatus.DELIVERED, DeliveryStatus.SHIPPED, shipped.plusDays(2)));
            if (Math.floorMod(orderNumber.hashCode(), 20) == 0) {
                customerEvent(life.id, shipped.plusDays(9), erp, new DeliveryStatusChanged(life.id, deliveryNumber,
                        DeliveryStatus.RETURNED, DeliveryStatus.DELIVERED, shipped.plusDays(9)));
            }
        }

        private void invoice(LifeState life, LocalDate day, BigDecimal amount, String orderNumber, String opportunityId) {
            String invoiceNumber = "INV-" + life.next("i").substring(2).toUpperCase();
            LocalDate due = day.plusDays(30);
            Commit erp = commit("erp", null);
            customerEvent(life.id, day, erp, new InvoiceRecorded(life.id, invoiceNumber, cny(amount), day, due, orderNumber, opportunityId));
            double fate = random.nextDouble();
            if (fate < 0.78) {
                payment(life, invoiceNumber, amount, day.plusDays(5 + random.nextInt(25)));
            } else {
                if (!due.plusDays(1).isBefore(today)) {
                    return;
                }
                customerEvent(life.id, due.plusDays(1), erp, new InvoiceOverdue(life.id, invoiceNumber, cny(amount), due.plusDays(1)));
                if (!life.hold && random.nextDouble() < 0.5) {
                    life.hold = true;
                    customerEvent(life.id, due.plusDays(2), commit("credit.officer", "逾期未付 overdue invoice"),
                            new CreditHoldPlaced(life.id, "逾期未付 overdue invoice"));
                }
                if (fate < 0.92) {
                    LocalDate paid = due.plusDays(10 + random.nextInt(60));
                    payment(life, invoiceNumber, amount, paid);
                    if (life.hold) {
                        life.hold = false;
                        customerEvent(life.id, paid.plusDays(1), commit("credit.officer", "已回款 paid"),
                                new CreditHoldReleased(life.id, "已回款 paid"));
                    }
                }
            }
        }

        private void payment(LifeState life, String invoiceNumber, BigDecimal amount, LocalDate on) {
            if (random.nextDouble() < 0.15) {
                BigDecimal first = amount.multiply(BigDecimal.valueOf(0.4)).setScale(2, RoundingMode.HALF_UP);
                customerEvent(life.id, on, commit("erp", null),
                        new PaymentRecorded(life.id, "PAY-" + life.next("p").substring(2).toUpperCase(), invoiceNumber, cny(first), on));
                amount = amount.subtract(first);
                on = on.plusDays(7);
            }
            customerEvent(life.id, on, commit("erp", null),
                    new PaymentRecorded(life.id, "PAY-" + life.next("p").substring(2).toUpperCase(), invoiceNumber, cny(amount), on));
        }

        private void tier(LifeState life, LocalDate day) {
            LocalDate windowStart = day.minusYears(1).plusDays(1);
            BigDecimal spend = BigDecimal.ZERO;
            for (Object[] o : life.orders) {
                LocalDate on = (LocalDate) o[0];
                if (!on.isBefore(windowStart) && !on.isAfter(day)) {
                    spend = spend.add((BigDecimal) o[1]);
                }
            }
            ValueTier tier = spend.compareTo(BigDecimal.valueOf(2_000_000)) >= 0 ? ValueTier.DIAMOND
                    : spend.compareTo(BigDecimal.valueOf(500_000)) >= 0 ? ValueTier.GOLD
                    : spend.compareTo(BigDecimal.valueOf(100_000)) >= 0 ? ValueTier.SILVER : ValueTier.NONE;
            if (tier != life.tier) {
                Money threshold = switch (tier) {
                    case DIAMOND -> cny(BigDecimal.valueOf(2_000_000));
                    case GOLD -> cny(BigDecimal.valueOf(500_000));
                    case SILVER -> cny(BigDecimal.valueOf(100_000));
                    case NONE -> null;
                };
                customerEvent(life.id, day, commit("system", null),
                        new CustomerTierChanged(life.id, life.tier, tier, cny(spend), windowStart, day, threshold));
                life.tier = tier;
            }
        }

        private void complaint(LifeState life, LocalDate day) {
            String complaintId = life.next("cmp");
            String contactId = life.contacts.isEmpty() ? null : life.contacts.get(0);
            customerEvent(life.id, day, commit(life.manager, null), new ComplaintLogged(life.id, complaintId, contactId,
                    pick(List.of("发货延迟", "产品质量问题", "invoice error", "安装服务不及时", "late delivery")),
                    pick(List.of("客户来电投诉", "customer e-mailed the director", "设备漏水", "wrong quantity delivered"))));
            if (random.nextDouble() < 0.85) {
                LocalDate resolved = day.plusDays(1 + random.nextInt(20));
                int score = 1 + random.nextInt(5);
                customerEvent(life.id, resolved, commit(life.manager, null),
                        new ComplaintResolved(life.id, complaintId, pick(List.of("已更换设备", "refund issued", "上门维修")), score));
                if (random.nextDouble() < 0.5) {
                    customerEvent(life.id, resolved.plusDays(3 + random.nextInt(10)), commit(life.manager, null),
                            new ReturnVisitRecorded(life.id, life.next("rv"), complaintId, resolved.plusDays(3),
                                    "回访满意度调查 satisfaction survey", Math.min(5, score + random.nextInt(2))));
                }
            }
        }

        /**
         * A fault reported by phone (售后): answered on the spot about half the time, else booked for an on-site visit
         * (sometimes rescheduled or given to another engineer), visited on the day and closed with a score.
         */
        private void serviceRequest(LifeState life, LocalDate day) {
            String requestId = life.next("sr");
            String engineer = pick(ENGINEERS);
            Commit service = commit("service.desk", null);
            customerEvent(life.id, day, service, new ServiceRequestReported(life.id, requestId,
                    pick(List.of("净水器漏水 leaking", "水泵异响 noisy pump", "出水慢 slow flow", "Filter light on")),
                    pick(List.of("RO-500 反渗透机组", "Home purifier H2", "UF-200 超滤设备")),
                    life.contacts.isEmpty() ? null : life.contacts.get(0), InteractionChannel.CALL, day));
            if (random.nextDouble() < 0.45) {
                customerEvent(life.id, day, service, new ServiceRequestResolvedByPhone(life.id, requestId, engineer,
                        "电话指导 talked through it", day));
                customerEvent(life.id, day.plusDays(1), service, new ServiceRequestClosed(life.id, requestId, day.plusDays(1),
                        3 + random.nextInt(3)));
                life.lastRequestId = requestId;
                return;
            }
            LocalDate visit = day.plusDays(1 + random.nextInt(5));
            String window = pick(List.of("09:00-12:00", "14:00-17:00"));
            customerEvent(life.id, day, service, new ServiceAppointmentBooked(life.id, requestId, visit, window, engineer));
            if (random.nextDouble() < 0.2) {
                LocalDate moved = visit.plusDays(1 + random.nextInt(3));
                customerEvent(life.id, day.plusDays(1), service, new ServiceAppointmentRescheduled(life.id, requestId, moved,
                        window, visit, window, "客户不在 customer away"));
                visit = moved;
            }
            if (random.nextDouble() < 0.15) {
                String other = pick(ENGINEERS.stream().filter(e -> !e.equals(engineer)).toList());
                customerEvent(life.id, day.plusDays(1), service, new ServiceEngineerReassigned(life.id, requestId, other,
                        engineer, "工程师请假 engineer on leave"));
            }
            customerEvent(life.id, visit, service, new ServiceVisitCompleted(life.id, requestId, visit, "已修复 fixed"));
            customerEvent(life.id, visit.plusDays(1), service, new ServiceRequestClosed(life.id, requestId, visit.plusDays(1),
                    1 + random.nextInt(5)));
            complaintAboutTheVisit(life, requestId, visit, service);
            life.lastRequestId = requestId;
        }

        /**
         * One visit in three draws a complaint that refers to its request; half of those were first linked to the
         * customer's previous request by mistake and then moved. Chosen by the request id, so the random draws of the
         * rest of the history stay as they were.
         */
        private void complaintAboutTheVisit(LifeState life, String requestId, LocalDate visit, Commit service) {
            int draw = Math.floorMod(requestId.hashCode(), 60);
            if (draw % 3 != 0) {
                return;
            }
            String complaintId = "cmp-" + requestId;
            customerEvent(life.id, visit, service, new ComplaintLogged(life.id, complaintId, null,
                    draw % 2 == 0 ? "上门服务不满意 unhappy with the visit" : "工程师迟到 engineer late", null));
            String previous = null;
            if (draw % 2 == 0 && life.lastRequestId != null) {
                customerEvent(life.id, visit, service, new ComplaintLinkedToServiceRequest(life.id, complaintId,
                        life.lastRequestId, null));
                previous = life.lastRequestId;
            }
            customerEvent(life.id, visit, service, new ComplaintLinkedToServiceRequest(life.id, complaintId, requestId,
                    previous));
        }

        private void endOfLife(LifeState life, LocalDate stopsOn) {
            LocalDate dormantOn = stopsOn.plusDays(180);
            if (!dormantOn.isBefore(today) || life.stage == LifecycleStage.PROSPECT) {
                return;
            }
            LocalDate lastOrder = life.orders.isEmpty() ? null : (LocalDate) life.orders.get(life.orders.size() - 1)[0];
            customerEvent(life.id, dormantOn, commit("system", "180天未下单 no order for 180 days"), new CustomerBecameDormant(life.id, lastOrder));
            life.stage = LifecycleStage.DORMANT;
            LocalDate next = dormantOn.plusDays(60 + random.nextInt(200));
            if (!next.isBefore(today)) {
                return;
            }
            double fate = random.nextDouble();
            if (fate < 0.5) {
                String competitor = COMPETITORS[random.nextInt(COMPETITORS.length)];
                customerEvent(life.id, next, commit(life.manager, "价格原因 price"), new CustomerChurned(life.id, "价格原因 price", competitor));
            } else if (fate < 0.65) {
                customerEvent(life.id, next, commit("director.wang", "回报太低 low return"), new CustomerDropped(life.id, "回报太低 low return"));
            } else if (fate < 0.8) {
                customerEvent(life.id, next, commit(life.manager, "新项目 new project"),
                        new CustomerReactivated(life.id, LifecycleStage.DORMANT, "新项目 new project"));
            }
        }

        // --- an opportunity's life -------------------------------------------------------------

        private void opportunity(LifeState life, LocalDate day) {
            String id = "opp-" + life.next("x").substring(2);
            opportunityIds.add(id);
            String owner = random.nextDouble() < 0.85 ? life.manager : pick(MANAGERS);
            BigDecimal amount = amount(50_000, 3_000_000);
            LocalDate close = day.plusDays(30 + random.nextInt(150));
            OpportunityPriority priority = pick(List.of(OpportunityPriority.values()));
            String title = pick(List.of("净水设备采购项目", "化工原料年度框架", "Water treatment upgrade", "分行网点改造",
                    "Export contract renewal", "数据中心扩容", "管网改造二期"));
            Commit c = commit(owner, null);
            opportunityEvent(id, day, c, new OpportunityOpened(id, life.id, title, cny(amount), close,
                    pick(List.of("展会", "老客户介绍", "website", "招标公告", "cold call")), owner, priority, Stage.LEAD, PROBABILITY.get(Stage.LEAD)));
            Stage stage = Stage.LEAD;
            LocalDate cursor = day;
            boolean closed = false;
            int reopenBudget = 1;
            while (true) {
                cursor = cursor.plusDays(3 + random.nextInt(28));
                if (!cursor.isBefore(today)) {
                    return;
                }
                double roll = random.nextDouble();
                if (closed) {
                    if (reopenBudget-- > 0 && roll < 0.05) {
                        opportunityEvent(id, cursor, commit(owner, "客户重新启动项目 project restarted"), new OpportunityReopened(id,
                                Stage.LOST, Stage.QUALIFICATION, PROBABILITY.get(Stage.QUALIFICATION), false, "客户重新启动项目 project restarted"));
                        stage = Stage.QUALIFICATION;
                        closed = false;
                        continue;
                    }
                    return;
                }
                if (roll < 0.10) {
                    LocalDate moved = close.plusDays(15 + random.nextInt(60));
                    opportunityEvent(id, cursor, commit(owner, "客户预算推迟 budget delayed"), new OpportunityCloseDateChanged(id, close, moved));
                    close = moved;
                } else if (roll < 0.18) {
                    BigDecimal changed = amount.multiply(BigDecimal.valueOf(random.nextDouble() < 0.75 ? 0.6 + random.nextDouble() * 0.3 : 1.1 + random.nextDouble() * 0.4))
                            .setScale(2, RoundingMode.HALF_UP);
                    opportunityEvent(id, cursor, commit(owner, "范围调整 scope change"), new OpportunityAmountChanged(id, cny(amount), cny(changed)));
                    amount = changed;
                } else if (roll < 0.20) {
                    String next = pick(MANAGERS);
                    if (!next.equals(owner)) {
                        opportunityEvent(id, cursor, commit("director.wang", "统一分配 reallocation"), new OpportunityOwnerReassigned(id, owner, next, "统一分配 reallocation"));
                        owner = next;
                    }
                } else if (roll < 0.22) {
                    OpportunityPriority next = pick(List.of(OpportunityPriority.values()));
                    if (next != priority) {
                        opportunityEvent(id, cursor, commit(owner, null), new OpportunityPriorityChanged(id, priority, next));
                        priority = next;
                    }
                } else if (roll < 0.34) {
                    opportunityEvent(id, cursor, commit(owner, "预算不足 no budget"), new OpportunityLost(id, stage, "预算不足 no budget",
                            COMPETITORS[random.nextInt(COMPETITORS.length)]));
                    closed = true;
                } else if (stage == Stage.NEGOTIATION) {
                    if (roll < 0.75) {
                        Commit won = commit(owner, null);
                        opportunityEvent(id, cursor, won, new OpportunityWon(id, life.id, stage, cny(amount)));
                        customerEvent(life.id, cursor, won, new CreditReserved(life.id, id, cny(amount)));
                        closed = true;
                        LocalDate invoicedOn = cursor.plusDays(5 + random.nextInt(20));
                        if (invoicedOn.isBefore(today)) {
                            String orderNumber = "SO-" + life.next("o").substring(2).toUpperCase();
                            customerEvent(life.id, invoicedOn, commit("erp", null), new OrderRecorded(life.id, orderNumber, cny(amount), invoicedOn));
                            life.orders.add(new Object[]{invoicedOn, amount});
                            if (life.stage == LifecycleStage.PROSPECT) {
                                customerEvent(life.id, invoicedOn, commit("erp", null), new CustomerActivated(life.id, orderNumber));
                                life.stage = LifecycleStage.ACTIVE;
                            }
                            tier(life, invoicedOn);
                            invoice(life, invoicedOn, amount, orderNumber, id);
                        } else if (random.nextDouble() < 0.1) {
                            customerEvent(life.id, cursor.plusDays(1), commit(owner, "合同暂缓 contract on hold"),
                                    new CreditReleased(life.id, id, cny(amount), "合同暂缓 contract on hold"));
                        }
                    }
                } else {
                    Stage next = Stage.values()[stage.ordinal() + 1];
                    opportunityEvent(id, cursor, commit(owner, null), new OpportunityStageChanged(id, stage, next, PROBABILITY.get(next), null, false, false));
                    stage = next;
                    if (stage == Stage.BIDDING) {
                        opportunityEvent(id, cursor, commit(owner, null), new BidPreparationCompleted(id, List.of("资质文件", "技术方案", "报价单")));
                        opportunityEvent(id, cursor, commit(owner, null), new BidSubmitted(id, cny(amount), cursor.plusDays(10)));
                        opportunityEvent(id, cursor.plusDays(12), commit(owner, null), new BidResultRecorded(id,
                                random.nextDouble() < 0.7 ? BidOutcome.SHORTLISTED : BidOutcome.AWARDED, "评标结束"));
                        cursor = cursor.plusDays(12);
                    }
                }
            }
        }

        // --- drafts and helpers ----------------------------------------------------------------

        /** Events of one commit share metadata and follow each other within seconds on their day. */
        private static final class Commit {
            private final Map<String, Object> metadata;
            private final int secondOfDay;
            private int events;

            Commit(Map<String, Object> metadata, int secondOfDay) {
                this.metadata = metadata;
                this.secondOfDay = secondOfDay;
            }

            Map<String, Object> metadata() {
                return metadata;
            }

            int secondOfDay() {
                return secondOfDay;
            }

            int next() {
                return events++;
            }
        }

        private Commit commit(String actor, String reason) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put(MetadataKeys.ACTOR, actor);
            if (reason != null) {
                metadata.put(MetadataKeys.REASON, reason);
            }
            metadata.put(MetadataKeys.CORRELATION_ID, uuid(random));
            metadata.put(MetadataKeys.CAUSATION_ID, uuid(random));
            return new Commit(Map.copyOf(metadata), random.nextInt(10 * 3600));
        }

        private void customerEvent(String id, LocalDate day, Commit commit, Object payload) {
            draft("Customer", id, day, commit, payload);
        }

        private void opportunityEvent(String id, LocalDate day, Commit commit, Object payload) {
            draft("Opportunity", id, day, commit, payload);
        }

        private void draft(String type, String aggregateId, LocalDate day, Commit commit, Object payload) {
            Instant at = day.atTime(8, 0).atZone(ZONE).toInstant().plusSeconds(commit.secondOfDay() + commit.next());
            // on one day, an aggregate's events follow the order they were generated in (registered before assigned)
            Map<LocalDate, Instant> days = lastOnDay.computeIfAbsent(aggregateId, k -> new HashMap<>());
            Instant last = days.get(day);
            if (last != null && !at.isAfter(last)) {
                at = last.plusSeconds(1);
            }
            if (!at.isBefore(end)) {
                return;
            }
            days.put(day, at);
            drafts.add(new Draft(type, aggregateId, payload, at, commit.metadata(), order++));
        }

        private CustomerProfile profile(boolean chinese, boolean company, String region) {
            String industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
            List<String> tags = new ArrayList<>();
            for (String tag : TAGS) {
                if (random.nextDouble() < 0.15) {
                    tags.add(tag);
                }
            }
            String segment = company ? pick(List.of("business", "group")) : pick(List.of("travel", "single"));
            String source = pick(List.of("展会 trade fair", "网站 website", "老客户介绍 referral", "电话营销 telemarketing"));
            if (company) {
                String cn = chinese ? CITIES[random.nextInt(CITIES.length)] + WORDS[random.nextInt(WORDS.length)] + industry + "有限公司" : null;
                String en = chinese ? (random.nextDouble() < 0.4 ? EN_WORDS[random.nextInt(EN_WORDS.length)] + " China Co., Ltd." : null)
                        : EN_WORDS[random.nextInt(EN_WORDS.length)] + " " + EN_SUFFIX[random.nextInt(EN_SUFFIX.length)];
                String creditCode = "91" + String.format("%016d", Math.abs(random.nextLong()) % 10_000_000_000_000_000L);
                return new CustomerProfile(cn, en, creditCode, null, null, industry, region, segment, source, tags,
                        List.of(chinese ? CITIES[random.nextInt(CITIES.length)] + "市高新区科技路" + (1 + random.nextInt(200)) + "号" : (1 + random.nextInt(300)) + " Harbour Road"),
                        Map.of(), chinese ? "重点跟进" : "key account candidate");
            }
            String cn = chinese ? CN_SURNAMES[random.nextInt(CN_SURNAMES.length)] + CN_GIVEN[random.nextInt(CN_GIVEN.length)] : null;
            String en = chinese ? null : EN_FIRST[random.nextInt(EN_FIRST.length)] + " " + EN_LAST[random.nextInt(EN_LAST.length)];
            Map<String, String> preferences = random.nextDouble() < 0.5 ? Map.of("shoeSize", String.valueOf(36 + random.nextInt(10))) : Map.of("riceKgPerMonth", String.valueOf(5 + random.nextInt(20)));
            return new CustomerProfile(cn, en, null, Phone.of(mobile()), (en == null ? "user" + random.nextInt(100000) : en.replace(' ', '.')).toLowerCase() + "@example.com",
                    industry, region, segment, source, tags, List.of(), preferences, null);
        }

        private ContactCard contact(String customerId, int index, boolean chinese) {
            String name = chinese ? CN_SURNAMES[random.nextInt(CN_SURNAMES.length)] + CN_GIVEN[random.nextInt(CN_GIVEN.length)]
                    : EN_FIRST[random.nextInt(EN_FIRST.length)] + " " + EN_LAST[random.nextInt(EN_LAST.length)];
            return new ContactCard("con-" + customerId.substring(4) + "-" + index, name, TITLES[random.nextInt(TITLES.length)],
                    List.of(Phone.of(mobile())), List.of("contact" + index + "@" + customerId + ".example.com"), null);
        }

        private String mobile() {
            String digits = "13" + random.nextInt(10) + String.format("%08d", random.nextInt(100_000_000));
            return switch (random.nextInt(3)) {
                case 0 -> digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7);
                case 1 -> "+86 " + digits.substring(0, 3) + " " + digits.substring(3, 7) + " " + digits.substring(7);
                default -> digits;
            };
        }

        private BigDecimal amount(int min, int max) {
            double logMin = Math.log(min);
            double value = Math.exp(logMin + random.nextDouble() * (Math.log(max) - logMin));
            return BigDecimal.valueOf(Math.round(value / 100.0) * 100L).setScale(2, RoundingMode.UNNECESSARY);
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        private static Money cny(BigDecimal amount) {
            return new Money(amount, CURRENCY);
        }

        private static String uuid(Random random) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
    }
}
