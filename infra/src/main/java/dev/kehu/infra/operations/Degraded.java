package dev.kehu.infra.operations;

import org.springframework.boot.health.contributor.Status;

/**
 * The health status between UP and DOWN: the application answers, but part of it lags or has parked events.
 * Ordered and mapped to HTTP 200 in application.properties ({@code management.endpoint.health.status.*}).
 */
final class Degraded {

    static final Status STATUS = new Status("DEGRADED");

    private Degraded() {
    }
}
