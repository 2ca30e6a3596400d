package dev.kehu.command.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.ApiClient;
import dev.kehu.command.ApiClient.Response;
import dev.kehu.command.CommandTestApplication;
import dev.kehu.events.MetadataKeys;
import dev.kehu.events.customer.credit.CreditReleased;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Opportunity REST API end to end over HTTP, with the Customer aggregate and an in-memory event
 * store: every endpoint, the credit rule, and bad inputs, asserting the bodies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = CommandTestApplication.class,
        properties = "kehu.opportunity.probability.bidding=55")
class OpportunityApiTest {

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private ApiClient api;

    @BeforeEach
    void createClient() {
        api = new ApiClient(port, "sales.director");
    }

    // ------------------------------------------------------------------ opening

    @Nested
    class Opening {

        @Test
        void opensAnOpportunityForARegisteredCustomerAndStoresWhoOpenedIt() {
            String customerId = registerCompany("北京京东世纪贸易有限公司");

            Response response = api.post("/api/opportunities", openBody(customerId,
                    "北京京东世纪贸易有限公司 – 2026年度净水设备采购", "1280000.00", "CNY"));

            assertThat(response.status()).isEqualTo(201);
            String id = response.body().get("id").asString();
            assertThat(response.body().get("version").asLong()).isZero();
            assertThat(response.header("Location")).isEqualTo("/api/opportunities/" + id);
            assertThat(response.header("ETag")).isEqualTo("\"0\"");
            List<DomainEventMessage<?>> events = events(id);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getPayload()).isEqualTo(new OpportunityOpened(id, customerId,
                    "北京京东世纪贸易有限公司 – 2026年度净水设备采购",
                    new dev.kehu.events.Money(new BigDecimal("1280000.00"), "CNY"), LocalDate.of(2026, 12, 15),
                    "展会", "王小明", OpportunityPriority.KEY, Stage.LEAD, 10));
            assertThat(events.get(0).getMetaData().get(MetadataKeys.ACTOR)).isEqualTo("sales.director");
        }

