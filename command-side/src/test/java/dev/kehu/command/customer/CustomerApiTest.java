package dev.kehu.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.ApiClient.Response;
import dev.kehu.command.CommandApiTestSupport;
import dev.kehu.command.customer.tier.DailyTierReevaluation;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.ContactChanged;
import dev.kehu.events.customer.contact.ContactRemoved;
import dev.kehu.events.customer.credit.CreditHoldPlaced;
import dev.kehu.events.customer.credit.CreditHoldReleased;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.credit.CreditRatingSet;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.lifecycle.CustomerBecameDormant;
import dev.kehu.events.customer.lifecycle.CustomerChurned;
import dev.kehu.events.customer.lifecycle.CustomerDropped;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerMerged;
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
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import dev.kehu.events.customer.order.ValueTier;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every Customer endpoint over HTTP: status, body, and the events it appended. */
class CustomerApiTest extends CommandApiTestSupport {

    @Autowired
    DailyTierReevaluation dailyTierReevaluation;

    private static Object last(List<Object> payloads) {
        return payloads.get(payloads.size() - 1);
    }

    @Test
    void registersACompanyAndAnswersIdVersionPositionETagAndLocation() {
        String code = freshCreditCode();
        Map<String, Object> body = company("北京京东世纪贸易有限公司", code.toLowerCase());
        body.put("latinName", "Beijing Jingdong Century Trading Co., Ltd.");
        body.put("addresses", List.of("北京市大兴区亦庄经济技术开发区科创十一街18号"));
        body.put("preferences", Map.of("发票类型", "增值税专用发票"));

        Response response = api.post("/api/customers", body);

        assertThat(response.status()).isEqualTo(201);
        String id = response.text("id");
        assertThat(response.body().get("version").asLong()).isZero();
        assertThat(response.body().get("position").isNull()).isTrue();
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        assertThat(response.header("Location")).isEqualTo("/api/customers/" + id);
        CustomerRegistered registered = (CustomerRegistered) payloadsOf(id).get(0);
        assertThat(registered.kind()).isEqualTo(CustomerKind.COMPANY);
        assertThat(registered.profile().creditCode()).isEqualTo(code);
        assertThat(registered.profile().latinName()).isEqualTo("Beijing Jingdong Century Trading Co., Ltd.");
        assertThat(registered.profile().preferences()).containsEntry("发票类型", "增值税专用发票");
    }

