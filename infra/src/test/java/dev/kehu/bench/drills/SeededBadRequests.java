package dev.kehu.bench.drills;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import dev.kehu.bench.drills.BadRequestCatalog.Command;
import dev.kehu.bench.drills.BadRequestCatalog.Kind;
import dev.kehu.bench.drills.BadRequestCatalog.Query;
import dev.kehu.bench.drills.BadRequestCatalog.Sym;

/**
 * The drill's own seeded generator of malformed requests (the same requests for the same seed and targets):
 * every unroutable request of the catalog once, then draws of faults in command bodies (aimed at the drill's real
 * aggregates, so that anything that slips through shows as a write), faults in command headers (aimed at an
 * aggregate that does not exist, so that they can never write), bad query parameters and more unroutable requests.
 * Every command fault is one a correct API must refuse whatever it accepts leniently (no trailing tokens, no
 * lower-case enums, no in-range numbers with fractions, no optional fields emptied).
 */
public final class SeededBadRequests implements BadRequestSource {

    private static final List<String> EXTREME_DECIMALS = List.of("1E+2147483647", "-1E+2147483647", "1e-2147483647",
            "1E400", "123456789012345678901234567890", "-0.0000000000000000000001", "1E+999999999");
    private static final List<String> EXTREME_INTEGERS = List.of("2147483648", "-2147483649", "1E+2147483647", "1e10",
            "101.5", "-1E+2147483647");
    private static final List<String> BAD_DATES = List.of("-999999999-01-01", "+999999999-12-31", "+10000-01-01",
            "2026-02-30", "2026-13-01", "0000-00-00", "2026-1-1", "20261120", "tomorrow");
    private static final List<String> LONE_SURROGATES = List.of("\"\\ud800\"", "\"张\\udfff伟\"", "\"\\udbff\\udbff\"",
            "\"a\\ud800b\"");
    private static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {'"', (byte) 0xC3, 0x28, '"'},
            new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, new byte[] {'"', (byte) 0xFF, (byte) 0xFE, '"'},
            new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'});
    private static final List<String> WRONG_CONTENT_TYPES = List.of("*/*", "application/*", "text/plain",
            "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=klingon", "json", "");

    private final long seed;

    public SeededBadRequests(long seed) {
        this.seed = seed;
    }

    @Override
    public List<BadRequest> requests(Targets targets, int count) {
        Random random = new Random(seed);
        List<Command> commands = BadRequestCatalog.commands(targets);
        List<Command> existing = commands.stream().filter(command -> !command.creates()).toList();
        List<Query> queries = BadRequestCatalog.queries(targets);
        List<String[]> unroutable = BadRequestCatalog.unroutable(targets);
        List<BadRequest> requests = new ArrayList<>(count);
        unroutable.forEach(route -> requests.add(unroutable(route)));
        while (requests.size() < count) {
            int roll = random.nextInt(100);
            if (roll < 58) {
                requests.add(bodyFault(random, commands.get(random.nextInt(commands.size()))));
            } else if (roll < 73) {
                requests.add(headerFault(random, existing.get(random.nextInt(existing.size())), targets));
            } else if (roll < 96) {
                requests.add(queryFault(random, queries.get(random.nextInt(queries.size()))));
            } else {
                requests.add(unroutable(unroutable.get(random.nextInt(unroutable.size()))));
            }
        }
        return requests;
    }

    // ------------------------------------------------------------------------------------------ command bodies