        @Test
        void refusesAnUnknownCustomerNamingTheField() {
            Response response = api.post("/api/opportunities",
                    openBody("no-such-customer", "Acme Trading – water purifiers", "45000", "USD"));

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("rule")).isEqualTo("unknown-customer");
            assertThat(response.text("field")).isEqualTo("customerId");
            assertThat(response.text("detail")).isEqualTo("customer no-such-customer does not exist");
        }

        @Test
        void refusesADroppedCustomer() {
            String customerId = registerCompany("Acme Trading Ltd.");
            assertThat(api.post("/api/customers/" + customerId + "/lifecycle/dropped", "{\"reason\":\"low return\"}").status())
                    .isEqualTo(200);

            Response response = api.post("/api/opportunities",
                    openBody(customerId, "Acme Trading – water purifiers", "45000", "CNY"));

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.text("detail")).isEqualTo("customer " + customerId
                    + " is dropped and takes no new opportunities");
        }

        @Test
        void refusesMissingAndMalformedFieldsWithoutAppendingAnything() {
            String customerId = registerCompany("Acme Trading Ltd.");
            Response missingTitle = api.post("/api/opportunities", """
                    {"customerId":"%s","amount":100,"currency":"CNY","expectedCloseDate":"2026-12-15","ownerId":"bob"}
                    """.formatted(customerId));
            assertThat(missingTitle.status()).isEqualTo(400);
            assertThat(missingTitle.text("field")).isEqualTo("title");

            Response unknownPriority = api.post("/api/opportunities", """
                    {"customerId":"%s","title":"Acme","amount":100,"currency":"CNY",
                     "expectedCloseDate":"2026-12-15","ownerId":"bob","priority":"URGENT"}
                    """.formatted(customerId));
            assertThat(unknownPriority.status()).isEqualTo(400);
            assertThat(unknownPriority.text("field")).isEqualTo("priority");
            assertThat(unknownPriority.text("detail")).contains("unknown value 'URGENT'").contains("KEY, HIGH, NORMAL, LOW");

            Response badDate = api.post("/api/opportunities", """
                    {"customerId":"%s","title":"Acme","amount":100,"currency":"CNY",
                     "expectedCloseDate":"15.12.2026","ownerId":"bob"}
                    """.formatted(customerId));
            assertThat(badDate.status()).isEqualTo(400);
            assertThat(badDate.text("field")).isEqualTo("expectedCloseDate");

            Response negative = api.post("/api/opportunities", """
                    {"customerId":"%s","title":"Acme","amount":-5,"currency":"cny",
                     "expectedCloseDate":"2026-12-15","ownerId":"bob"}
                    """.formatted(customerId));
            assertThat(negative.status()).isEqualTo(400);
            assertThat(negative.body().get("errors").toString()).contains("\"amount\"").contains("\"currency\"");

            Response longTitle = api.post("/api/opportunities", openBody(customerId, "商".repeat(201), "100", "CNY"));
            assertThat(longTitle.status()).isEqualTo(400);
            assertThat(longTitle.text("field")).isEqualTo("title");

            Response invalidJson = api.post("/api/opportunities", "{\"customerId\": ");
            assertThat(invalidJson.status()).isEqualTo(400);
            assertThat(invalidJson.text("field")).isEqualTo("body");

            Response noActor = api.send("POST", "/api/opportunities",
                    openBody(customerId, "Acme", "100", "CNY"), "X-Actor", null);
            assertThat(noActor.status()).isEqualTo(400);
            assertThat(noActor.text("field")).isEqualTo("X-Actor");

            assertThat(eventsOfType(OpportunityOpened.class)).noneMatch(opened -> opened.customerId().equals(customerId));
        }
    }

    // ------------------------------------------------------------------ figures, owner, stages

    @Nested
    class ChangingAnOpenOpportunity {

        @Test
        void changesAmountCloseDatePriorityProbabilityAndOwnerEachAsItsOwnVersion() {
            String id = openFor(registerCompany("北京京东世纪贸易有限公司"), "1280000.00");

            Response amount = api.put("/api/opportunities/" + id + "/amount", "{\"amount\":980000.50,\"currency\":\"CNY\"}");
            assertThat(amount.status()).isEqualTo(200);
            assertThat(amount.body().get("id").asString()).isEqualTo(id);
            assertThat(amount.body().get("version").asLong()).isEqualTo(1);

            assertThat(api.put("/api/opportunities/" + id + "/close-date", "{\"expectedCloseDate\":\"2027-01-31\"}")
                    .body().get("version").asLong()).isEqualTo(2);
            assertThat(api.put("/api/opportunities/" + id + "/priority", "{\"priority\":\"HIGH\"}")
                    .body().get("version").asLong()).isEqualTo(3);
            assertThat(api.put("/api/opportunities/" + id + "/probability", "{\"probability\":35,\"reason\":\"预算已批\"}")
                    .body().get("version").asLong()).isEqualTo(4);
            Response owner = api.put("/api/opportunities/" + id + "/owner", "{\"ownerId\":\"李华\",\"reason\":\"王小明调岗\"}");
            assertThat(owner.body().get("version").asLong()).isEqualTo(5);

            List<DomainEventMessage<?>> events = events(id);
            assertThat(events).extracting(e -> e.getPayloadType().getSimpleName()).containsExactly(
                    "OpportunityOpened", "OpportunityAmountChanged", "OpportunityCloseDateChanged",
                    "OpportunityPriorityChanged", "OpportunityProbabilityOverridden", "OpportunityOwnerReassigned");
            assertThat(events.get(5).getMetaData().get(MetadataKeys.REASON)).isEqualTo("王小明调岗");
        }

        @Test
        void refusesAProbabilityOutsideZeroToHundredAndAnOverrideWithoutReason() {
            String id = openFor(registerCompany("Acme Trading Ltd."), "45000");
            Response tooHigh = api.put("/api/opportunities/" + id + "/probability", "{\"probability\":150,\"reason\":\"sure\"}");
            assertThat(tooHigh.status()).isEqualTo(400);
            assertThat(tooHigh.text("field")).isEqualTo("probability");

            Response noReason = api.put("/api/opportunities/" + id + "/probability", "{\"probability\":50}");
            assertRefused(noReason, 422, "reason-required");
            assertThat(noReason.text("field")).isEqualTo("reason");
            assertThat(noReason.text("detail")).isEqualTo("overriding the probability needs a reason");
        }

        @Test
        void movesForwardPlainlyAndSkipsOnlyWithAReasonGivenInTheBodyOrTheHeader() {
            String id = openFor(registerCompany("Acme Trading Ltd."), "45000");

            Response forward = api.post("/api/opportunities/" + id + "/stage", "{\"stage\":\"QUALIFICATION\"}");
            assertThat(forward.status()).isEqualTo(200);

            Response skipWithoutReason = api.post("/api/opportunities/" + id + "/stage", "{\"stage\":\"BIDDING\"}");
            assertRefused(skipWithoutReason, 422, "stage-change-needs-reason");
            assertThat(skipWithoutReason.text("field")).isEqualTo("reason");
            assertThat(skipWithoutReason.text("from")).isEqualTo("QUALIFICATION");
            assertThat(skipWithoutReason.text("to")).isEqualTo("BIDDING");

            Response skipWithHeaderReason = api.send("POST", "/api/opportunities/" + id + "/stage", "{\"stage\":\"BIDDING\"}",
                    "X-Actor", "王小明", "X-Reason", "客户要求直接招标");
            assertThat(skipWithHeaderReason.status()).isEqualTo(200);

            OpportunityStageChanged skipped = (OpportunityStageChanged) events(id).get(2).getPayload();
            assertThat(skipped).isEqualTo(new OpportunityStageChanged(id, Stage.QUALIFICATION, Stage.BIDDING,
                    55, "客户要求直接招标", true, false));

            Response toWon = api.post("/api/opportunities/" + id + "/stage", "{\"stage\":\"WON\",\"reason\":\"signed\"}");
            assertRefused(toWon, 422, "stage-not-reachable-by-move");

            Response unknownStage = api.post("/api/opportunities/" + id + "/stage", "{\"stage\":\"CLOSING\"}");
            assertThat(unknownStage.status()).isEqualTo(400);
            assertThat(unknownStage.text("field")).isEqualTo("stage");
        }

        @Test
        void answers404ForAnUnknownOpportunity() {
            Response response = api.put("/api/opportunities/no-such-opportunity/amount", "{\"amount\":1,\"currency\":\"CNY\"}");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.text("id")).isEqualTo("no-such-opportunity");
            assertThat(response.text("detail")).isEqualTo("no opportunity with id no-such-opportunity");

            Response win = api.post("/api/opportunities/no-such-opportunity/win", null);
            assertThat(win.status()).isEqualTo(404);
            assertThat(win.text("detail")).isEqualTo("no opportunity with id no-such-opportunity");
        }

        @Test
        void refusesAStaleIfMatchVersionAndAcceptsTheCurrentOne() {
            String id = openFor(registerCompany("Acme Trading Ltd."), "45000");
            assertThat(api.put("/api/opportunities/" + id + "/amount", "{\"amount\":46000,\"currency\":\"CNY\"}").status())
                    .isEqualTo(200);

            Response stale = api.send("PUT", "/api/opportunities/" + id + "/priority", "{\"priority\":\"HIGH\"}",
                    "X-Actor", "bob", "If-Match", "\"0\"");
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.body().get("currentVersion").asLong()).isEqualTo(1);

            Response current = api.send("PUT", "/api/opportunities/" + id + "/priority", "{\"priority\":\"HIGH\"}",
                    "X-Actor", "bob", "If-Match", "\"1\"");
            assertThat(current.status()).isEqualTo(200);
            assertThat(current.header("ETag")).isEqualTo("\"2\"");
            assertThat(events(id)).hasSize(3);
        }

        @Test
        void replaysARepeatedIdempotencyKeyWithoutAppending() {
            String id = openFor(registerCompany("Acme Trading Ltd."), "45000");
            String key = UUID.randomUUID().toString();
            String[] headers = {"X-Actor", "bob", "Idempotency-Key", key};

            Response first = api.send("POST", "/api/opportunities/" + id + "/stage", "{\"stage\":\"QUALIFICATION\"}", headers);
            Response again = api.send("POST", "/api/opportunities/" + id + "/stage", "{\"stage\":\"QUALIFICATION\"}", headers);
            Response otherBody = api.send("POST", "/api/opportunities/" + id + "/stage", "{\"stage\":\"PROPOSAL\"}", headers);

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.raw().body()).isEqualTo(first.raw().body());
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(otherBody.status()).isEqualTo(422);
            assertThat(events(id)).hasSize(2);
        }
    }

    // ------------------------------------------------------------------ bidding

    @Nested
    class Bidding {

        @Test
        void preparesSubmitsAndRecordsTheResultOfABidInOrder() {
            String id = openFor(registerCompany("北京京东世纪贸易有限公司"), "1280000.00");
            moveTo(id, Stage.BIDDING);

            Response early = api.post("/api/opportunities/" + id + "/bid/submission",
                    "{\"amount\":1250000,\"currency\":\"CNY\",\"deadline\":\"2026-10-20\"}");
            assertRefused(early, 422, "bid-not-prepared");

            assertThat(api.post("/api/opportunities/" + id + "/bid/preparation", "{\"checklist\":[]}").status()).isEqualTo(400);
            assertThat(api.post("/api/opportunities/" + id + "/bid/preparation",
                    "{\"checklist\":[\"资质文件\",\"技术方案\",\"报价单\"]}").status()).isEqualTo(200);
            assertThat(api.post("/api/opportunities/" + id + "/bid/submission",
                    "{\"amount\":1250000,\"currency\":\"CNY\",\"deadline\":\"2026-10-20\"}").status()).isEqualTo(200);
            Response result = api.post("/api/opportunities/" + id + "/bid/result", "{\"outcome\":\"SHORTLISTED\",\"notes\":\"入围\"}");
            assertThat(result.status()).isEqualTo(200);

            Response twice = api.post("/api/opportunities/" + id + "/bid/result", "{\"outcome\":\"AWARDED\"}");
            assertRefused(twice, 409, "bid-result-already-recorded");

            assertThat(events(id)).extracting(e -> e.getPayloadType().getSimpleName()).endsWith(
                    "BidPreparationCompleted", "BidSubmitted", "BidResultRecorded");
        }

        @Test
        void refusesBidsOutsideTheBiddingStage() {
            String id = openFor(registerCompany("Acme Trading Ltd."), "45000");
            Response response = api.post("/api/opportunities/" + id + "/bid/preparation", "{\"checklist\":[\"certificates\"]}");
            assertRefused(response, 409, "not-in-bidding-stage");
            assertThat(response.text("stage")).isEqualTo("LEAD");
        }
    }

    // ------------------------------------------------------------------ winning, losing, reopening

    @Nested
    class TheCreditRule {

        @Test
        void winsWithinTheCreditLimitAndRefusesTheNextDealThatDoesNotFitNamingTheRule() {
            String customerId = registerCompany("北京京东世纪贸易有限公司");
            setCreditLimit(customerId, "2000000.00");
            String first = dealIn(customerId, "1280000.00", Stage.NEGOTIATION);
            String second = dealIn(customerId, "900000.00", Stage.NEGOTIATION);

            Response won = api.post("/api/opportunities/" + first + "/win", null);
            assertThat(won.status()).isEqualTo(200);
            assertThat(won.body().get("id").asString()).isEqualTo(first);
            assertThat(lastPayload(first)).isEqualTo(new OpportunityWon(first, customerId, Stage.NEGOTIATION,
                    new dev.kehu.events.Money(new BigDecimal("1280000.00"), "CNY")));
            assertThat(lastPayload(customerId)).isEqualTo(new CreditReserved(customerId, first,
                    new dev.kehu.events.Money(new BigDecimal("1280000.00"), "CNY")));

            Response refused = api.post("/api/opportunities/" + second + "/win", null);
            assertRefused(refused, 422, "credit-limit");
            assertThat(refused.body().get("limit").decimalValue()).isEqualByComparingTo("2000000");
            assertThat(refused.body().get("exposure").decimalValue()).isEqualByComparingTo("1280000");
            assertThat(refused.body().get("requested").decimalValue()).isEqualByComparingTo("900000");
            assertThat(lastPayload(second)).isInstanceOf(OpportunityStageChanged.class);
        }

        @Test
        void aWinAndItsCreditReservationCarryTheSameActorAndCorrelationAndAReplayedWinAppendsNothing() {
            String customerId = acmeWithCredit();
            String id = dealIn(customerId, "45000", Stage.BIDDING);
            String[] headers = {"X-Actor", "alice.smith", "X-Correlation-Id", "win-acme-1",
                    "Idempotency-Key", "win-" + id};

            Response won = api.send("POST", "/api/opportunities/" + id + "/win", null, headers);
            Response replayed = api.send("POST", "/api/opportunities/" + id + "/win", null, headers);

            assertThat(won.status()).isEqualTo(200);
            assertThat(replayed.status()).isEqualTo(200);
            assertThat(replayed.raw().body()).isEqualTo(won.raw().body());
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
            List<DomainEventMessage<?>> reservations = events(customerId).stream()
                    .filter(e -> e.getPayload() instanceof CreditReserved).toList();
            List<DomainEventMessage<?>> wins = events(id).stream()
                    .filter(e -> e.getPayload() instanceof OpportunityWon).toList();
            assertThat(reservations).hasSize(1);
            assertThat(wins).hasSize(1);
            for (DomainEventMessage<?> event : List.of(reservations.get(0), wins.get(0))) {
                assertThat(event.getMetaData().get(MetadataKeys.ACTOR)).isEqualTo("alice.smith");
                assertThat(event.getMetaData().get(MetadataKeys.CORRELATION_ID)).isEqualTo("win-acme-1");
            }
            assertThat(reservations.get(0).getMetaData().get(MetadataKeys.CAUSATION_ID))
                    .isEqualTo(wins.get(0).getMetaData().get(MetadataKeys.CAUSATION_ID));
        }

        @Test
        void refusesAWinWhileTheCustomerIsOnCreditHold() {
            String customerId = acmeWithCredit();
            String id = dealIn(customerId, "45000", Stage.BIDDING);
            assertThat(api.post("/api/customers/" + customerId + "/credit-hold", "{\"reason\":\"逾期未付款\"}").status())
                    .isEqualTo(200);

            Response refused = api.post("/api/opportunities/" + id + "/win", null);

            assertRefused(refused, 422, "credit-hold");
            assertThat(refused.text("detail")).isEqualTo("customer " + customerId + " is on credit hold");
            assertThat(lastPayload(id)).isInstanceOf(OpportunityStageChanged.class);
        }

        @Test
        void refusesAWinBeforeBiddingOrNegotiation() {
            String customerId = acmeWithCredit();
            String id = dealIn(customerId, "45000", Stage.PROPOSAL);

            Response refused = api.post("/api/opportunities/" + id + "/win", null);

            assertRefused(refused, 422, "opportunity-not-winnable");
            assertThat(refused.text("stage")).isEqualTo("PROPOSAL");
            assertThat(events(customerId)).noneMatch(e -> e.getPayload() instanceof CreditReserved);
        }

        @Test
        void aClosedDealChangesOnlyByReopeningAndAReopenedWonDealReleasesItsCredit() {
            String customerId = registerCompany("北京京东世纪贸易有限公司");
            setCreditLimit(customerId, "1500000");
            String first = dealIn(customerId, "1280000.00", Stage.NEGOTIATION);
            String second = dealIn(customerId, "900000.00", Stage.NEGOTIATION);
            assertThat(api.post("/api/opportunities/" + first + "/win", null).status()).isEqualTo(200);

            Response closed = api.put("/api/opportunities/" + first + "/amount", "{\"amount\":1,\"currency\":\"CNY\"}");
            assertRefused(closed, 409, "opportunity-already-closed");
            assertThat(closed.text("stage")).isEqualTo("WON");

            Response noReason = api.post("/api/opportunities/" + first + "/reopen", "{}");
            assertRefused(noReason, 422, "reason-required");

            Response reopened = api.post("/api/opportunities/" + first + "/reopen", "{\"reason\":\"客户撤回订单\"}");
            assertThat(reopened.status()).isEqualTo(200);
            assertThat(lastPayload(first)).isEqualTo(new OpportunityReopened(first, Stage.WON, Stage.NEGOTIATION,
                    80, true, "客户撤回订单"));
            assertThat(lastPayload(customerId)).isInstanceOfSatisfying(CreditReleased.class,
                    released -> assertThat(released.opportunityId()).isEqualTo(first));

            assertThat(api.post("/api/opportunities/" + second + "/win", null).status()).isEqualTo(200);
        }

        @Test
        void losesWithReasonAndCompetitorAndRefusesALossWithoutReason() {
            String id = openFor(registerCompany("Acme Trading Ltd."), "45000");

            Response noReason = api.post("/api/opportunities/" + id + "/lose", "{\"competitor\":\"Globex\"}");
            assertRefused(noReason, 422, "reason-required");

            Response lost = api.post("/api/opportunities/" + id + "/lose", "{\"reason\":\"价格高\",\"competitor\":\"美的集团\"}");
            assertThat(lost.status()).isEqualTo(200);
            assertThat(lastPayload(id)).isEqualTo(new dev.kehu.events.opportunity.OpportunityLost(
                    id, Stage.LEAD, "价格高", "美的集团"));

            Response again = api.post("/api/opportunities/" + id + "/win", null);
            assertRefused(again, 409, "opportunity-already-closed");

            Response reopenOpen = api.post("/api/opportunities/" + id + "/reopen", "{\"reason\":\"x\",\"stage\":\"WON\"}");
            assertRefused(reopenOpen, 422, "stage-not-reachable-by-move");
        }
    }

    // ------------------------------------------------------------------ helpers

    private String registerCompany(String name) {
        String creditCode = "9111" + String.format("%014d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000_000L));
        boolean chinese = name.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        String body = "{\"kind\":\"COMPANY\",\"" + (chinese ? "chineseName" : "latinName") + "\":\"" + name
                + "\",\"creditCode\":\"" + creditCode + "\"}";
        Response response = api.post("/api/customers", body);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return response.body().get("id").asString();
    }

    private void setCreditLimit(String customerId, String amount) {
        Response response = api.put("/api/customers/" + customerId + "/credit-limit",
                "{\"amount\":" + amount + ",\"currency\":\"CNY\"}");
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    }

    private String openFor(String customerId, String amount) {
        Response response = api.post("/api/opportunities", openBody(customerId, "北京京东世纪贸易有限公司 – 2026年度净水设备采购",
                amount, "CNY"));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return response.body().get("id").asString();
    }

    /** Acme Trading, a customer with a credit limit of 100 000 CNY. */
    private String acmeWithCredit() {
        String customerId = registerCompany("Acme Trading Ltd.");
        setCreditLimit(customerId, "100000");
        return customerId;
    }

    /** An opportunity of the amount (CNY) for the customer, moved to the stage. */
    private String dealIn(String customerId, String amount, Stage stage) {
        String id = openFor(customerId, amount);
        moveTo(id, stage);
        return id;
    }

    private void moveTo(String id, Stage stage) {
        Response response = api.post("/api/opportunities/" + id + "/stage",
                "{\"stage\":\"" + stage + "\",\"reason\":\"test set-up\"}");
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    }

    /** A refusal: its status and the rule its problem names. */
    private static void assertRefused(Response response, int status, String rule) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.text("rule")).isEqualTo(rule);
    }

    private static String openBody(String customerId, String title, String amount, String currency) {
        return """
                {"customerId":"%s","title":"%s","amount":%s,"currency":"%s","expectedCloseDate":"2026-12-15",
                 "source":"展会","ownerId":"王小明","priority":"KEY"}
                """.formatted(customerId, title, amount, currency);
    }

    private List<DomainEventMessage<?>> events(String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(aggregateId).forEachRemaining(events::add);
        return events;
    }

    private Object lastPayload(String aggregateId) {
        List<DomainEventMessage<?>> events = events(aggregateId);
        return events.get(events.size() - 1).getPayload();
    }

    private <T> List<T> eventsOfType(Class<T> type) {
        List<T> found = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                Object payload = stream.nextAvailable().getPayload();
                if (type.isInstance(payload)) {
                    found.add(type.cast(payload));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return found;
    }
}
