package dev.kehu.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.Money;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import org.bson.Document;
import dev.kehu.query.history.HistoryOracle;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query REST API over a generated history, answers checked against {@link HistoryOracle}
 * (the history folded without MongoDB).
 */
@TestPropertySource(properties = {"kehu.query.min-position-wait=400ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadSideRestTest extends ReadSideWebTest {

    static final LocalDate TODAY = ReadSideTestApplication.TODAY;

    SeededHistory history;
    HistoryOracle oracle;

    @BeforeAll
    void publishHistory() throws Exception {
        history = SeededHistory.generate(11, 4_000, TODAY);
        oracle = HistoryOracle.of(history.events());
        history.events().forEach(event -> eventStore.publish(event));
        long head = eventStore.createHeadToken().position().orElseThrow();
        awaitApplied(ProjectionGroups.ALL, head);
    }

    @Test
    void customer360ShowsProfileManagerContactsAndLifecycle() throws Exception {
        for (String customerId : history.customerIds().subList(0, 25)) {
            HistoryOracle.Customer expected = oracle.customers.get(customerId);
            Response response = get("/api/customers/" + customerId + "/360");
            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.body();
            assertThat(body.get("customerId").asText()).isEqualTo(customerId);
            assertThat(body.get("name").asText()).isEqualTo(expected.name);
            assertThat(body.get("region").asText()).isEqualTo(expected.region);
            assertThat(body.get("accountManager").asText()).isEqualTo(expected.manager);
            assertThat(body.get("lifecycle").asText()).isEqualTo(expected.lifecycle);
            assertThat(body.get("contacts")).hasSize(expected.contacts);
            Set<String> openFollowUps = oracle.followUps.entrySet().stream()
                    .filter(f -> f.getValue().customerId().equals(customerId) && f.getValue().open())
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            Set<String> shown = new HashSet<>();
            body.get("openFollowUps").forEach(f -> shown.add(f.get("followUpId").asText()));
            assertThat(shown).isEqualTo(openFollowUps);
            Set<String> openOpportunities = oracle.opportunities.entrySet().stream()
                    .filter(o -> o.getValue().customerId.equals(customerId) && o.getValue().status.equals("OPEN"))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            Set<String> shownOpportunities = new HashSet<>();
            body.get("openOpportunities").forEach(o -> shownOpportunities.add(o.get("opportunityId").asText()));
            assertThat(shownOpportunities).isEqualTo(openOpportunities);
            assertThat(response.headers().get("kehu-view-stale")).containsExactly("false");
        }
    }

    @Test
    void unknownCustomerIsAProblemWith404() throws Exception {
        Response response = get("/api/customers/no-such-customer/360");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("id").asText()).isEqualTo("no-such-customer");
        assertThat(response.body().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void badQueryParametersAreProblemsNamingTheParameter() throws Exception {
        for (Map.Entry<String, String> bad : Map.of(
                "/api/customers?tier=PLATINUM", "tier",
                "/api/customers?sort=height", "sort",
                "/api/customers?limit=0", "limit",
                "/api/customers?limit=many", "limit",
                "/api/customers?cursor=not-a-cursor", "cursor",
                "/api/pipeline?from=2026-13-01", "from",
                "/api/risk/churn?noPurchaseDays=0", "noPurchaseDays",
                "/api/worklists/zhang.wei/everything", "section",
                "/api/customers/x/360?minPosition=-1", "minPosition",
                "/api/pipeline?from=0001-01-01", "from").entrySet()) {
            Response response = get(bad.getKey());
            assertThat(response.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(response.contentType()).as(bad.getKey()).startsWith("application/problem+json");
            assertThat(response.body().get("parameter").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
            assertThat(response.body().get("reason").asText()).as(bad.getKey()).isNotBlank();
            assertThat(response.body().get("code").asText()).as(bad.getKey()).isEqualTo("invalid-query-parameter");
        }
        assertThat(get("/api/service?to=%2B999999999-12-31").body().get("parameter").asText()).isEqualTo("to");
        assertThat(get("/api/worklists/zhang.wei?upcomingDays=0").body().get("parameter").asText()).isEqualTo("upcomingDays");
        assertThat(get("/api/worklists/zhang.wei/upcoming-follow-ups?upcomingDays=366").body().get("parameter").asText())
                .isEqualTo("upcomingDays");
        assertThat(get("/api/pipeline?from=1899-12-31").body().get("reason").asText())
                .isEqualTo("must be between 1900-01-01 and 2199-12-31, got 1899-12-31");
    }

    @Test
    void customerListFiltersSortsAndPagesWithAStableCursor() throws Exception {
        String region = "上海办事处";
        Set<String> expected = oracle.customers.values().stream().filter(c -> c.region.equals(region)).map(c -> c.id).collect(Collectors.toSet());
        List<String> seen = new ArrayList<>();
        List<BigDecimal> spends = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get("/api/customers?region=" + enc(region) + "&sort=-spend12m&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode item : page.body().get("items")) {
                assertThat(item.get("region").asText()).isEqualTo(region);
                seen.add(item.get("customerId").asText());
                spends.add(item.get("twelveMonthSpend").get("amount").decimalValue());
            }
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
        for (int i = 1; i < spends.size(); i++) {
            assertThat(spends.get(i)).isLessThanOrEqualTo(spends.get(i - 1));
        }

        String manager = "li.na";
        Response byManager = get("/api/customers?manager=" + manager + "&lifecycle=active&sort=name&limit=500");
        long expectedCount = oracle.customers.values().stream()
                .filter(c -> manager.equals(c.manager) && c.lifecycle.equals("ACTIVE")).count();
        assertThat(byManager.body().get("items")).hasSize((int) expectedCount);
        List<String> names = new ArrayList<>();
        byManager.body().get("items").forEach(i -> names.add(i.get("name").asText()));
        assertThat(names).isSorted();
    }

    @Test
    void worklistShowsFollowUpsDueTodayAndOverdueForTheManagersCustomers() throws Exception {
        for (String manager : SeededHistory.MANAGERS.subList(0, 4)) {
            Set<String> mine = oracle.customers.values().stream().filter(c -> manager.equals(c.manager)).map(c -> c.id).collect(Collectors.toSet());
            long dueToday = oracle.followUps.values().stream().filter(f -> f.open() && mine.contains(f.customerId()) && f.dueOn().equals(TODAY)).count();
            long overdue = oracle.followUps.values().stream().filter(f -> f.open() && mine.contains(f.customerId()) && f.dueOn().isBefore(TODAY)).count();
            long upcoming = oracle.followUps.values().stream().filter(f -> f.open() && mine.contains(f.customerId())
                    && f.dueOn().isAfter(TODAY) && !f.dueOn().isAfter(TODAY.plusDays(7))).count();
            long pastClose = oracle.opportunities.values().stream().filter(o -> o.status.equals("OPEN") && manager.equals(o.ownerId)).count();
            Response response = get("/api/worklists/" + manager + "?notContactedDays=60");
            assertThat(response.status()).isEqualTo(200);
            JsonNode counts = response.body().get("counts");
            assertThat(counts.get("follow-ups-due-today").asLong()).as(manager).isEqualTo(dueToday);
            assertThat(counts.get("overdue-follow-ups").asLong()).as(manager).isEqualTo(overdue);
            assertThat(counts.get("upcoming-follow-ups").asLong()).as(manager).isEqualTo(upcoming);
            response.body().get("upcoming-follow-ups").get("items").forEach(item ->
                    assertThat(item.get("daysUntilDue").asLong()).isBetween(1L, 7L));
            assertThat(counts.get("overdue-opportunities").asLong()).as(manager).isLessThanOrEqualTo(pastClose);
            response.body().get("overdue-follow-ups").get("items").forEach(item ->
                    assertThat(LocalDate.parse(item.get("dueOn").asText())).isBefore(TODAY));
            response.body().get("not-contacted").get("items").forEach(item ->
                    assertThat(item.get("daysSinceContact").asLong()).isGreaterThanOrEqualTo(60));
        }
    }

    @Test
    void pipelineReportCountsOpenDealsByStageAndClosedDealsForTheWinRate() throws Exception {
        Response response = get("/api/pipeline?from=2023-01-01&to=" + TODAY);
        assertThat(response.status()).isEqualTo(200);
        Map<String, Long> expectedByStage = oracle.opportunities.values().stream().filter(o -> o.status.equals("OPEN"))
                .collect(Collectors.groupingBy(o -> o.stage, Collectors.counting()));
        for (JsonNode stage : response.body().get("open").get("byStage")) {
            assertThat(stage.get("count").asLong()).as(stage.get("stage").asText())
                    .isEqualTo(expectedByStage.getOrDefault(stage.get("stage").asText(), 0L));
            assertThat(stage.get("weightedAmount").decimalValue()).isLessThanOrEqualTo(stage.get("amount").decimalValue());
        }
        long won = oracle.opportunities.values().stream().filter(o -> o.status.equals("WON")).count();
        long lost = oracle.opportunities.values().stream().filter(o -> o.status.equals("LOST")).count();
        assertThat(response.body().get("winRate").get("won").asLong()).isEqualTo(won);
        assertThat(response.body().get("winRate").get("lost").asLong()).isEqualTo(lost);
        assertThat(response.body().get("funnel")).hasSize(5);
        assertThat(response.body().get("funnel").get(0).get("reachedFrom").asLong()).isEqualTo(oracle.opportunities.size());
        assertThat(response.body().get("slipped").size()).isPositive();
        assertThat(response.body().get("shrunk").size()).isPositive();
        assertThat(response.body().get("averageSalesCycleDays").decimalValue()).isPositive();
    }

    @Test
    void keyAccountsAreTheFewestCustomersMakingUpEightyPercentOfRevenue() throws Exception {
        Response response = get("/api/value/key-accounts?limit=500");
        JsonNode items = response.body().get("items");
        int count = response.body().get("keyAccountCount").asInt();
        assertThat(count).isPositive().isLessThan(response.body().get("customersWithRevenue").asInt());
        assertThat(items).hasSize(Math.min(count, 500));
        JsonNode last = items.get(items.size() - 1);
        assertThat(last.get("cumulativeShare").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("0.8"));
        if (items.size() > 1) {
            assertThat(items.get(items.size() - 2).get("cumulativeShare").decimalValue()).isLessThan(new BigDecimal("0.8"));
        }
    }

    @Test
    void rfmScoresAreQuintilesOverActiveCustomers() throws Exception {
        Response response = get("/api/value/rfm?limit=500");
        int population = response.body().get("population").asInt();
        long active = oracle.customers.values().stream().filter(c -> Set.of("ACTIVE", "REACTIVATED").contains(c.lifecycle)).count();
        assertThat(population).isPositive().isLessThanOrEqualTo((int) active);
        long segmented = 0;
        for (JsonNode segment : response.body().get("segments")) {
            segmented += segment.get("count").asLong();
        }
        assertThat(segmented).isEqualTo(population);
        int[] monetaryScores = new int[6];
        for (JsonNode item : response.body().get("items")) {
            for (String score : List.of("r", "f", "m")) {
                assertThat(item.get(score).asInt()).isBetween(1, 5);
            }
            monetaryScores[item.get("m").asInt()]++;
        }
        if (population <= 500) {
            for (int score = 1; score <= 5; score++) {
                assertThat(monetaryScores[score]).as("customers with M=%d", score).isBetween(population / 5 - 2, population / 5 + 2);
            }
        }
    }

    @Test
    void overdueInvoicesMatchTheUnpaidInvoicesPastTheirDueDate() throws Exception {
        long expected = oracle.invoices.values().stream()
                .filter(i -> i.outstanding.signum() > 0 && i.dueOn.isBefore(TODAY)).count();
        Response response = get("/api/risk/overdue-invoices?limit=500");
        assertThat(response.body().get("total").asLong()).isEqualTo(expected);
        response.body().get("items").forEach(item -> assertThat(item.get("daysOverdue").asLong()).isPositive());
        assertThat(response.body().get("items").size()).as("one page holds them all").isEqualTo((int) expected);
        BigDecimal listed = BigDecimal.ZERO;
        for (JsonNode item : response.body().get("items")) {
            if (item.get("currency").asText().equals(response.body().get("currency").asText())) {
                listed = listed.add(item.get("outstanding").decimalValue());
            }
        }
        assertThat(response.body().get("totalOutstanding").decimalValue()).as("the outstanding of the listed invoices")
                .isEqualByComparingTo(listed).isPositive();
        Response exposure = get("/api/risk/credit-exposure?overLimitOnly=true");
        exposure.body().get("items").forEach(item -> {
            assertThat(item.get("overLimit").asBoolean()).isTrue();
            assertThat(item.get("exposure").decimalValue()).isGreaterThan(item.get("creditLimit").decimalValue());
        });
        Response churn = get("/api/risk/churn?noPurchaseDays=120&limit=500");
        churn.body().get("items").forEach(item -> assertThat(item.get("reasons").size()).isPositive());
    }

    /**
     * Issue 17: each figure has one definition (docs/read-side.md) and every view showing it answers the same, as the
     * definitions computed straight from the events ({@link FiguresOracle}) say: twelve-month spend in the 360 view and
     * the customer list; credit exposure, over limit, open deals and overdue invoices in the 360 and risk views.
     */
    @Test
    void everyFigureAgreesAcrossTheViewsThatShowIt() throws Exception {
        FiguresOracle figures = FiguresOracle.of(history.events(), TODAY);
        Map<String, JsonNode> listed = all("/api/customers?limit=500", "customerId");
        Map<String, JsonNode> exposures = all("/api/risk/credit-exposure?limit=500", "customerId");
        Map<String, BigDecimal> overdueByCustomer = new java.util.HashMap<>();
        all("/api/risk/overdue-invoices?limit=500", "invoiceNumber").values().forEach(i ->
                overdueByCustomer.merge(i.get("customerId").asText(), i.get("outstanding").decimalValue(), BigDecimal::add));
        int overLimit = 0;
        int withSpend = 0;
        Set<String> changedByOtherTests = Set.of(history.customerIds().get(0), history.customerIds().get(1));
        for (Map.Entry<String, FiguresOracle.Credit> customer : figures.customers.entrySet()) {
            String id = customer.getKey();
            if (changedByOtherTests.contains(id)) {
                continue;
            }
            FiguresOracle.Credit expected = customer.getValue();
            JsonNode c360 = get("/api/customers/" + id + "/360").body();
            assertThat(c360.get("twelveMonthSpend").get("amount").decimalValue()).as("360 spend %s", id)
                    .isEqualByComparingTo(expected.twelveMonthSpend);
            assertThat(listed.get(id).get("twelveMonthSpend").get("amount").decimalValue()).as("list spend %s", id)
                    .isEqualByComparingTo(expected.twelveMonthSpend);
            JsonNode exposure = c360.get("credit").get("exposure");
            assertThat(exposure.get("exposure").decimalValue()).as("exposure %s", id).isEqualByComparingTo(expected.exposure());
            assertThat(exposure.get("reserved").decimalValue()).as("reserved %s", id).isEqualByComparingTo(expected.reserved());
            assertThat(exposure.get("overLimit").asBoolean()).as("over limit %s", id).isEqualTo(expected.overLimit());
            assertThat(exposure.get("openDeals").decimalValue()).as("open deals %s", id).isEqualByComparingTo(figures.openDeals(id));
            assertThat(exposure.get("overdueInvoices").decimalValue()).as("overdue %s", id)
                    .isEqualByComparingTo(expected.overdue(TODAY))
                    .isEqualByComparingTo(overdueByCustomer.getOrDefault(id, BigDecimal.ZERO));
            JsonNode risk = exposures.get(id);
            if (risk == null) {
                assertThat(expected.limit == null && expected.exposure().signum() == 0 && figures.openDeals(id).signum() == 0)
                        .as("only a customer without a limit, exposure or open deals is left out of the exposure view: %s", id).isTrue();
                continue;
            }
            for (String field : List.of("exposure", "reserved", "unpaidInvoices", "overdueInvoices", "openDeals", "available", "creditLimit")) {
                assertThat(risk.get(field).decimalValue()).as("%s of %s in the risk view", field, id)
                        .isEqualByComparingTo(exposure.get(field).decimalValue());
            }
            for (String field : List.of("overLimit", "limitSet", "canReserveCredit", "currency")) {
                assertThat(risk.get(field)).as("%s of %s in the risk view", field, id).isEqualTo(exposure.get(field));
            }
            overLimit += expected.overLimit() ? 1 : 0;
            withSpend += expected.twelveMonthSpend.signum() > 0 ? 1 : 0;
        }
        assertThat(withSpend).as("the history has spend in the window").isPositive();
        assertThat(exposures).as("the history has credit").isNotEmpty();
        assertThat(overLimit).as("not every customer is over its limit").isLessThan(exposures.size());
    }

    @Test
    void opportunityListFiltersSortsAndPagesByKey() throws Exception {
        String owner = oracle.opportunities.values().iterator().next().ownerId;
        Set<String> expected = oracle.opportunities.entrySet().stream()
                .filter(o -> owner.equals(o.getValue().ownerId) && o.getValue().status.equals("OPEN"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        List<String> seen = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get("/api/opportunities?owner=" + enc(owner) + "&status=open&sort=-amount&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode item : page.body().get("items")) {
                seen.add(item.get("opportunityId").asText());
                amounts.add(item.get("amount").get("amount").decimalValue());
                assertThat(item.get("weightedAmount").get("amount").decimalValue()).isEqualByComparingTo(
                        item.get("amount").get("amount").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP)
                                .multiply(BigDecimal.valueOf(item.get("probability").asInt()))
                                .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.HALF_UP));
            }
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expected).isNotEmpty();
        for (int i = 1; i < amounts.size(); i++) {
            assertThat(amounts.get(i)).isLessThanOrEqualTo(amounts.get(i - 1));
        }

        Map<String, JsonNode> byClose = all("/api/opportunities?sort=expectedClose&limit=41", "opportunityId");
        assertThat(byClose.keySet()).isEqualTo(oracle.opportunities.keySet());
        List<String> closeDates = byClose.values().stream().map(o -> o.get("expectedCloseDate").isNull() ? "9999" : o.get("expectedCloseDate").asText()).toList();
        assertThat(closeDates).isSorted();
        String someMonth = closeDates.get(closeDates.size() / 2).substring(0, 7);
        Set<String> inMonth = byClose.entrySet().stream().filter(e -> !e.getValue().get("expectedCloseDate").isNull()
                && e.getValue().get("expectedCloseDate").asText().startsWith(someMonth)).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(all("/api/opportunities?closeMonth=" + someMonth + "&limit=5", "opportunityId").keySet()).isEqualTo(inMonth).isNotEmpty();
        String customerId = oracle.opportunities.values().iterator().next().customerId;
        assertThat(all("/api/opportunities?customer=" + enc(customerId) + "&sort=lastChange", "opportunityId").keySet())
                .isEqualTo(oracle.opportunities.entrySet().stream().filter(o -> o.getValue().customerId.equals(customerId))
                        .map(Map.Entry::getKey).collect(Collectors.toSet()));
        for (Map.Entry<String, String> bad : Map.of("/api/opportunities?closeMonth=2026-13", "closeMonth",
                "/api/opportunities?sort=height", "sort", "/api/opportunities?status=MAYBE", "status",
                "/api/opportunities?stage=MARTIAN", "stage", "/api/opportunities?cursor=xyz", "cursor",
                "/api/opportunities?limit=501", "limit", "/api/opportunities?closeMonth=1899-12", "closeMonth").entrySet()) {
            Response response = get(bad.getKey());
            assertThat(response.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(response.contentType()).as(bad.getKey()).startsWith("application/problem+json");
            assertThat(response.body().get("parameter").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
        }
    }

    @Test
    void opportunityDetailShowsCustomerWeightedAmountTimeInStageAndEveryChange() throws Exception {
        Map<String, Long> amountChanges = new java.util.HashMap<>();
        Map<String, Long> closeDateChanges = new java.util.HashMap<>();
        history.events().forEach(e -> {
            if (e.getPayload() instanceof dev.kehu.events.opportunity.OpportunityAmountChanged c) {
                amountChanges.merge(c.opportunityId(), 1L, Long::sum);
            } else if (e.getPayload() instanceof dev.kehu.events.opportunity.OpportunityCloseDateChanged c) {
                closeDateChanges.merge(c.opportunityId(), 1L, Long::sum);
            }
        });
        int checked = 0;
        for (Map.Entry<String, HistoryOracle.Opportunity> entry : oracle.opportunities.entrySet()) {
            if (checked++ == 40) {
                break;
            }
            JsonNode body = get("/api/opportunities/" + entry.getKey()).body();
            HistoryOracle.Opportunity expected = entry.getValue();
            assertThat(body.get("customer").get("customerId").asText()).isEqualTo(expected.customerId);
            assertThat(body.get("customer").get("name").asText()).isEqualTo(oracle.customers.get(expected.customerId).name);
            assertThat(body.get("customer").get("region").asText()).isEqualTo(oracle.customers.get(expected.customerId).region);
            assertThat(body.get("status").asText()).isEqualTo(expected.status);
            assertThat(body.get("weightedAmount").get("amount").decimalValue()).isEqualByComparingTo(
                    body.get("amount").get("amount").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP)
                            .multiply(BigDecimal.valueOf(body.get("probability").asInt()))
                            .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.HALF_UP));
            assertThat(body.get("amountChanges").size()).as(entry.getKey())
                    .isGreaterThanOrEqualTo(amountChanges.getOrDefault(entry.getKey(), 0L).intValue());
            assertThat(body.get("closeDateChanges").size()).as(entry.getKey())
                    .isEqualTo(closeDateChanges.getOrDefault(entry.getKey(), 0L).intValue());
            JsonNode steps = body.get("stageHistory");
            for (int i = 0; i < steps.size() - 1; i++) {
                assertThat(steps.get(i).get("daysInStage").decimalValue()).as("%s step %d", entry.getKey(), i).isNotNegative();
                assertThat(steps.get(i).get("leftAt").asText()).isEqualTo(steps.get(i + 1).get("at").asText());
            }
            assertThat(steps.get(steps.size() - 1).get("daysInStage").isNull()).as("a closed deal's last step has no time")
                    .isEqualTo(!expected.status.equals("OPEN"));
        }
    }

    /** Every item of a cursor-paged list, by {@code key}. */
    private Map<String, JsonNode> all(String path, String key) throws Exception {
        Map<String, JsonNode> items = new java.util.LinkedHashMap<>();
        String cursor = null;
        do {
            Response page = get(path + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(path).isEqualTo(200);
            page.body().get("items").forEach(item -> items.put(item.get(key).asText(), item));
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
        } while (cursor != null);
        return items;
    }

    @Test
    void anInvoiceWithoutADueDateIsNotOverdueUntilTheErpReportsIt() throws Exception {
        String customerId = history.customerIds().get(1);
        long sequence = history.events().stream().filter(e -> e.getAggregateIdentifier().equals(customerId)).count();
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customerId, sequence,
                new InvoiceRecorded(customerId, "INV-NO-DUE-DATE", Money.of("8800.00", "CNY"), TODAY.minusDays(400), null,
                        null, null), Map.of("actor", "erp", "correlationId", "c-2", "causationId", "c-2")));
        long position = eventStore.createHeadToken().position().orElseThrow();
        Response response = get("/api/risk/overdue-invoices?limit=500&minPosition=" + position);
        assertThat(response.status()).as(response.body() == null ? "" : response.body().toString()).isEqualTo(200);
        List<String> invoices = new ArrayList<>();
        response.body().get("items").forEach(item -> invoices.add(item.get("invoiceNumber").asText()));
        assertThat(invoices).isNotEmpty().doesNotContain("INV-NO-DUE-DATE");

        Document recordedWithoutDueDate = new Document("invoiceNumber", "INV-1").append("dueOn", null);
        assertThat(dev.kehu.query.risk.RiskTestAccess.overdueFrom(recordedWithoutDueDate)).isNull();
        assertThat(dev.kehu.query.risk.RiskTestAccess.overdueFrom(recordedWithoutDueDate.append("overdueSince", "2026-10-01")))
                .isEqualTo(LocalDate.parse("2026-10-01"));
    }

    @Test
    void serviceReportCountsComplaintsAndAveragesSatisfaction() throws Exception {
        Response response = get("/api/service?from=2023-01-01&to=" + TODAY);
        long open = oracle.complaintsResolved.values().stream().filter(r -> !r).count();
        assertThat(response.body().get("complaints").get("logged").asLong()).isEqualTo(oracle.complaintsResolved.size());
        assertThat(response.body().get("complaints").get("open").asLong()).isEqualTo(open);
        BigDecimal overall = response.body().get("satisfaction").get("overall").get("averageScore").decimalValue();
        assertThat(overall).isBetween(BigDecimal.ONE, new BigDecimal("5"));
        assertThat(response.body().get("satisfaction").get("byRegion").size()).isPositive();
        assertThat(response.body().get("satisfaction").get("byManager").size()).isPositive();
    }

    @Test
    void minPositionWaitsForTheProjectionAndAnswersStaleAfterTheBound() throws Exception {
        long head = eventStore.createHeadToken().position().orElseThrow();
        String customerId = history.customerIds().get(0);

        long started = System.nanoTime();
        Response stale = get("/api/customers/" + customerId + "/360?minPosition=" + (head + 1_000));
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(stale.status()).isEqualTo(200);
        assertThat(waitedMs).isGreaterThanOrEqualTo(390);
        assertThat(stale.headers().get("kehu-view-stale")).containsExactly("true");

        long sequence = history.events().stream().filter(e -> e.getAggregateIdentifier().equals(customerId)).count();
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customerId, sequence,
                new InteractionRecorded(customerId, "int-fresh", InteractionChannel.CALL, null, TODAY, "刚刚通话 just called", null),
                Map.of("actor", "zhang.wei", "correlationId", "c-1", "causationId", "c-1")));
        long position = eventStore.createHeadToken().position().orElseThrow();
        Response fresh = get("/api/customers/" + customerId + "/360?minPosition=" + position);
        assertThat(fresh.headers().get("kehu-view-stale")).containsExactly("false");
        assertThat(Long.parseLong(fresh.headers().get("kehu-view-position").get(0))).isGreaterThanOrEqualTo(position);
        assertThat(fresh.body().get("lastInteractions").get(0).get("interactionId").asText()).isEqualTo("int-fresh");
        assertThat(fresh.body().get("appliedPosition").asLong()).isEqualTo(position);
    }

    @Test
    void projectionStatusShowsEveryGroupCaughtUp() throws Exception {
        Response response = get("/api/projections");
        for (String group : ProjectionGroups.ALL) {
            assertThat(response.body().get(group).get("lag").asLong()).as(group).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------
}
