package dev.kehu.command.customer.web;

/** Optional request text: blank counts as absent, and given text is stripped. */
final class RequestText {

    private RequestText() {
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static String trimmed(String value) {
        return blank(value) ? null : value.strip();
    }
}