    private static BadRequest bodyFault(Random random, Command command) {
        Map<String, Object> body = new LinkedHashMap<>(command.body());
        List<String> kinds = new ArrayList<>(List.of("malformed-json", "wrong-type", "lone-surrogate", "invalid-utf8",
                "too-long", "deep-nesting"));
        if (random.nextInt(20) == 0) {
            kinds.add("huge-body");
        }
        if (field(random, body, v -> v instanceof BigDecimal || v instanceof Integer) != null) {
            kinds.addAll(List.of("extreme-number", "extreme-number", "out-of-range-number"));
        }
        if (field(random, body, v -> v instanceof LocalDate) != null) {
            kinds.addAll(List.of("extreme-date", "extreme-date"));
        }
        if (field(random, body, v -> v instanceof Sym) != null) {
            kinds.add("invalid-enum");
        }
        if (!command.required().isEmpty()) {
            kinds.addAll(List.of("missing-required", "null-required", "whole-body", "blank-required"));
        }
        String kind = kinds.get(random.nextInt(kinds.size()));
        byte[] json = switch (kind) {
            case "malformed-json" -> malformed(random, json(body));
            case "wrong-type" -> {
                String field = field(random, body, v -> true);
                yield replace(body, field, wrongType(random, body.get(field)));
            }
            case "lone-surrogate" -> replaceText(random, body, raw(pick(random, LONE_SURROGATES)));
            case "invalid-utf8" -> replaceText(random, body, new Raw(pick(random, INVALID_UTF8)));
            case "too-long" -> replaceText(random, body, "长".repeat(5001));
            case "huge-body" -> replaceText(random, body, "x".repeat(300_000));
            case "deep-nesting" -> replace(body, field(random, body, v -> true), raw("[".repeat(2000) + "]".repeat(2000)));
            case "extreme-number" -> {
                String field = field(random, body, v -> v instanceof BigDecimal || v instanceof Integer);
                yield replace(body, field, raw(pick(random, body.get(field) instanceof Integer ? EXTREME_INTEGERS : EXTREME_DECIMALS)));
            }
            case "out-of-range-number" -> {
                String field = field(random, body, v -> v instanceof BigDecimal || v instanceof Integer);
                yield replace(body, field, raw(pick(random, body.get(field) instanceof Integer ? List.of("-1", "1000")
                        : List.of("-5.00", "-0.01", "0.001", "1000000000000000.00"))));
            }
            case "extreme-date" -> replace(body, field(random, body, v -> v instanceof LocalDate), pick(random, BAD_DATES));
            case "invalid-enum" -> replace(body, field(random, body, v -> v instanceof Sym),
                    pick(random, List.<Object>of("MARTIAN", raw("99"), "C A L L", "\u0000")));
            case "missing-required" -> {
                body.remove(pick(random, command.required()));
                yield json(body);
            }
            case "null-required" -> replace(body, pick(random, command.required()), raw("null"));
            case "blank-required" -> {
                String field = field(random, body, v -> v instanceof String && command.required().contains(key(body, v)));
                yield field == null ? replace(body, pick(random, command.required()), raw("null"))
                        : replace(body, field, pick(random, List.of("", "   ")));
            }
            case "whole-body" -> pick(random, List.of("null", "[]", "{}", "42", "\"text\"", "[{}]"))
                    .getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalStateException(kind);
        };
        return new BadRequest(kind, command.method() + " " + command.path() + " " + kind, command.method(),
                command.path(), commandHeaders("application/json"), json, true);
    }

    private static byte[] malformed(Random random, byte[] valid) {
        String text = new String(valid, StandardCharsets.UTF_8);
        String broken = switch (random.nextInt(8)) {
            case 0 -> text.substring(0, 1 + random.nextInt(Math.max(1, text.length() - 2)));
            case 1 -> text.replaceFirst(":", "=");
            case 2 -> text.replace('"', '\'');
            case 3 -> text.contains(",\"") ? text.replaceFirst(",\"", " \"") : text.substring(0, text.length() - 1);
            case 4 -> "/* comment */" + text;
            case 5 -> text.replaceFirst("\"([A-Za-z]+)\":", "$1:");
            case 6 -> text.substring(0, text.length() - 1) + ",}";
            default -> text.replaceFirst(":(\"[^\"]*\"|[^,}]+)", ":NaN");
        };
        return broken.getBytes(StandardCharsets.UTF_8);
    }

    /** A value of a type the field cannot take (never one a lenient reader coerces: a number for a text). */
    private static Raw wrongType(Random random, Object valid) {
        if (valid instanceof List) {
            return raw(pick(random, List.of("{}", "\"x\"", "42", "{\"$gt\":\"\"}")));
        } else if (valid instanceof Map) {
            return raw(pick(random, List.of("[]", "\"x\"", "42")));
        } else if (valid instanceof BigDecimal || valid instanceof Integer) {
            return raw(pick(random, List.of("{}", "[]", "\"12abc\"", "{\"$gt\":\"\"}")));
        }
        return raw(pick(random, List.of("{}", "[]", "[[1]]", "{\"$gt\":\"\"}")));
    }

