package dev.kehu.query.web;

/**
 * A query parameter the read side cannot use; answered with 400 and a problem+json naming it. An
 * {@link IllegalArgumentException}, so that code validating criteria records stays plain Java.
 */
public class InvalidQueryParameter extends IllegalArgumentException {

    private final String parameter;
    private final String reason;

    public InvalidQueryParameter(String parameter, String reason) {
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
