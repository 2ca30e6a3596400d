package dev.kehu.events.customer.lifecycle;

/**
 * Where a customer stands: prospect → active (first order) → dormant → churned (客户流失) →
 * reactivated; dropped (放弃名单) deliberately for low return. A merged customer keeps its last
 * stage and is marked merged separately.
 */
public enum LifecycleStage {
    PROSPECT, ACTIVE, DORMANT, CHURNED, REACTIVATED, DROPPED
}