    // ------------------------------------------------------------------------------------------ command headers

    private static BadRequest headerFault(Random random, Command command, Targets targets) {
        // aimed at an aggregate that does not exist: even a request that slips through cannot write
        String missing = String.format(Locale.ROOT, "00000000-0000-4000-8000-%012x", random.nextInt(1 << 30));
        String path = command.path().replace(targets.customerId(), missing).replace(targets.opportunityId(), missing);
        List<BadRequest.Header> headers = new ArrayList<>(commandHeaders("application/json"));
        String kind;
        switch (random.nextInt(3)) {
            case 0 -> {
                kind = "wrong-content-type";
                headers.removeIf(h -> h.name().equals("Content-Type"));
                String type = pick(random, WRONG_CONTENT_TYPES);
                if (!type.isEmpty()) {
                    headers.add(BadRequest.Header.of("Content-Type", type));
                }
            }
            case 1 -> {
                kind = "raw-non-ascii-header";
                String name = pick(random, List.of("Authorization", "X-Reason", "X-Correlation-Id", "Idempotency-Key", "If-Match"));
                headers.removeIf(h -> h.name().equals(name));
                byte[] value = switch (random.nextInt(4)) {
                    case 0 -> "张伟".getBytes(StandardCharsets.UTF_8);
                    case 1 -> "\"版本\"".getBytes(StandardCharsets.UTF_8);
                    case 2 -> new byte[] {'J', 'o', 's', (byte) 0xE9};
                    default -> new byte[] {(byte) 0xFF, (byte) 0xFE, 'x'};
                };
                headers.add(new BadRequest.Header(name, value));
            }
            default -> {
                kind = "bad-header-value";
                String[] header = pick(random, List.of(new String[] {"If-Match", "abc"}, new String[] {"If-Match", "W/\"1\""},
                        new String[] {"If-Match", "\"99999999999999999999\""}, new String[] {"If-Match", "\"-1\""},
                        new String[] {"If-Match", "\"1\", \"2\""}, new String[] {"Authorization", ""},
                        new String[] {"Authorization", "   "}, new String[] {"Authorization", "a".repeat(5000)},
                        new String[] {"X-Reason", "%E4%B8"}, new String[] {"X-Reason", "%ZZ"},
                        new String[] {"Idempotency-Key", "k".repeat(5000)}, new String[] {"Authorization", null}));
                headers.removeIf(h -> h.name().equals(header[0]));
                if (header[1] != null) {
                    headers.add(BadRequest.Header.of(header[0], header[1]));
                }
            }
        }
        return new BadRequest(kind, command.method() + " " + path + " " + kind, command.method(), path, headers,
                json(command.body()), true);
    }

    /** Queries sign in as the drill user too, so that their parameters, not the missing credential, are what is refused. */
    private static final List<BadRequest.Header> SIGNED_IN = List.of(BadRequest.Header.of("Authorization", AppProcess.AUTHORIZATION));

    private static List<BadRequest.Header> commandHeaders(String contentType) {
        return List.of(BadRequest.Header.of("Content-Type", contentType), BadRequest.Header.of("Authorization", AppProcess.AUTHORIZATION));
    }

    // ------------------------------------------------------------------------------------------ queries and routes

