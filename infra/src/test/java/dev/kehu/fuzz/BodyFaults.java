package dev.kehu.fuzz;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * JSON bodies for a request record: a plausible body (a value of the right JSON type in every field)
 * with one field replaced by a fault. Bodies are built as text so that they can hold what a JSON
 * library would never write (lone surrogate escapes, 2,000-digit numbers). Every fault here is one a
 * correct API must refuse whatever the field: wrong JSON types, amounts no view holds, dates outside
 * 1900–2199, malformed Unicode, values beyond every size limit, null where a value is required.
 */
public final class BodyFaults {

    /** Marks where raw bytes ED A0 80 (a UTF-8-encoded lone surrogate, "CESU") go in the body bytes. */
    static final String RAW_SURROGATE = "\u0001CESU\u0001";

    static final List<String> EXTREME_NUMBERS = List.of("1E+2147483647", "\"1E+2147483647\"", "-1E+15",
            "1e-400", "123456789012345678901234567890", "0.00001", "\"NaN\"", "\"Infinity\"", "9.99e308",
            "1" + "0".repeat(1_999), "-0.001", "1E-2147483647", "1E+15", "-5E+20");
    /** Valid amounts, but beyond an int: faults for integer fields only. */
    static final List<String> INT_OVERFLOWS = List.of("2147483648", "-2147483649", "99999999999999999999");
    static final List<String> EXTREME_DATES = List.of("+999999999-12-31", "-999999999-01-01", "0001-01-01",
            "9999-12-31", "1899-12-31", "2200-01-01", "2026-02-30", "2026-13-01", "", "  ", "2026-11-22T10:00:00",
            "+10000-01-01", "2026-1-1", "22/11/2026");
    static final List<String> SURROGATES = List.of("\\ud800", "abc\\udfff", "张三\\ud83d", "x\\udc00\\ud800y",
            RAW_SURROGATE, "\\ud83d\\ud83d");

    private BodyFaults() {
    }

    /** The record's fields (a body type that is not a record is treated as having one field, "value"). */
    static List<RecordComponent> fields(Class<?> bodyType) {
        return bodyType.isRecord() ? List.of(bodyType.getRecordComponents()) : List.of();
    }

    /**
     * A body with a valid-looking value in every field, so that the one fault a request carries is what
     * the API has to find (it may still be refused for other reasons: ids that do not exist).
     */
    public static String plausibleBody(Class<?> bodyType) {
        List<String> members = new ArrayList<>();
        for (RecordComponent field : fields(bodyType)) {
            members.add("\"" + field.getName() + "\":" + plausible(field));
        }
        return "{" + String.join(",", members) + "}";
    }

    /** A valid-looking value for the field, by its name where the type alone does not tell. */
    static String plausible(RecordComponent field) {
        String name = field.getName();
        return switch (name) {
            case "currency" -> "\"CNY\"";
            case "creditCode" -> "\"91330100MA27XY1235\"";
            case "mobile" -> "\"139-0000-0001\"";
            case "email" -> "\"fuzz@example.com\"";
            case "emails" -> "[\"fuzz@example.com\"]";
            case "phones" -> "[\"0571-8888 6666 转 802\"]";
            case "probability" -> "50";
            default -> name.endsWith("Number") ? "\"FZ-0001\"" : plausible(field.getGenericType());
        };
    }

    /** A body with every field plausible except {@code faulty} (null: an extra field "value"), which gets {@code faultJson}. */
    static String body(Class<?> bodyType, RecordComponent faulty, String faultJson) {
        List<String> members = new ArrayList<>();
        for (RecordComponent field : fields(bodyType)) {
            String value = faulty != null && field.getName().equals(faulty.getName()) ? faultJson : plausible(field);
            members.add("\"" + field.getName() + "\":" + value);
        }
        if (faulty == null) {
            members.add("\"value\":" + faultJson);
        }
        return "{" + String.join(",", members) + "}";
    }

    static String plausible(Type type) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return "\"示例 sample\"";
        }
        if (raw == BigDecimal.class || raw == BigInteger.class) {
            return "100.00";
        }
        if (raw == LocalDate.class) {
            return "\"2026-11-02\"";
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return "3";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true";
        }
        if (raw.isEnum()) {
            return "\"" + ((Enum<?>) raw.getEnumConstants()[0]).name() + "\"";
        }
        if (List.class.isAssignableFrom(raw)) {
            return "[" + plausible(argument(type, 0)) + "]";
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "{\"偏好 key\":\"value\"}";
        }
        return "null";
    }

    /** A value of another JSON type than the field's. */
    static String wrongType(Type type, SplittableRandom random) {
        Class<?> raw = raw(type);
        List<String> options;
        if (raw == String.class) {
            options = List.of("123", "4.5", "true", "{}", "[\"a\"]", "-0");
        } else if (raw == BigDecimal.class) {
            options = List.of("true", "{}", "[1]", "\"lots\"", "\"\"", "\"12,50\"", "\"0x10\"");
        } else if (raw == LocalDate.class) {
            options = List.of("20261122", "true", "[2026,11,22]", "{}", "\"2026/11/22\"", "1.5");
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            options = List.of("\"5\"", "4.5", "true", "\"\"", "[]", "{}", "3.0");
        } else if (raw.isEnum()) {
            options = List.of("0", "1.5", "true", "\"NO_SUCH_VALUE\"", "\"\"", "[]", "{}");
        } else if (List.class.isAssignableFrom(raw)) {
            options = List.of("\"single\"", "5", "{}", "true", "[[\"nested\"]]", "[{}]", "[1]");
        } else if (Map.class.isAssignableFrom(raw)) {
            options = List.of("[]", "\"x\"", "1", "{\"k\":{\"nested\":1}}", "{\"k\":[1]}");
        } else {
            options = List.of("\"x\"", "1", "[]");
        }
        return options.get(random.nextInt(options.size()));
    }

    /** Lone surrogates where text goes (in a list element or a map key when the field is a list or map). */
    static String loneSurrogate(Type type, SplittableRandom random) {
        String text = "\"" + SURROGATES.get(random.nextInt(SURROGATES.size())) + "\"";
        Class<?> raw = raw(type);
        if (List.class.isAssignableFrom(raw)) {
            return "[" + text + "]";
        }
        if (Map.class.isAssignableFrom(raw)) {
            return random.nextBoolean() ? "{" + text + ":\"v\"}" : "{\"k\":" + text + "}";
        }
        return text;
    }

    /** Beyond every size limit of the API (5,000 characters of text, 100 list or map entries). */
    static String huge(Type type, SplittableRandom random) {
        Class<?> raw = raw(type);
        if (List.class.isAssignableFrom(raw)) {
            return "[" + String.join(",", java.util.Collections.nCopies(5_000, plausible(argument(type, 0)))) + "]";
        }
        if (Map.class.isAssignableFrom(raw)) {
            StringBuilder map = new StringBuilder("{");
            for (int i = 0; i < 2_000; i++) {
                map.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
            }
            return map.append('}').toString();
        }
        String unit = random.nextBoolean() ? "x" : "长";
        return "\"" + unit.repeat(20_000 + random.nextInt(80_000)) + "\"";
    }

    static boolean required(RecordComponent field) {
        return field.isAnnotationPresent(NotNull.class) || field.isAnnotationPresent(NotBlank.class)
                || field.isAnnotationPresent(NotEmpty.class);
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[index];
            if (argument instanceof java.lang.reflect.AnnotatedType annotated) {
                return annotated.getType();
            }
            return argument;
        }
        return String.class;
    }
}
