package dev.kehu.query.web;

import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ProjectionPositions.Freshness;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Read-your-writes for query endpoints: with {@code ?minPosition=N} (the position a command
 * returned) a query waits until its view's processing groups have applied position N, at most
 * {@code kehu.query.min-position-wait} (default 5s); then it answers anyway, marked stale.
 */
@Component
public class ViewFreshness {

    private final ProjectionPositions positions;
    private final Duration waitBound;

    public ViewFreshness(ProjectionPositions positions,
                         @Value("${kehu.query.min-position-wait:5s}") Duration waitBound) {
        this.positions = positions;
        this.waitBound = waitBound;
    }

    public Freshness await(Long minPosition, String... processingGroups) {
        ViewResponses.checkMinPosition(minPosition);
        return positions.await(List.of(processingGroups), minPosition, waitBound);
    }
}
