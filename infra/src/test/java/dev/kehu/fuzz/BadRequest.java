package dev.kehu.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One malformed request. {@code target} is the request target (path and query) and header values are
 * sent byte for byte: each char is one byte (ISO-8859-1), so a generator can put raw UTF-8 or other
 * non-ASCII bytes on the wire (clients such as the JDK's HttpClient would replace them by '?'; send
 * with {@link RawHttp}). {@code body} is raw bytes (may be invalid UTF-8) or null.
 *
 * @param category  what is wrong with it (malformed-json, wrong-type, extreme-number, extreme-date,
 *                  lone-surrogate, huge-value, null-required, deep-nesting, content-type, header, path,
 *                  query, method, accept)
 * @param endpoint  the endpoint it was made from ("POST /api/customers/{customerId}/orders")
 * @param mustFail  true when the request may not succeed: it carries a fault every non-read endpoint must
 *                  refuse (reads may ignore a header or an unknown parameter and answer 200)
 */
public record BadRequest(String method, String target, List<Header> headers, byte[] body, String category,
                         String endpoint, String detail, boolean mustFail) {

    public record Header(String name, String value) {
    }

    public String describe() {
        String shown = target.length() > 120 ? target.substring(0, 120) + "…(" + target.length() + ")" : target;
        String bodyText = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8)
                + (body.length > 160 ? "…(" + body.length + " bytes)" : "");
        return category + " [" + endpoint + "] " + method + " " + shown + " " + detail + " " + bodyText;
    }
}