    @Test
    void registersAnIndividualKeepingThePhoneAsEnteredAndNormalized() {
        Response response = api.post("/api/customers", map("kind", "INDIVIDUAL", "chineseName", "张三",
                "mobile", "+86 138 0013 8000", "email", "ZhangSan.Api@Example.com", "region", "上海市浦东新区"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        CustomerRegistered registered = (CustomerRegistered) payloadsOf(response.text("id")).get(0);
        assertThat(registered.profile().mobile()).isEqualTo(new Phone("+86 138 0013 8000", "13800138000"));
        assertThat(registered.profile().email()).isEqualTo("zhangsan.api@example.com");
    }

    @Test
    void changesTheProfile() {
        String id = registerCompany("Acme Trading Ltd");
        Map<String, Object> profile = company("Acme Trading Ltd", freshCreditCode());
        profile.remove("kind");
        profile.put("latinName", "Acme Trading Ltd");
        profile.put("region", "上海办事处");
        profile.put("notes", "Prefers e-mail; John Smith decides.");

        Response response = api.put("/api/customers/" + id + "/profile", profile);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().get("version").asLong()).isEqualTo(1);
        CustomerProfileChanged changed = (CustomerProfileChanged) last(payloadsOf(id));
        assertThat(changed.profile().region()).isEqualTo("上海办事处");
        assertThat(changed.profile().notes()).isEqualTo("Prefers e-mail; John Smith decides.");
    }

    @Test
    void managesContacts() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        Response added = api.post("/api/customers/" + id + "/contacts", map("name", "李四", "title", "采购经理",
                "phones", List.of("138-0013-8001"), "emails", List.of("LiSi@JD.example"), "notes", "负责华北区采购"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String liSi = added.text("contactId");
        assertThat(added.header("Location")).isEqualTo("/api/customers/" + id + "/contacts/" + liSi);
        assertThat(added.body().get("version").asLong()).isEqualTo(2);
        assertThat(payloadsOf(id)).contains(new ContactAdded(id, new ContactCard(liSi, "李四", "采购经理",
                List.of(new Phone("138-0013-8001", "13800138001")), List.of("lisi@jd.example"), "负责华北区采购")),
                new PrimaryContactChosen(id, liSi));

        String john = api.post("/api/customers/" + id + "/contacts", map("name", "John Smith",
                "phones", List.of("+1 (555) 010-9999"))).text("contactId");

        Response changed = api.put("/api/customers/" + id + "/contacts/" + john,
                map("name", "John Smith", "title", "Purchasing Director", "phones", List.of("+1 (555) 010-9999")));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("contactId")).isEqualTo(john);
        assertThat(last(payloadsOf(id))).isEqualTo(new ContactChanged(id, new ContactCard(john, "John Smith",
                "Purchasing Director", List.of(new Phone("+1 (555) 010-9999", "+15550109999")), List.of(), null)));

        Response primary = api.put("/api/customers/" + id + "/primary-contact", map("contactId", john));
        assertThat(primary.status()).isEqualTo(200);
        assertThat(last(payloadsOf(id))).isEqualTo(new PrimaryContactChosen(id, john));

        Response removed = api.delete("/api/customers/" + id + "/contacts/" + liSi);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(last(payloadsOf(id))).isEqualTo(new ContactRemoved(id, liSi));

        Response refused = api.delete("/api/customers/" + id + "/contacts/" + liSi);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.text("field")).isEqualTo("contactId");
        assertThat(refused.text("detail")).isEqualTo("no contact " + liSi + " on this customer");
    }

    @Test
    void refusesRemovingThePrimaryContactWhileOthersExist() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        String liSi = api.post("/api/customers/" + id + "/contacts", map("name", "李四")).text("contactId");
        api.post("/api/customers/" + id + "/contacts", map("name", "王五"));

