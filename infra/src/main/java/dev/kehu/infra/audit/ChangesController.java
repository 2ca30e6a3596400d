package dev.kehu.infra.audit;

import dev.kehu.query.customer360.Customer360AsOf;
import dev.kehu.query.fold.AsOf;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.web.InvalidQueryParameter;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewNotFound;
import dev.kehu.query.web.ViewResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/customers/{id}/changes?from=&to=} (instants; or {@code fromPosition}/{@code toPosition}): the fields
 * of the customer 360 view whose values differ between the two moments, each with the events that changed it.
 * {@code to} defaults to now. Like an as-of, it waits (at most the {@code minPosition} wait) until the customer-360
 * projection has reached {@code to}.
 */
@RestController
@RequestMapping("/api/customers")
public class ChangesController {

    private final CustomerChanges changes;
    private final Customer360AsOf asOf;
    private final ViewFreshness freshness;
    private final Clock clock;

    public ChangesController(CustomerChanges changes, Customer360AsOf asOf, ViewFreshness freshness, Clock clock) {
        this.changes = changes;
        this.asOf = asOf;
        this.freshness = freshness;
        this.clock = clock;
    }

    @GetMapping("/{customerId}/changes")
    public CompletableFuture<ResponseEntity<CustomerChanges.Result>> changes(@PathVariable String customerId,
                                                                              @RequestParam(required = false) String from,
                                                                              @RequestParam(required = false) String fromPosition,
                                                                              @RequestParam(required = false) String to,
                                                                              @RequestParam(required = false) String toPosition) {
        AsOf start = AsOf.parse(from, "from", fromPosition, "fromPosition");
        if (start == null) {
            throw new InvalidQueryParameter("from", "is required (an ISO-8601 instant; or give fromPosition)");
        }
        AsOf end = AsOf.parse(to, "to", toPosition, "toPosition");
        long head = asOf.events().headPosition();
        AsOf.Bound fromBound = start.bound(head, clock.instant(), "from", "fromPosition");
        AsOf.Bound toBound = end == null ? new AsOf.Bound(head, clock.instant()) : end.bound(head, clock.instant(), "to", "toPosition");
        // both of one form: "to" must not be before "from" (an instant and a position are not compared)
        boolean positions = end != null && start.position() != null && end.position() != null;
        boolean instants = end != null && start.instant() != null && end.instant() != null;
        if ((positions || instants) && !fromBound.within(toBound)) {
            throw new InvalidQueryParameter(positions ? "toPosition" : "to",
                    "must not be before " + (positions ? "fromPosition" : "from"));
        }
        return freshness.answer(toBound.maxPosition(), ProjectionGroups.CUSTOMER_360, fresh -> {
            AsOf.Bound reached = fresh.stale() ? toBound.atMost(fresh.position()) : toBound;
            // an instant and a position mixed: "from" is whatever both include, never beyond "to"
            AsOf.Bound startAt = new AsOf.Bound(Math.min(fromBound.maxPosition(), reached.maxPosition()),
                    fromBound.maxTime().isBefore(reached.maxTime()) ? fromBound.maxTime() : reached.maxTime());
            return ViewResponses.ok(changes.between(customerId, startAt, reached), fresh);
        });
    }

    @ExceptionHandler(ViewNotFound.class)
    public ProblemDetail notFound(ViewNotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("https://kehu.dev/problems/not-found"));
        problem.setTitle("Not found");
        problem.setProperty("code", "not-found");
        problem.setProperty("id", e.id());
        return problem;
    }
}
