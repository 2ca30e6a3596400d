package dev.kehu.infra.audit;

/** A malformed query parameter of an audit endpoint (an instant, a position, a cursor, a hash). */
public class InvalidAuditParameter extends RuntimeException {

    private final String parameter;
    private final String reason;

    public InvalidAuditParameter(String parameter, String reason) {
        super("query parameter '" + parameter + "' " + reason);
        this.parameter = parameter;
        this.reason = reason;
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }
}
