package dev.kehu.bench.drills;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bad input: at least {@value #REQUESTS} malformed requests from a {@link BadRequestSource} (by default the seeded
 * {@link SeededBadRequests}) across the command and query endpoints, sent one after the other over raw sockets.
 * <ul>
 *   <li>{@code bad_input_5xx}: answers with a 5xx status;</li>
 *   <li>{@code bad_input_not_problem_json}: requests not answered with {@code application/problem+json}: every
 *       answer that is not 2xx without that content type, and every request that got no answer at all;</li>
 *   <li>{@code bad_input_writes}: how far the log's head moved while they were sent (each request is followed by
 *       a look at the head, so the report names the requests that wrote).</li>
 * </ul>
 * 2xx answers to requests that must be refused are counted apart ({@code bad_input_accepted}).
 */
public final class BadInputDrill implements Drill {

    static final int REQUESTS = 2_400;
    static final Duration BOUND = Duration.ofSeconds(300);
    private static final int EXAMPLES = 12;

    private final BadRequestSource source;

    public BadInputDrill(BadRequestSource source) {
        this.source = source;
    }

    @Override
    public String name() {
        return "bad-input";
    }

    @Override
    public void run(DrillContext context, Map<String, Object> results) throws Exception {
        AppProcess app = context.app();
        context.awaitSearchAnswers(Duration.ofSeconds(120)); // so that search faults meet a working search
        BadRequestSource.Targets targets = targets(context.http(), app.baseUrl());
        List<BadRequest> requests = source.requests(targets, REQUESTS);
        RawHttp raw = new RawHttp(Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1)));
        int fiveHundreds = 0;
        int notProblem = 0;
        int noAnswer = 0;
        int accepted = 0;
        int sent = 0;
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Map<String, Integer>> byKind = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblemExamples = new ArrayList<>();
        List<String> acceptedExamples = new ArrayList<>();
        List<String> writers = new ArrayList<>();
        java.util.Set<String> acceptedRequests = new java.util.TreeSet<>();
        long deadline = System.nanoTime() + BOUND.toNanos();
        try (EventLog log = new EventLog(app.mongoPort())) {
            long headBefore = log.head();
            long countBefore = log.count();
            long head = headBefore;
            for (BadRequest request : requests) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                RawHttp.Answer answer = raw.send(request);
                sent++;
                String label = answer.status() > 0 ? Integer.toString(answer.status()) : "no-answer";
                statuses.merge(label, 1, Integer::sum);
                Map<String, Integer> kind = byKind.computeIfAbsent(request.kind(), k -> new TreeMap<>());
                kind.merge("requests", 1, Integer::sum);
                boolean ok = answer.status() >= 200 && answer.status() < 300;
                if (answer.status() >= 500) {
                    fiveHundreds++;
                    kind.merge("5xx", 1, Integer::sum);
                    example(serverErrors, request, answer);
                }
                if (answer.status() == 0) {
                    noAnswer++;
                }
                if (!ok && !answer.problemJson()) {
                    notProblem++;
                    kind.merge("not_problem_json", 1, Integer::sum);
                    example(notProblemExamples, request, answer);
                }
                if (ok && request.mustRefuse()) {
                    accepted++;
                    if (acceptedRequests.size() < 60) {
                        acceptedRequests.add(request.description() + " → " + answer.status());
                    }
                    kind.merge("accepted", 1, Integer::sum);
                    example(acceptedExamples, request, answer);
                }
                long now = log.headFrom(head);
                if (now > head) {
                    kind.merge("writes", (int) (now - head), Integer::sum);
                    if (writers.size() < EXAMPLES) {
                        writers.add(request.description() + " → " + answer.status() + " (+" + (now - head) + " events)");
                    }
                    head = now;
                }
            }
            Timing.sleep(1_000);
            long headAfter = log.headFrom(head);
            results.put("bad_input_5xx", fiveHundreds);
            results.put("bad_input_not_problem_json", notProblem);
            results.put("bad_input_writes", headAfter - headBefore);
            results.put("bad_input_requests", sent);
            results.put("bad_input_events_added", log.count() - countBefore);
            results.put("bad_input_no_answer", noAnswer);
            results.put("bad_input_accepted", accepted);
            results.put("bad_input_statuses", statuses);
            results.put("bad_input_by_kind", byKind);
            results.put("bad_input_5xx_examples", serverErrors);
            results.put("bad_input_not_problem_json_examples", notProblemExamples);
            results.put("bad_input_accepted_examples", acceptedExamples);
            results.put("bad_input_writing_examples", writers);
            results.put("bad_input_accepted_requests", acceptedRequests);
        }
        boolean healthy = context.http().get(app.baseUrl() + "/api/projections", Duration.ofSeconds(10)).status() == 200;
        results.put("bad_input_app_healthy_after", healthy);
        if (!healthy) {
            DrillContext.log("the application no longer answers after the bad input; stopping it");
            context.stopApp();
        }
        DrillContext.log("bad input: %d requests, 5xx %s, not problem+json %s, writes %s, accepted %d", sent,
                results.get("bad_input_5xx"), results.get("bad_input_not_problem_json"), results.get("bad_input_writes"),
                accepted);
    }

    /** A company with a contact, a follow-up and an opportunity, and an individual: the real aggregates to aim at. */
    static BadRequestSource.Targets targets(Http http, String baseUrl) {
        Map<String, String> actor = Map.of(); // Http signs in as the drill user
        JsonNode company = created(http.send("POST", baseUrl + "/api/customers", Http.json(Map.of("kind", "COMPANY",
                "chineseName", "北京星辰科技有限公司", "latinName", "Beijing Xingchen Technology Co., Ltd.",
                "creditCode", BadRequestCatalog.TARGET_CREDIT_CODE, "region", "北京")), actor, Http.REQUEST_TIMEOUT));
        String customerId = company.get("id").asText();
        JsonNode contact = created(http.send("POST", baseUrl + "/api/customers/" + customerId + "/contacts",
                Http.json(Map.of("name", "李娜", "phones", List.of("+86 10 8888 1234"))), actor, Http.REQUEST_TIMEOUT));
        JsonNode interaction = created(http.send("POST", baseUrl + "/api/customers/" + customerId + "/interactions",
                Http.json(Map.of("channel", "CALL", "occurredOn", "2026-11-20", "nextFollowUpOn", "2026-12-20")),
                actor, Http.REQUEST_TIMEOUT));
        Map<String, Object> opportunity = new LinkedHashMap<>();
        opportunity.put("customerId", customerId);
        opportunity.put("title", "仓储自动化 warehouse automation");
        opportunity.put("amount", "250000.00");
        opportunity.put("currency", "CNY");
        opportunity.put("expectedCloseDate", "2027-03-31");
        opportunity.put("ownerId", "li.na");
        JsonNode opened = created(http.send("POST", baseUrl + "/api/opportunities", Http.json(opportunity), actor,
                Http.REQUEST_TIMEOUT));
        JsonNode individual = created(http.send("POST", baseUrl + "/api/customers", Http.json(Map.of("kind", "INDIVIDUAL",
                "chineseName", "陈静", "latinName", "Chen Jing", "mobile", "+86 139 9999 0001")), actor, Http.REQUEST_TIMEOUT));
        return new BadRequestSource.Targets(customerId, contact.get("contactId").asText(),
                interaction.get("followUpId").asText(), opened.get("id").asText(), individual.get("id").asText());
    }

    private static JsonNode created(Http.Answer answer) {
        if (!answer.ok() || answer.json() == null) {
            throw new IllegalStateException("setting up the bad-input targets failed: " + answer.label() + " "
                    + answer.body() + (answer.error() == null ? "" : " " + answer.error()));
        }
        return answer.json();
    }

    /** Keeps the first example of each kind of fault and answer, so that the examples show the variety. */
    private static void example(List<String> examples, BadRequest request, RawHttp.Answer answer) {
        String key = "[" + request.kind() + " → " + (answer.status() > 0 ? answer.status() : "no answer") + "] ";
        if (examples.size() < EXAMPLES && examples.stream().noneMatch(example -> example.startsWith(key))) {
            String body = answer.body() == null ? "" : answer.body().replaceAll("\\s+", " ");
            examples.add(key + request.description() + " → " + (answer.error() == null ? "" : answer.error() + " ")
                    + answer.contentType() + " " + (body.length() > 160 ? body.substring(0, 160) + "…" : body));
        }
    }
}
