package dev.kehu.infra.audit;

/** The aggregates whose history and hash chain the audit API serves, with their stored type and REST path. */
public enum AuditedAggregate {
    CUSTOMER("Customer", "/api/customers/"),
    OPPORTUNITY("Opportunity", "/api/opportunities/");

    private final String storedType;
    private final String path;

    AuditedAggregate(String storedType, String path) {
        this.storedType = storedType;
        this.path = path;
    }

    /** The {@code aggregateType} of its events in the log. */
    public String storedType() {
        return storedType;
    }

    /** The REST path of one aggregate, e.g. {@code /api/customers/c-1}. */
    public String path(String id) {
        return path + id;
    }
}
