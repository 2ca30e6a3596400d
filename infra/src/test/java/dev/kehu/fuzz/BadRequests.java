package dev.kehu.fuzz;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A seeded, deterministic generator of malformed requests over a list of {@link Endpoint}s: the same
 * seed, endpoints and ids give the same requests. Our own generator rather than jqwik's: the
 * reliability drills need a plain list to send to a running application outside any test engine, and
 * shrinking (jqwik's strength) is of little use when every request is checked on its own.
 *
 * <pre>{@code
 * List<Endpoint> endpoints = Endpoint.discover(applicationContext);
 * List<BadRequest> requests = BadRequests.generate(42L, 2_400, endpoints,
 *         Map.of("customerId", customerId, "opportunityId", opportunityId, "contactId", contactId),
 *         TestUsers.everything(applicationContext, "fuzz.tester"));
 * RawHttp.Answer answer = RawHttp.send(URI.create("http://127.0.0.1:" + port), requests.get(0), Duration.ofSeconds(10));
 * }</pre>
 *
 * Path variables are filled from {@code ids} by name ({@code customerId}, {@code opportunityId},
 * {@code contactId}, {@code followUpId}, {@code complaintId}, {@code manager}, {@code section}; a name
 * without an id gets a made-up one). Endpoints are visited round-robin in a seeded order, so every
 * endpoint gets about count / endpoints requests, each with one fault of a category that applies to it.
 * Requests to non-read endpoints always carry a fault the API must refuse ({@link BadRequest#mustFail}).
 */
public final class BadRequests {

    /**
     * The credential header: requests to non-read endpoints that must fail for want of a valid caller leave it out
     * or garble it (401), as they once did with the X-Actor header the API no longer reads.
     */
    static final String CREDENTIAL = "Authorization";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final String RAW_UTF8_ZHANG_WEI = latin1("张伟".getBytes(StandardCharsets.UTF_8));

    private BadRequests() {
    }

    /** {@code authorization}: the value of a valid {@code Authorization} header, sent unless the fault removes it. */
    public static List<BadRequest> generate(long seed, int count, List<Endpoint> endpoints, Map<String, String> ids,
                                            String authorization) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Endpoint> order = new ArrayList<>(endpoints);
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        List<BadRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Endpoint endpoint = order.get(i % order.size());
            List<String> categories = categories(endpoint);
            String category = categories.get(random.nextInt(categories.size()));
            requests.add(new Maker(endpoint, ids, random, endpoints, authorization).make(category));
        }
        return List.copyOf(requests);
    }

    /** The categories of fault that can be made for {@code endpoint}. */
    static List<String> categories(Endpoint endpoint) {
        List<String> categories = new ArrayList<>(List.of("content-type", "header", "path", "query", "method", "accept"));
        if (endpoint.takesBody()) {
            categories.addAll(List.of("malformed-json", "deep-nesting", "wrong-type", "lone-surrogate", "huge-value"));
            List<RecordComponent> fields = BodyFaults.fields(endpoint.bodyType());
            if (fields.stream().anyMatch(f -> numeric(BodyFaults.raw(f.getGenericType())))) {
                categories.add("extreme-number");
            }
            if (fields.stream().anyMatch(f -> f.getType() == LocalDate.class)) {
                categories.add("extreme-date");
            }
            if (fields.stream().anyMatch(BodyFaults::required)) {
                categories.add("null-required");
            }
        }
        return categories;
    }

    /**
     * Bodies that are not a JSON object of the endpoint's request type. For an endpoint whose body may be left out,
     * an empty body and the JSON literal {@code null} mean "no body" and are not faults.
     */
    private static List<String> malformedJson(boolean bodyOptional) {
        List<String> bodies = new ArrayList<>(List.of("{", "{\"a\":", "[1,2", "nul", "{'a':1}", "{\"a\":1}}",
                "{\"a\" 1}", "[]", "\"text\"", "123", "{\"a\":1,}", "{\"a\":01}", "{\"a\":NaN}",
                "{\"a\":\"unterminated}", "\u0000", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "<xml/>"));
        if (!bodyOptional) {
            bodies.addAll(List.of("", "null"));
        }
        return bodies;
    }

    private static boolean numeric(Class<?> type) {
        return type == BigDecimal.class || type == Integer.class || type == int.class || type == Long.class
                || type == long.class;
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Builds one request of a category for one endpoint. */
    private static final class Maker {

        private final Endpoint endpoint;
        private final Map<String, String> ids;
        private final SplittableRandom random;
        private final List<Endpoint> all;
        private String target;
        private final List<BadRequest.Header> headers = new ArrayList<>();
        private String body;
        private byte[] rawBody;
        private String detail = "";

        private final String authorization;

        Maker(Endpoint endpoint, Map<String, String> ids, SplittableRandom random, List<Endpoint> all, String authorization) {
            this.authorization = authorization;
            this.endpoint = endpoint;
            this.ids = ids;
            this.random = random;
            this.all = all;
            this.target = fill(endpoint.path(), null, null);
        }

        BadRequest make(String category) {
            String method = endpoint.method();
            headers.add(new BadRequest.Header(CREDENTIAL, authorization));
            if (endpoint.takesBody()) {
                body = BodyFaults.plausibleBody(endpoint.bodyType());
            }
            boolean contentType = true;
            switch (category) {
                case "malformed-json" -> body = pick(malformedJson(endpoint.bodyOptional()));
                case "deep-nesting" -> {
                    int depth = 2_000 + random.nextInt(20_000);
                    body = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                }
                case "wrong-type", "lone-surrogate", "huge-value", "extreme-number", "extreme-date", "null-required" ->
                        fieldFault(category);
                case "content-type" -> contentType = contentTypeFault();
                case "header" -> headerFault();
                case "path" -> pathFault();
                case "query" -> queryFault();
                case "method" -> method = methodFault();
                case "accept" -> acceptFault();
                default -> throw new IllegalArgumentException(category);
            }
            if (body != null && contentType && headers.stream().noneMatch(h -> h.name().equals("Content-Type"))) {
                headers.add(new BadRequest.Header("Content-Type", "application/json"));
            }
            byte[] bytes = rawBody != null ? rawBody : body == null ? null : bytes(body);
            boolean mustFail = !endpoint.isRead() || category.equals("method");
            return new BadRequest(method, target, List.copyOf(headers), bytes, category,
                    endpoint.method() + " " + endpoint.path(), detail, mustFail);
        }

        private void fieldFault(String category) {
            List<RecordComponent> fields = BodyFaults.fields(endpoint.bodyType()).stream().filter(field -> switch (category) {
                case "extreme-number" -> numeric(field.getType());
                case "extreme-date" -> field.getType() == LocalDate.class;
                case "null-required" -> BodyFaults.required(field);
                default -> true;
            }).toList();
            RecordComponent field = fields.isEmpty() ? null : fields.get(random.nextInt(fields.size()));
            java.lang.reflect.Type type = field == null ? String.class : field.getGenericType();
            String fault = switch (category) {
                case "wrong-type" -> BodyFaults.wrongType(type, random);
                case "lone-surrogate" -> BodyFaults.loneSurrogate(type, random);
                case "huge-value" -> BodyFaults.huge(type, random);
                case "extreme-number" -> {
                    List<String> options = new ArrayList<>(BodyFaults.EXTREME_NUMBERS);
                    if (field.getType() != BigDecimal.class) {
                        options.addAll(BodyFaults.INT_OVERFLOWS);
                    }
                    yield pick(options);
                }
                case "extreme-date" -> "\"" + pick(BodyFaults.EXTREME_DATES) + "\"";
                default -> "null";
            };
            detail = (field == null ? "body" : field.getName()) + "=" + abbreviate(fault);
            body = BodyFaults.body(endpoint.bodyType(), field, fault);
            if (body.contains(BodyFaults.RAW_SURROGATE)) {
                rawBody = bytes(body.replace(BodyFaults.RAW_SURROGATE, "\u0002"));
                for (int i = 0; i < rawBody.length; i++) {
                    if (rawBody[i] == 2) {
                        byte[] spliced = new byte[rawBody.length + 2];
                        System.arraycopy(rawBody, 0, spliced, 0, i);
                        spliced[i] = (byte) 0xED;
                        spliced[i + 1] = (byte) 0xA0;
                        spliced[i + 2] = (byte) 0x80;
                        System.arraycopy(rawBody, i + 1, spliced, i + 3, rawBody.length - i - 1);
                        rawBody = spliced;
                        break;
                    }
                }
            }
        }

        /** Returns whether the default JSON content type may still be added (false: none at all). */
        private boolean contentTypeFault() {
            List<String> refusedByEveryEndpoint = List.of("application/*", "*/*", "text/*", "garbage", "", "/json",
                    "application/*+json", "*/json");
            List<String> options = new ArrayList<>(refusedByEveryEndpoint);
            if (endpoint.takesBody()) {
                options.addAll(List.of("NONE", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=xyz", "application/json; charset=ebcdic",
                        "text/html", "application/octet-stream"));
            }
            String type = pick(options);
            detail = "Content-Type=" + type;
            if (type.equals("NONE")) {
                body = body == null ? "{}" : body;
                return false;
            }
            if (body == null) {
                body = "{}";
            }
            headers.add(new BadRequest.Header("Content-Type", type));
            return true;
        }

        private void headerFault() {
            String picked = pick(List.of(CREDENTIAL, CREDENTIAL, "X-Reason", "If-Match", "Idempotency-Key", "X-Correlation-Id"));
            // only command endpoints read the command headers; elsewhere garble the credential
            String name = endpoint.path().startsWith("/api/customers") || endpoint.path().startsWith("/api/opportunities")
                    ? picked : CREDENTIAL;
            String value = switch (name) {
                case CREDENTIAL, "X-Reason" -> pick(List.of(RAW_UTF8_ZHANG_WEI, latin1(new byte[] {'Z', 'o', (byte) 0xEB}),
                        "%ED%A0%80", "%E5%zz", "%FF", "%00", "a%0Ab", "x".repeat(5_001), "%E5%BC%A0".repeat(600),
                        latin1(new byte[] {(byte) 0xC3, (byte) 0x28}), "MISSING", "   "));
                case "If-Match" -> pick(List.of("yesterday", "\"-1\"", "\"99999999999999999999\"", "W/", "\"\"",
                        RAW_UTF8_ZHANG_WEI));
                case "Idempotency-Key" -> pick(List.of("has space", "x".repeat(201), RAW_UTF8_ZHANG_WEI, "\t"));
                default -> pick(List.of("has spaces", "x".repeat(101), RAW_UTF8_ZHANG_WEI, "a/b"));
            };
            detail = name + "=" + abbreviate(value);
            headers.removeIf(h -> h.name().equals(name));
            if (value.equals("MISSING") || (name.equals(CREDENTIAL) && value.isBlank())) {
                headers.removeIf(h -> h.name().equals(CREDENTIAL));
                if (value.isBlank() && !value.equals("MISSING")) {
                    headers.add(new BadRequest.Header(CREDENTIAL, value));
                }
            } else if (name.equals("X-Reason") && value.isBlank()) {
                headers.removeIf(h -> h.name().equals(CREDENTIAL)); // a blank reason is allowed: take the actor away
            } else {
                headers.add(new BadRequest.Header(name, value));
            }
        }

        private void pathFault() {
            String garbage = pick(List.of("%00", "%ZZ", "..%2F..", "%2e%2e", "a;b=c", encode("客户"),
                    RAW_UTF8_ZHANG_WEI, "x".repeat(3_000), "x".repeat(9_000), "-1", "99999999999999999999",
                    "%F0%9F%98%80", "%ED%A0%80", "a%20b", "%5C", "%7C", "%7B%7D", "%", "%C3%28", "null", "..", "."));
            detail = "garbage=" + abbreviate(garbage);
            List<String> variables = variables(endpoint.path());
            if (variables.isEmpty() || random.nextInt(4) == 0) {
                target = fill(endpoint.path(), null, null) + "/" + garbage;
            } else {
                target = fill(endpoint.path(), variables.get(random.nextInt(variables.size())), garbage);
            }
            if (!endpoint.isRead() && variables.isEmpty()) {
                headers.removeIf(h -> h.name().equals(CREDENTIAL)); // POST /api/customers + garbage may route nowhere, or to a read
            }
        }

        private void queryFault() {
            List<String> values = List.of("", "-1", "0", "99999999999999999999", "2147483648", "abc", "x".repeat(5_000),
                    "%ED%A0%80", "%FF", "%ZZ", encode("张三"), RAW_UTF8_ZHANG_WEI, "%2B999999999-12-31", "0001-01-01",
                    "-999999999-01-01", "1e10", "1000", "[]", "null", "true", "1.5", "%00", encode("a,b,".repeat(300)),
                    "2026-02-30");
            List<String> names = new ArrayList<>(endpoint.queryParameters().keySet());
            names.addAll(List.of("page", "size", "limit", "cursor", "minPosition", "q", "unknown"));
            StringBuilder query = new StringBuilder();
            int parameters = 1 + random.nextInt(3);
            for (int i = 0; i < parameters; i++) {
                String name = pick(names);
                String value = pick(values);
                query.append(i == 0 ? "?" : "&").append(name).append('=').append(value);
                detail += name + "=" + abbreviate(value) + " ";
            }
            target = target + query;
            if (!endpoint.isRead()) {
                headers.removeIf(h -> h.name().equals(CREDENTIAL));
            }
        }

        private String methodFault() {
            Set<String> mapped = all.stream().filter(e -> e.path().equals(endpoint.path())).map(Endpoint::method)
                    .collect(Collectors.toCollection(TreeSet::new));
            List<String> options = new ArrayList<>(List.of("PATCH", "PUT", "DELETE", "POST", "GET", "BREW", "TRACE"));
            options.removeAll(mapped);
            String method = pick(options);
            detail = "method=" + method + " (mapped: " + mapped + ")";
            if (!headers.stream().anyMatch(h -> h.name().equals(CREDENTIAL))) {
                headers.add(new BadRequest.Header(CREDENTIAL, authorization));
            }
            return method;
        }

        private void acceptFault() {
            String accept = pick(List.of("application/xml", "text/html", "image/png", "text/csv", "application/json;q=0",
                    "garbage", "*/x"));
            detail = "Accept=" + accept;
            headers.add(new BadRequest.Header("Accept", accept));
            if (!endpoint.isRead()) {
                headers.removeIf(h -> h.name().equals(CREDENTIAL));
            }
        }

        private String fill(String template, String variable, String garbage) {
            Matcher matcher = VARIABLE.matcher(template);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                String value = name.equals(variable) ? garbage : ids.getOrDefault(name, "fuzz-unknown-" + name);
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        private static List<String> variables(String template) {
            List<String> names = new ArrayList<>();
            Matcher matcher = VARIABLE.matcher(template);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        private <T> T pick(List<T> options) {
            return options.get(random.nextInt(options.size()));
        }

        private static String abbreviate(String text) {
            return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
