package dev.kehu.infra.eventstore;

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
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceRequestResolvedByPhone;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceVisitCompleted;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.delivery.DeliveryItem;
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
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.lifecycle.CustomerReactivated;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpRescheduled;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.followup.OpenFollowUp;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.events.identity.ApiTokenIssued;
import dev.kehu.events.identity.ApiTokenRevoked;
import dev.kehu.events.identity.UserCreated;
import dev.kehu.events.identity.UserPasswordChanged;
import dev.kehu.events.identity.UserRolesChanged;
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
import dev.kehu.events.opportunity.OpportunityProbabilityOverridden;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One fixed instance of every event type in shared-events, for the stored-event golden vectors. Chinese and English
 * data alike; optional fields filled where they exist, so that the stored form of each field is frozen too. Adding an
 * event type means adding it here (the vectors test fails until it is).
 */
final class GoldenEvents {

    static final String CUSTOMER = "c-金山-0001";
    static final String OPPORTUNITY = "o-招标-0001";

    private GoldenEvents() {
    }

    private static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    private static LocalDate day(int month, int dayOfMonth) {
        return LocalDate.of(2026, month, dayOfMonth);
    }

    private static CustomerProfile profile() {
        return new CustomerProfile("上海金山石化贸易有限公司", "Shanghai Jinshan Petrochemical Trading Co., Ltd.",
                "91310116MA1J8KXX3R", Phone.of("+86 138-0013-8000"), "procurement@jinshan-trading.cn", "化工 chemicals",
                "华东 East China", "KEY_ACCOUNT", "展会 trade fair", List.of("VIP", "长期客户"),
                List.of("上海市金山区石化街道卫零路 88 号", "Room 1203, 88 Weiling Rd, Shanghai"),
                Map.of("invoiceType", "增值税专用发票"), "每季度对账 \"quarterly\" reconciliation");
    }

    private static ContactCard contact() {
        return new ContactCard("ct-1", "王芳 Wang Fang", "采购经理 Purchasing Manager",
                List.of(Phone.of("021-5794 1234 转 808"), Phone.of("+86 139 1234 5678")),
                List.of("wang.fang@jinshan-trading.cn"), "只接受上午来电 mornings only");
    }

