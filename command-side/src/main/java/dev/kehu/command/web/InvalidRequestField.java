package dev.kehu.command.web;

/** A request field or header is missing or malformed: answered 400 naming the field and the reason. */
public class InvalidRequestField extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidRequestField(String field, String reason) {
        super(field + ": " + reason, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
