package dev.kehu.command.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON value that is well-typed but cannot be accepted (a date outside the business range, text
 * with a lone surrogate). Answered 400 naming the field and the reason; unlike other format errors
 * the value itself is not echoed, because it may not even be writable as JSON.
 */
public class RefusedRequestValue extends InvalidFormatException {

    private final String reason;

    RefusedRequestValue(JsonParser parser, String reason, Class<?> targetType) {
        super(parser, reason, null, targetType);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
