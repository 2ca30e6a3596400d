package dev.kehu.bench.drills;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of README's API section that the bad-input generator aims at: every command with a valid body
 * (aimed at the drill's real aggregates) and its required fields, and every query with its parameters and what
 * kind of value each takes.
 */
final class BadRequestCatalog {

    /** An enum constant in a body (serialized as a string, mutated as an enum). */
    record Sym(String name) {
    }

    /**
     * A command endpoint.
     *
     * @param creates whether it creates a new aggregate (then header faults are not aimed at it: a request that
     *                slipped through would be a write for a reason the drill does not test)
     */
    record Command(String method, String path, Map<String, Object> body, List<String> required, boolean creates) {
    }

    enum Kind { LIMIT, DAYS, PAGE, SIZE, POSITION, DATE, CHOICE, CURSOR, BOOLEAN, SEARCH_TEXT, FILTER_TEXT, LOOSE_CHOICE }

    record Query(String path, Map<String, Kind> parameters) {
    }

    /** Credit code of the company the drill registers as its target (the profile change keeps it). */
    static final String TARGET_CREDIT_CODE = Names.creditCode(987_654_322L);

    private BadRequestCatalog() {
    }

    static List<Command> commands(BadRequestSource.Targets t) {
        String c = "/api/customers/" + t.customerId();
        String o = "/api/opportunities/" + t.opportunityId();
        LocalDate day = LocalDate.of(2026, 11, 20);
        BigDecimal amount = new BigDecimal("12800.50");
        return List.of(
                new Command("POST", "/api/customers", body("kind", new Sym("COMPANY"), "chineseName", "杭州云帆科技有限公司",
                        "latinName", "Hangzhou Yunfan Technology Co., Ltd.", "creditCode", Names.creditCode(987_654_321L),
                        "region", "杭州", "tags", List.of("fuzz")), List.of("kind", "creditCode"), true),
                new Command("PUT", c + "/profile", body("chineseName", "北京星辰科技有限公司", "latinName",
                        "Beijing Xingchen Technology Co., Ltd.", "creditCode", TARGET_CREDIT_CODE,
                        "region", "北京", "preferences", Map.of("language", "中文")), List.of("creditCode"), false),
                new Command("POST", c + "/contacts", body("name", "李娜", "title", "采购经理 Purchasing Manager",
                        "phones", List.of("+86 10 8888 1234"), "emails", List.of("li.na@example.cn")), List.of("name"), false),
                new Command("PUT", c + "/contacts/" + t.contactId(), body("name", "Li Na", "title", "CFO",
                        "phones", List.of("010-8888-1235")), List.of("name"), false),
                new Command("PUT", c + "/primary-contact", body("contactId", t.contactId()), List.of("contactId"), false),
                new Command("PUT", c + "/account-manager", body("accountManager", "wang.fang", "reason", "区域调整"),
                        List.of("accountManager"), false),
                new Command("POST", c + "/interactions", body("channel", new Sym("CALL"), "contactId", t.contactId(),
                        "occurredOn", day, "outcome", "报价跟进 quote follow-up", "nextFollowUpOn", day.plusDays(30)),
                        List.of("channel", "occurredOn"), false),
                new Command("POST", c + "/follow-ups/" + t.followUpId() + "/completion",
                        body("completedOn", day, "outcome", "已回电 called back"), List.of(), false),
                new Command("PUT", c + "/follow-ups/" + t.followUpId() + "/due-date", body("dueOn", day.plusDays(40)),
                        List.of("dueOn"), false),
                new Command("PUT", c + "/credit-rating", body("rating", new Sym("AA")), List.of("rating"), false),
                new Command("PUT", c + "/credit-limit", body("amount", new BigDecimal("500000.00"), "currency", "CNY"),
                        List.of("amount", "currency"), false),
                new Command("POST", c + "/credit-hold", body("reason", "逾期未付 overdue"), List.of("reason"), false),
                new Command("POST", c + "/orders", body("orderNumber", "SO-FUZZ-1", "amount", amount, "currency", "CNY",
                        "orderedOn", day), List.of("orderNumber", "amount", "currency", "orderedOn"), false),
                new Command("POST", c + "/invoices", body("invoiceNumber", "INV-FUZZ-1", "amount", amount, "currency",
                        "CNY", "invoicedOn", day, "dueOn", day.plusDays(30)),
                        List.of("invoiceNumber", "amount", "currency", "invoicedOn"), false),
                new Command("POST", c + "/payments", body("paymentNumber", "PAY-FUZZ-1", "invoiceNumber", "INV-FUZZ-0",
                        "amount", amount, "currency", "CNY", "paidOn", day),
                        List.of("paymentNumber", "invoiceNumber", "amount", "currency", "paidOn"), false),
                new Command("POST", c + "/overdue-invoices", body("invoiceNumber", "INV-FUZZ-0", "overdueSince", day),
                        List.of("invoiceNumber", "overdueSince"), false),
                new Command("POST", c + "/tier-evaluations", body("asOf", day), List.of(), false),
                new Command("POST", c + "/complaints", body("subject", "发货延迟 late delivery", "description", "三次延迟"),
                        List.of("subject"), false),
                new Command("POST", c + "/complaints/00000000-0000-4000-8000-00000000f022/resolution",
                        body("resolution", "已补发 resent", "satisfactionScore", 4), List.of("resolution", "satisfactionScore"), false),
                new Command("POST", c + "/return-visits", body("visitedOn", day, "notes", "满意 satisfied",
                        "satisfactionScore", 5), List.of("visitedOn"), false),
                new Command("POST", c + "/lifecycle/churned", body("reason", "转向竞品 went to a competitor",
                        "competitor", "某友商"), List.of("reason"), false),
                new Command("POST", c + "/lifecycle/dropped", body("reason", "重复录入 duplicate"), List.of("reason"), false),
                new Command("POST", c + "/merge", body("survivorId", t.individualId()), List.of("survivorId"), false),
                new Command("POST", "/api/opportunities", body("customerId", t.customerId(), "title", "ERP 系统升级 ERP upgrade",
                        "amount", new BigDecimal("350000.00"), "currency", "CNY", "expectedCloseDate", LocalDate.of(2027, 3, 31),
                        "ownerId", "li.na", "priority", new Sym("HIGH")),
                        List.of("customerId", "title", "amount", "currency", "expectedCloseDate", "ownerId"), true),
                new Command("PUT", o + "/amount", body("amount", new BigDecimal("380000.00"), "currency", "CNY"),
                        List.of("amount", "currency"), false),
                new Command("PUT", o + "/close-date", body("expectedCloseDate", LocalDate.of(2027, 4, 30)),
                        List.of("expectedCloseDate"), false),
                new Command("PUT", o + "/priority", body("priority", new Sym("KEY")), List.of("priority"), false),
                new Command("PUT", o + "/probability", body("probability", 35, "reason", "客户预算确认"),
                        List.of("probability"), false),
                new Command("POST", o + "/stage", body("stage", new Sym("QUALIFICATION")), List.of("stage"), false),
                new Command("POST", o + "/bid/preparation", body("checklist", List.of("资质文件 credentials", "报价单 quote")),
                        List.of("checklist"), false),
                new Command("POST", o + "/bid/submission", body("amount", new BigDecimal("360000.00"), "currency", "CNY",
                        "deadline", LocalDate.of(2027, 1, 15)), List.of("amount", "currency", "deadline"), false),
                new Command("POST", o + "/bid/result", body("outcome", new Sym("SHORTLISTED"), "notes", "入围"),
                        List.of("outcome"), false),
                new Command("POST", o + "/lose", body("reason", "价格 price", "competitor", "某友商"), List.of(), false),
                new Command("POST", o + "/reopen", body("stage", new Sym("PROPOSAL"), "reason", "客户回心转意"), List.of(), false),
                new Command("PUT", o + "/owner", body("ownerId", "zhang.wei", "reason", "交接 handover"), List.of("ownerId"), false));
    }

    static List<Query> queries(BadRequestSource.Targets t) {
        return List.of(
                new Query("/api/customers", params("limit", Kind.LIMIT, "cursor", Kind.CURSOR, "sort", Kind.CHOICE,
                        "tier", Kind.CHOICE, "lifecycle", Kind.CHOICE, "minPosition", Kind.POSITION, "region", Kind.FILTER_TEXT)),
                new Query("/api/customers/" + t.customerId() + "/360", params("minPosition", Kind.POSITION)),
                new Query("/api/worklists/li.na", params("notContactedDays", Kind.DAYS, "limit", Kind.LIMIT,
                        "minPosition", Kind.POSITION)),
                new Query("/api/worklists/li.na/not-contacted", params("notContactedDays", Kind.DAYS, "cursor", Kind.CURSOR,
                        "limit", Kind.LIMIT)),
                new Query("/api/pipeline", params("from", Kind.DATE, "to", Kind.DATE, "minPosition", Kind.POSITION)),
                new Query("/api/value/rfm", params("segment", Kind.CHOICE, "sort", Kind.CHOICE, "cursor", Kind.CURSOR,
                        "limit", Kind.LIMIT)),
                new Query("/api/value/key-accounts", params("cursor", Kind.CURSOR, "limit", Kind.LIMIT, "minPosition",
                        Kind.POSITION)),
                new Query("/api/risk/churn", params("noPurchaseDays", Kind.DAYS, "cursor", Kind.CURSOR, "limit", Kind.LIMIT)),
                new Query("/api/risk/credit-exposure", params("overLimitOnly", Kind.BOOLEAN, "cursor", Kind.CURSOR,
                        "limit", Kind.LIMIT)),
                new Query("/api/risk/overdue-invoices", params("cursor", Kind.CURSOR, "limit", Kind.LIMIT,
                        "minPosition", Kind.POSITION)),
                new Query("/api/service", params("from", Kind.DATE, "to", Kind.DATE, "minPosition", Kind.POSITION)),
                new Query("/api/search/customers", params("q", Kind.SEARCH_TEXT, "page", Kind.PAGE, "size", Kind.SIZE,
                        "tier", Kind.LOOSE_CHOICE, "region", Kind.FILTER_TEXT)),
                new Query("/api/reports/opportunities", params("from", Kind.DATE, "to", Kind.DATE, "groupBy", Kind.CHOICE,
                        "stage", Kind.CHOICE, "status", Kind.CHOICE)));
    }

    /** Paths that name nothing, paths that are not valid, and methods an endpoint does not have. */
    static List<String[]> unroutable(BadRequestSource.Targets t) {
        String c = "/api/customers/" + t.customerId();
        return List.of(
                new String[] {"GET", "/api/nothing"}, new String[] {"GET", c + "/nothing"},
                new String[] {"POST", "/api/opportunities/" + t.opportunityId() + "/nothing/more"},
                new String[] {"GET", "/"}, new String[] {"GET", "/api"}, new String[] {"GET", c + "/360/extra"},
                new String[] {"GET", "/%2e%2e/%2e%2e/etc/passwd"}, new String[] {"GET", "/api/customers/%00/360"},
                new String[] {"GET", "/api/customers/%ZZ/360"}, new String[] {"GET", "/api/customers/%C0%AF/360"},
                new String[] {"GET", "/api/customers/" + "x".repeat(5000) + "/360"},
                new String[] {"GET", "/api//customers"}, new String[] {"GET", "/api/customers;jsessionid=1"},
                new String[] {"PATCH", c + "/profile"}, new String[] {"DELETE", "/api/customers"},
                new String[] {"PURGE", "/api/customers"}, new String[] {"PUT", "/api/search/customers"},
                new String[] {"POST", "/api/projections"}, new String[] {"GET", c + "/contacts"},
                new String[] {"GET", "/api/worklists/li.na/no-such-section"},
                new String[] {"GET", "/api/customers/00000000-0000-4000-8000-000000000404/360"});
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static Map<String, Kind> params(Object... pairs) {
        Map<String, Kind> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return params;
    }
}