    private static BadRequest queryFault(Random random, Query query) {
        List<String> names = new ArrayList<>(query.parameters().keySet());
        String name = pick(random, names);
        Kind kind = query.parameters().get(name);
        boolean mustRefuse = true;
        String value;
        if (random.nextInt(25) == 0) {
            value = "1&pad=" + "p".repeat(40_000);
            return new BadRequest("huge-query-string", "GET " + query.path() + " 40 KB query string", "GET",
                    query.path() + "?" + name + "=" + value, SIGNED_IN, null, true);
        }
        switch (kind) {
            case LIMIT -> value = pick(random, List.of("0", "-1", "501", "100000", "abc", "1E%2B2147483647",
                    "99999999999999999999", "1.5"));
            case DAYS -> value = pick(random, List.of("0", "-1", "3651", "abc", "99999999999999999999", "1E%2B2147483647"));
            case PAGE -> value = pick(random, List.of("-1", "100000", "abc", "99999999999999999999"));
            case SIZE -> value = pick(random, List.of("-1", "100000", "abc", "1E%2B2147483647"));
            case POSITION -> value = pick(random, List.of("abc", "1E%2B2147483647", "99999999999999999999", "1.5"));
            case DATE -> value = pick(random, List.of("-999999999-01-01", "%2B999999999-12-31", "2026-13-01",
                    "2026-02-30", "yesterday", "2026%2F12%2F07"));
            case CHOICE -> value = name.equals("groupBy") && random.nextBoolean() ? "stage&groupBy=owner&groupBy=region"
                    : pick(random, List.of("MARTIAN", "%00", "%FF"));
            case CURSOR -> value = pick(random, List.of("garbage!", "AAAA", "%FF%FE", "eyJ4IjoxfQ", "A".repeat(3000),
                    "%00", "eyJzb3J0IjpudWxsfQ"));
            case BOOLEAN -> value = pick(random, List.of("maybe", "2"));
            case SEARCH_TEXT -> {
                if (random.nextBoolean()) {
                    value = pick(random, List.of("%ED%A0%80", "%FF", "%C0%AF", "%E6%98", "%ZZ"));
                } else {
                    mustRefuse = false; // odd text is still a search, which may find nothing
                    value = pick(random, List.of("(((", "*:*", "%5C", "%22", "%2F.*%2F", "~~~", "a%20AND%20OR%20b",
                            "%E6%98%9F".repeat(2000)));
                }
            }
            case FILTER_TEXT -> {
                mustRefuse = random.nextBoolean();
                value = mustRefuse ? pick(random, List.of("%ED%A0%80", "%FF")) : "r".repeat(7000);
            }
            case LOOSE_CHOICE -> {
                mustRefuse = false;
                value = "MARTIAN";
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        String target = query.path() + "?" + name + "=" + value;
        return new BadRequest("bad-parameter", "GET " + query.path() + " " + name + "=" + abbreviate(value), "GET",
                target, SIGNED_IN, null, mustRefuse);
    }

    private static BadRequest unroutable(String[] route) {
        boolean get = route[0].equals("GET");
        // a path parameter or a doubled slash may be normalized away by the server: odd, but not wrong to serve
        boolean mustRefuse = !route[1].contains(";") && !route[1].contains("//");
        return new BadRequest("unroutable", route[0] + " " + abbreviate(route[1]), route[0], route[1],
                get ? SIGNED_IN : commandHeaders("application/json"), get ? null : "{}".getBytes(StandardCharsets.UTF_8),
                mustRefuse);
    }

    // ------------------------------------------------------------------------------------------ JSON by hand

    /** JSON text inserted as it is (a literal Jackson would not write: 1E+2147483647, a lone surrogate escape). */
    private record Raw(byte[] bytes) {
    }

    private static Raw raw(String text) {
        return new Raw(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] replace(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return json(changed);
    }

    /** Puts {@code value} into a plain text field (not an enum, date or number). */
    private static byte[] replaceText(Random random, Map<String, Object> body, Object value) {
        String field = field(random, body, v -> v instanceof String);
        return replace(body, field == null ? body.keySet().iterator().next() : field, value);
    }

    private static byte[] json(Map<String, Object> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(value(entry.getKey()));
            out.write(':');
            out.writeBytes(value(entry.getValue()));
        }
        out.write('}');
        return out.toByteArray();
    }

    private static byte[] value(Object value) {
        if (value instanceof Raw raw) {
            return raw.bytes();
        }
        Object plain = value instanceof Sym sym ? sym.name() : value instanceof LocalDate date ? date.toString() : value;
        try {
            return Http.JSON.writeValueAsBytes(plain);
        } catch (IOException e) {
            throw new IllegalArgumentException(String.valueOf(value), e);
        }
    }

    /** A field whose value matches, chosen at random; null when none does. */
    private static String field(Random random, Map<String, Object> body, Predicate<Object> matches) {
        List<String> fields = body.entrySet().stream().filter(e -> matches.test(e.getValue())).map(Map.Entry::getKey).toList();
        return fields.isEmpty() ? null : fields.get(random.nextInt(fields.size()));
    }

    private static String key(Map<String, Object> body, Object value) {
        return body.entrySet().stream().filter(e -> e.getValue() == value).map(Map.Entry::getKey).findFirst().orElse("");
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + " chars)" : text;
    }
}
