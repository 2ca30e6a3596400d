package dev.kehu.bench.drills;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One malformed request, byte for byte as it goes on the wire (raw header values and bodies may hold bytes that are
 * not valid UTF-8, or non-ASCII text that {@code java.net.http} refuses to send).
 *
 * @param kind        what is wrong with it, e.g. {@code wrong-type}, {@code extreme-date}, {@code raw-non-ascii-header}
 * @param description the endpoint and the fault, for the report
 * @param method      HTTP method
 * @param target      the request target (path and query) as sent, already percent-encoded where intended
 * @param headers     header names and raw values; {@code Host}, {@code Content-Length} and {@code Connection} are
 *                    added by the sender
 * @param body        the body, or null for none
 * @param mustRefuse  whether any 2xx answer is wrong (false for odd but legal input, e.g. search text full of
 *                    query syntax, which may find nothing)
 */
public record BadRequest(String kind, String description, String method, String target, List<Header> headers,
                         byte[] body, boolean mustRefuse) {

    /** A header with a raw value. */
    public record Header(String name, byte[] value) {

        public static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Whether it goes to a command endpoint (anything but GET). */
    public boolean command() {
        return !"GET".equals(method);
    }
}