    /** Event type → its fixture (aggregate type, id and the payload). */
    static Map<Class<?>, Fixture> all() {
        Map<Class<?>, Fixture> all = new java.util.LinkedHashMap<>();
        customer(all, new CustomerRegistered(CUSTOMER, CustomerKind.COMPANY, profile()));
        customer(all, new CustomerProfileChanged(CUSTOMER, profile()));
        customer(all, new AccountManagerAssigned(CUSTOMER, "张伟", "alice", "区域调整 territory change"));
        customer(all, new CreditLimitSet(CUSTOMER, cny("800000.00"), cny("500000.00")));
        customer(all, new CreditRatingSet(CUSTOMER, CreditRating.AA, CreditRating.BBB));
        customer(all, new CreditHoldPlaced(CUSTOMER, "发票逾期 overdue invoice"));
        customer(all, new CreditHoldReleased(CUSTOMER, "已回款 paid"));
        customer(all, new CreditReserved(CUSTOMER, OPPORTUNITY, cny("120000.50")));
        customer(all, new CreditReleased(CUSTOMER, OPPORTUNITY, cny("120000.50"), "输单 lost"));
        customer(all, new CustomerActivated(CUSTOMER, "SO-2026-0001"));
        customer(all, new CustomerBecameDormant(CUSTOMER, day(1, 15)));
        customer(all, new CustomerChurned(CUSTOMER, "价格 price", "Acme 竞品"));
        customer(all, new CustomerDropped(CUSTOMER, "重复建档 duplicate record"));
        customer(all, new CustomerReactivated(CUSTOMER, LifecycleStage.DORMANT, "新订单 new order"));
        customer(all, new CustomerTierChanged(CUSTOMER, ValueTier.SILVER, ValueTier.GOLD, cny("1250000.00"),
                day(1, 1), day(12, 31), cny("1000000.00")));
        customer(all, new CustomerMerged(CUSTOMER, "c-金山-0002"));
        customer(all, new PersonalDataErased(CUSTOMER, PersonalDataErased.SubjectType.CONTACT, "ct-1",
                "本人要求删除 the person asked (PIPL art. 47)"));
        customer(all, new DuplicateCustomerAbsorbed(CUSTOMER, "c-金山-0003", List.of(contact()),
                List.of(new OpenFollowUp("fu-7", "ix-3", day(3, 2))), List.of("ix-3", "ix-4"), List.of("cp-9")));
        customer(all, new ContactAdded(CUSTOMER, contact()));
        customer(all, new ContactChanged(CUSTOMER, contact()));
        customer(all, new ContactRemoved(CUSTOMER, "ct-1"));
        customer(all, new PrimaryContactChosen(CUSTOMER, "ct-1"));
        customer(all, new InteractionRecorded(CUSTOMER, "ix-3", InteractionChannel.MEETING, "ct-1", day(2, 27),
                "同意报价 agreed to quote", "会议纪要 minutes: 第二季度 Q2 volumes"));
        customer(all, new FollowUpScheduled(CUSTOMER, "fu-7", "ix-3", day(3, 2)));
        customer(all, new FollowUpRescheduled(CUSTOMER, "fu-7", day(3, 2), day(3, 9)));
        customer(all, new FollowUpCompleted(CUSTOMER, "fu-7", day(3, 9), "已发送合同 contract sent"));
        customer(all, new ComplaintLogged(CUSTOMER, "cp-9", "ct-1", "交货延迟 late delivery",
                "第三批货晚到五天 third batch five days late"));
        customer(all, new ComplaintResolved(CUSTOMER, "cp-9", "补偿运费 freight refunded", 4));
        customer(all, new ReturnVisitRecorded(CUSTOMER, "rv-2", "cp-9", day(4, 1), "满意 satisfied", 5));
        customer(all, new OrderRecorded(CUSTOMER, "SO-2026-0001", cny("356000.00"), day(2, 1)));
        customer(all, new InvoiceRecorded(CUSTOMER, "INV-2026-0001", cny("356000.00"), day(2, 3), day(3, 5),
                "SO-2026-0001", OPPORTUNITY));
        customer(all, new InvoiceOverdue(CUSTOMER, "INV-2026-0001", cny("156000.00"), day(3, 6)));
        customer(all, new PaymentRecorded(CUSTOMER, "PAY-2026-0001", "INV-2026-0001", cny("200000.00"), day(3, 1)));
        customer(all, new CreditInvestigationRecorded(CUSTOMER, "ci-1",
                List.of("人民银行征信报告 PBOC credit report", "天眼查 Tianyancha", "供应商访谈 supplier interviews"),
                "近三年按时回款 paid on time for three years", "经营稳健 sound business", CreditRating.AA, "李娜",
                day(2, 20)));
        customer(all, new DeliveryRecorded(CUSTOMER, "DN-2026-0001", "SO-2026-0001", day(2, 2),
                List.of(new DeliveryItem("反渗透净水设备 RO water purifier", new java.math.BigDecimal("12"), "台"),
                        new DeliveryItem("Filter cartridge", new java.math.BigDecimal("2.5"), "boxes")),
                cny("356000.00"), DeliveryStatus.SHIPPED, day(2, 2)));
        customer(all, new ServiceRequestReported(CUSTOMER, "sr-1", "净水器漏水 purifier leaking", "RO-500 反渗透机组",
                "ct-1", InteractionChannel.CALL, day(3, 10)));
        customer(all, new ServiceRequestResolvedByPhone(CUSTOMER, "sr-1", "刘工 Liu", "指导更换密封圈 talked through the seal change",
                day(3, 10)));
        customer(all, new ServiceAppointmentBooked(CUSTOMER, "sr-1", day(3, 12), "09:00-12:00", "刘工 Liu"));
        customer(all, new ServiceAppointmentRescheduled(CUSTOMER, "sr-1", day(3, 13), "14:00-17:00", day(3, 12),
                "09:00-12:00", "客户不在 customer away"));
        customer(all, new ServiceEngineerReassigned(CUSTOMER, "sr-1", "王工 Wang", "刘工 Liu", "刘工请假 on leave"));
        customer(all, new ServiceVisitCompleted(CUSTOMER, "sr-1", day(3, 13), "更换水泵 pump replaced"));
        customer(all, new ServiceRequestClosed(CUSTOMER, "sr-1", day(3, 14), 5));
        customer(all, new ComplaintLinkedToServiceRequest(CUSTOMER, "cp-9", "sr-2", "sr-1"));
        customer(all, new DeliveryStatusChanged(CUSTOMER, "DN-2026-0001", DeliveryStatus.DELIVERED, DeliveryStatus.SHIPPED,
                day(2, 4)));
        opportunity(all, new OpportunityOpened(OPPORTUNITY, CUSTOMER, "二期储罐项目 Tank farm phase 2",
                cny("2400000.00"), day(9, 30), "招标网 tender site", "张伟", OpportunityPriority.KEY, Stage.LEAD, 10));
        opportunity(all, new OpportunityStageChanged(OPPORTUNITY, Stage.PROPOSAL, Stage.BIDDING, 60,
                "客户邀请投标 invited to bid", false, false));
        opportunity(all, new OpportunityAmountChanged(OPPORTUNITY, cny("2400000.00"), cny("2650000.00")));
        opportunity(all, new OpportunityCloseDateChanged(OPPORTUNITY, day(9, 30), day(10, 31)));
        opportunity(all, new OpportunityOwnerReassigned(OPPORTUNITY, "张伟", "bob", "休假 on leave"));
        opportunity(all, new OpportunityPriorityChanged(OPPORTUNITY, OpportunityPriority.NORMAL,
                OpportunityPriority.HIGH));
        opportunity(all, new OpportunityProbabilityOverridden(OPPORTUNITY, Stage.NEGOTIATION, 75, 85,
                "口头确认 verbal yes"));
        opportunity(all, new BidPreparationCompleted(OPPORTUNITY, List.of("资质文件 licences", "报价单 price list")));
        opportunity(all, new BidSubmitted(OPPORTUNITY, cny("2600000.00"), day(6, 30)));
        opportunity(all, new BidResultRecorded(OPPORTUNITY, BidOutcome.SHORTLISTED, "入围 shortlisted"));
        opportunity(all, new OpportunityWon(OPPORTUNITY, CUSTOMER, Stage.NEGOTIATION, cny("2600000.00")));
        opportunity(all, new OpportunityLost(OPPORTUNITY, Stage.BIDDING, "价格 price", "Acme 竞品"));
        opportunity(all, new OpportunityReopened(OPPORTUNITY, Stage.LOST, Stage.NEGOTIATION, 50, true,
                "客户重新询价 customer came back"));
        user(all, new UserCreated("zhang.wei", "张伟", List.of("MANAGER", "SALES"), false));
        user(all, new UserPasswordChanged("zhang.wei", false));
        user(all, new UserRolesChanged("zhang.wei", List.of("SALES"), List.of("MANAGER", "SALES")));
        user(all, new ApiTokenIssued("zhang.wei", "3a593632d4244fa91e", "ERP 对账脚本 reconciliation script",
                Instant.parse("2027-01-06T06:48:51Z")));
        user(all, new ApiTokenRevoked("zhang.wei", "3a593632d4244fa91e"));
        return all;
    }

    /** Where a fixture is stored: its aggregate, and the payload. */
    record Fixture(String aggregateType, String aggregateId, Object payload) {
    }

    private static void customer(Map<Class<?>, Fixture> all, Object payload) {
        all.put(payload.getClass(), new Fixture("Customer", CUSTOMER + "-" + payload.getClass().getSimpleName(),
                payload));
    }

    private static void user(Map<Class<?>, Fixture> all, Object payload) {
        all.put(payload.getClass(), new Fixture("UserAccount", "user-zhang.wei-" + payload.getClass().getSimpleName(),
                payload));
    }

    private static void opportunity(Map<Class<?>, Fixture> all, Object payload) {
        all.put(payload.getClass(), new Fixture("Opportunity", OPPORTUNITY + "-" + payload.getClass().getSimpleName(),
                payload));
    }
}
