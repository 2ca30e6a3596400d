package dev.kehu.bench.drills;

import java.util.List;

/**
 * Where the bad-input drill gets its malformed requests. {@link SeededBadRequests} is the drill's own seeded
 * generator; a shared generator ({@code dev.kehu.fuzz.BadRequests}) can replace it behind this interface.
 */
public interface BadRequestSource {

    /**
     * The ids of real aggregates to aim at, created by the drill before it asks for requests (so that a request
     * that slips through validation really changes something, which the drill then sees in the log).
     */
    record Targets(String customerId, String contactId, String followUpId, String opportunityId,
                   String individualId) {
    }

    /** At least {@code count} malformed requests, the same ones for the same seed and targets. */
    List<BadRequest> requests(Targets targets, int count);
}