        Response refused = api.delete("/api/customers/" + id + "/contacts/" + liSi);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.text("title")).isEqualTo("Primary contact removal refused");
        assertThat(refused.text("detail")).contains("is the primary contact; choose another primary contact first");
    }

    @Test
    void assignsAndReassignsTheAccountManagerWithAReason() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        assertThat(api.put("/api/customers/" + id + "/account-manager", map("accountManager", "wangwu")).status())
                .isEqualTo(200);

        Response refused = api.put("/api/customers/" + id + "/account-manager", map("accountManager", "zhaoliu"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("field")).isEqualTo("reason");

        Response reassigned = api.put("/api/customers/" + id + "/account-manager",
                map("accountManager", "zhaoliu", "reason", "王五调往华南区"));
        assertThat(reassigned.status()).isEqualTo(200);
        assertThat(last(payloadsOf(id))).isEqualTo(new AccountManagerAssigned(id, "zhaoliu", "wangwu", "王五调往华南区"));
        assertThat(eventsOf(id).get(eventsOf(id).size() - 1).getMetaData().get("reason")).isEqualTo("王五调往华南区");
    }

    @Test
    void recordsInteractionsAndFollowUps() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        Response recorded = api.post("/api/customers/" + id + "/interactions", map("channel", "VISIT",
                "occurredOn", "2026-11-20", "outcome", "客户对净水设备感兴趣", "nextFollowUpOn", "2026-12-01"));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        String interactionId = recorded.text("interactionId");
        String followUpId = recorded.text("followUpId");
        assertThat(payloadsOf(id)).contains(
                new InteractionRecorded(id, interactionId, InteractionChannel.VISIT, null, LocalDate.of(2026, 11, 20),
                        "客户对净水设备感兴趣", null),
                new FollowUpScheduled(id, followUpId, interactionId, LocalDate.of(2026, 12, 1)));

        Response rescheduled = api.put("/api/customers/" + id + "/follow-ups/" + followUpId + "/due-date",
                map("dueOn", "2026-12-08"));
        assertThat(rescheduled.status()).isEqualTo(200);
        assertThat(last(payloadsOf(id))).isEqualTo(new FollowUpRescheduled(id, followUpId,
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 8)));

        Response completed = api.post("/api/customers/" + id + "/follow-ups/" + followUpId + "/completion",
                map("completedOn", "2026-12-08", "outcome", "签约意向明确"));
        assertThat(completed.status()).isEqualTo(200);
        assertThat(last(payloadsOf(id))).isEqualTo(new FollowUpCompleted(id, followUpId, LocalDate.of(2026, 12, 8),
                "签约意向明确"));

        Response again = api.post("/api/customers/" + id + "/follow-ups/" + followUpId + "/completion", map());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).isEqualTo("follow-up " + followUpId + " is already completed");
    }

    @Test
    void administersCredit() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        assertThat(api.put("/api/customers/" + id + "/credit-rating", map("rating", "AA")).status()).isEqualTo(200);
        assertThat(api.put("/api/customers/" + id + "/credit-limit", map("amount", 500000, "currency", "CNY"))
                .status()).isEqualTo(200);
        Response hold = api.post("/api/customers/" + id + "/credit-hold", map("reason", "回款逾期90天"));
        assertThat(hold.status()).isEqualTo(200);
        Response secondHold = api.post("/api/customers/" + id + "/credit-hold", map("reason", "again"));
        assertThat(secondHold.status()).isEqualTo(409);
        Response release = api.delete("/api/customers/" + id + "/credit-hold", "X-Reason", "paid");
        assertThat(release.status()).isEqualTo(200);

        assertThat(payloadsOf(id)).containsSubsequence(
                new CreditRatingSet(id, CreditRating.AA, null),
                new CreditLimitSet(id, Money.of("500000", "CNY"), null),
                new CreditHoldPlaced(id, "回款逾期90天"),
                new CreditHoldReleased(id, "paid"));
    }

    @Test
    void recordsErpFactsOncePerDocumentNumber() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        Map<String, Object> order = map("orderNumber", "SO-2026-0001", "amount", "12000.00", "currency", "CNY",
                "orderedOn", "2026-11-01");
        Response first = api.post("/api/customers/" + id + "/orders", order);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Response repeat = api.post("/api/customers/" + id + "/orders", order);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().get("version")).isEqualTo(first.body().get("version"));

        Response conflicting = api.post("/api/customers/" + id + "/orders",
                map("orderNumber", "SO-2026-0001", "amount", "99", "currency", "CNY", "orderedOn", "2026-11-01"));
        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(conflicting.text("field")).isEqualTo("orderNumber");

        assertThat(api.post("/api/customers/" + id + "/invoices", map("invoiceNumber", "INV-1", "amount", "12000",
                "currency", "CNY", "invoicedOn", "2026-11-02", "dueOn", "2026-12-02", "orderNumber", "SO-2026-0001"))
                .status()).isEqualTo(200);
        assertThat(api.post("/api/customers/" + id + "/payments", map("paymentNumber", "PAY-1", "invoiceNumber",
                "INV-1", "amount", "2000", "currency", "CNY", "paidOn", "2026-11-10")).status()).isEqualTo(200);
        assertThat(api.post("/api/customers/" + id + "/overdue-invoices",
                map("invoiceNumber", "INV-1", "overdueSince", "2026-12-03")).status()).isEqualTo(200);

        Response unknownInvoice = api.post("/api/customers/" + id + "/payments", map("paymentNumber", "PAY-2",
                "invoiceNumber", "INV-404", "amount", "1", "currency", "CNY", "paidOn", "2026-11-10"));
        assertThat(unknownInvoice.status()).isEqualTo(422);
        assertThat(unknownInvoice.text("field")).isEqualTo("invoiceNumber");

        List<Object> payloads = payloadsOf(id);
        assertThat(payloads.stream().filter(OrderRecorded.class::isInstance)).hasSize(1);
        assertThat(payloads).contains(new CustomerActivated(id, "SO-2026-0001"),
                new InvoiceRecorded(id, "INV-1", Money.of("12000", "CNY"), LocalDate.of(2026, 11, 2),
                        LocalDate.of(2026, 12, 2), "SO-2026-0001", null),
                new PaymentRecorded(id, "PAY-1", "INV-1", Money.of("2000", "CNY"), LocalDate.of(2026, 11, 10)),
                new InvoiceOverdue(id, "INV-1", Money.of("10000", "CNY"), LocalDate.of(2026, 12, 3)));
    }

    @Test
    void reevaluatesTheTierOnOrdersOnRequestAndDaily() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        LocalDate orderDay = LocalDate.now().minusDays(3);
        api.post("/api/customers/" + id + "/orders", map("orderNumber", "SO-BIG", "amount", "250000",
                "currency", "CNY", "orderedOn", orderDay.toString()));
        CustomerTierChanged gold = (CustomerTierChanged) last(payloadsOf(id));
        assertThat(gold.tier()).isEqualTo(ValueTier.GOLD);
        assertThat(gold.twelveMonthSpend().amount()).isEqualByComparingTo("250000");
        assertThat(gold.threshold()).isEqualTo(new Money(new java.math.BigDecimal("200000"), "CNY"));

        Response unchanged = api.post("/api/customers/" + id + "/tier-evaluations", map());
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(last(payloadsOf(id))).isEqualTo(gold);

        LocalDate aYearLater = orderDay.plusYears(1);
        assertThat(dailyTierReevaluation.reevaluateAll(aYearLater)).isGreaterThanOrEqualTo(1);
        CustomerTierChanged none = (CustomerTierChanged) last(payloadsOf(id));
        assertThat(none.previousTier()).isEqualTo(ValueTier.GOLD);
        assertThat(none.tier()).isEqualTo(ValueTier.NONE);
        assertThat(none.windowEnd()).isEqualTo(aYearLater);
        assertThat(eventsOf(id).get(eventsOf(id).size() - 1).getMetaData())
                .containsEntry("actor", "scheduler:tier-reevaluation")
                .hasEntrySatisfying("correlationId", correlation -> assertThat((String) correlation)
                        .startsWith("tier-reevaluation-" + aYearLater + "-"));
    }

    @Test
    void handlesComplaintsAndReturnVisits() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        Response logged = api.post("/api/customers/" + id + "/complaints",
                map("subject", "滤芯漏水", "description", "安装后第三天漏水"));
        assertThat(logged.status()).isEqualTo(201);
        String complaintId = logged.text("complaintId");

        Response badScore = api.post("/api/customers/" + id + "/complaints/" + complaintId + "/resolution",
                map("resolution", "更换滤芯", "satisfactionScore", 6));
        assertThat(badScore.status()).isEqualTo(400);
        assertThat(badScore.text("field")).isEqualTo("satisfactionScore");

        Response resolved = api.post("/api/customers/" + id + "/complaints/" + complaintId + "/resolution",
                map("resolution", "更换滤芯", "satisfactionScore", 4));
        assertThat(resolved.status()).isEqualTo(200);

        Response visit = api.post("/api/customers/" + id + "/return-visits",
                map("complaintId", complaintId, "visitedOn", "2026-11-25", "notes", "客户满意", "satisfactionScore", 5));
        assertThat(visit.status()).isEqualTo(201);

        assertThat(payloadsOf(id)).contains(new ComplaintLogged(id, complaintId, null, "滤芯漏水", "安装后第三天漏水"),
                new ComplaintResolved(id, complaintId, "更换滤芯", 4),
                new ReturnVisitRecorded(id, visit.text("returnVisitId"), complaintId, LocalDate.of(2026, 11, 25),
                        "客户满意", 5));
    }

    @Test
    void walksTheLifecycleAndRefusesWhatMakesNoSense() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        Response notYet = api.post("/api/customers/" + id + "/lifecycle/dormant", null);
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.text("detail")).isEqualTo("cannot mark dormant a customer who is PROSPECT");
        assertThat(notYet.text("stage")).isEqualTo("PROSPECT");

        api.post("/api/customers/" + id + "/orders", map("orderNumber", "SO-1", "amount", "10", "currency", "CNY",
                "orderedOn", "2025-01-05"));
        assertThat(api.post("/api/customers/" + id + "/lifecycle/dormant", null).status()).isEqualTo(200);
        assertThat(api.post("/api/customers/" + id + "/lifecycle/churned",
                map("reason", "价格太高", "competitor", "竞争对手甲")).status()).isEqualTo(200);
        assertThat(api.post("/api/customers/" + id + "/lifecycle/reactivated", map("reason", "新项目")).status())
                .isEqualTo(200);
        assertThat(api.post("/api/customers/" + id + "/lifecycle/dropped", map("reason", "三年无订单")).status())
                .isEqualTo(200);

        assertThat(payloadsOf(id)).containsSubsequence(new CustomerBecameDormant(id, LocalDate.of(2025, 1, 5)),
                new CustomerChurned(id, "价格太高", "竞争对手甲"),
                new CustomerReactivated(id, LifecycleStage.CHURNED, "新项目"),
                new CustomerDropped(id, "三年无订单"));
        assertThat(eventsOf(id).get(eventsOf(id).size() - 1).getMetaData()).containsEntry("reason", "三年无订单");
    }

    @Test
    void mergesADuplicateIntoTheSurvivorWhichThenOwnsItsContactsAndFollowUps() {
        String survivor = registerCompany("北京京东世纪贸易有限公司");
        String duplicate = registerCompany("京东世纪贸易");
        String liSi = api.post("/api/customers/" + duplicate + "/contacts", map("name", "李四")).text("contactId");
        Response interaction = api.post("/api/customers/" + duplicate + "/interactions",
                map("channel", "CALL", "occurredOn", "2026-11-20", "nextFollowUpOn", "2026-12-01"));

        Response merged = api.post("/api/customers/" + duplicate + "/merge", map("survivorId", survivor));

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.text("survivorId")).isEqualTo(survivor);
        assertThat(last(payloadsOf(duplicate))).isEqualTo(new CustomerMerged(duplicate, survivor));
        DuplicateCustomerAbsorbed absorbed = (DuplicateCustomerAbsorbed) payloadsOf(survivor).stream()
                .filter(DuplicateCustomerAbsorbed.class::isInstance).findFirst().orElseThrow();
        assertThat(absorbed.contacts()).extracting(ContactCard::contactId).containsExactly(liSi);
        assertThat(absorbed.followUps()).extracting(f -> f.followUpId()).containsExactly(interaction.text("followUpId"));
        assertThat(absorbed.interactionIds()).containsExactly(interaction.text("interactionId"));
        assertThat(last(payloadsOf(survivor))).isEqualTo(new PrimaryContactChosen(survivor, liSi));

        Response completed = api.post("/api/customers/" + survivor + "/follow-ups/" + interaction.text("followUpId")
                + "/completion", map("outcome", "moved with the merge"));
        assertThat(completed.status()).isEqualTo(200);

        Response readOnly = api.put("/api/customers/" + duplicate + "/credit-rating", map("rating", "A"));
        assertThat(readOnly.status()).isEqualTo(409);
        assertThat(readOnly.text("survivorId")).isEqualTo(survivor);
        assertThat(readOnly.text("detail")).isEqualTo("customer " + duplicate + " was merged into " + survivor
                + " and is read-only");
    }

    @Test
    void refusesMergingIntoItselfOrAnUnknownSurvivor() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        Response self = api.post("/api/customers/" + id + "/merge", map("survivorId", id));
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.text("field")).isEqualTo("survivorId");

        long before = totalEvents();
        Response unknown = api.post("/api/customers/" + id + "/merge", map("survivorId", "no-such-customer"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("id")).isEqualTo("no-such-customer");
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void answers404ForAnUnknownCustomerAndAppendsNothing() {
        long before = totalEvents();
        Response response = api.put("/api/customers/no-such-customer/credit-rating", map("rating", "A"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("detail")).isEqualTo("no customer with id no-such-customer");
        assertThat(response.text("field")).isEqualTo("id");
        assertThat(totalEvents()).isEqualTo(before);
    }
}
