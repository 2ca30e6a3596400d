package dev.kehu.infra.audit;

/** No customer or opportunity with this id has any event in the log. */
public class AggregateNotFound extends RuntimeException {

    private final AuditedAggregate kind;
    private final String id;

    public AggregateNotFound(AuditedAggregate kind, String id) {
        super("no " + kind.storedType().toLowerCase() + " with id '" + id + "'");
        this.kind = kind;
        this.id = id;
    }

    public AuditedAggregate kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
