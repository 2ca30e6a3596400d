package dev.kehu.query.projection;

import dev.kehu.events.Money;
import org.bson.Document;
import org.bson.types.Decimal128;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Conventions for view documents: dates as ISO strings ({@code yyyy-MM-dd}, they sort and read
 * well), instants as BSON dates, amounts as Decimal128 with their currency beside them.
 * <p>
 * Values a view cannot hold are not errors here: an amount outside Decimal128's range (beyond
 * ±9.99…E+6144 or below 1E-6176) is stored as null and left out of every sum, an amount of more
 * than 34 significant digits is rounded half-even to 34, and an instant outside what a BSON date
 * holds (±292 million years) is stored as null; each is logged at WARN. The rest of the event is
 * applied as usual, so the view stays correct for everything else.
 */
public final class Docs {

    private static final Logger LOG = LoggerFactory.getLogger(Docs.class);

    private Docs() {
    }

    /**
     * A date as {@code yyyy-MM-dd}; null for null and for a year outside 0000–9999: such a date
     * (year -999999999 from an import, say) would not sort among the others as a string and cannot be
     * acted on, so the view treats it as absent (logged at WARN), like the reporting index does.
     */
    public static String date(LocalDate date) {
        if (date == null) {
            return null;
        }
        if (date.getYear() < 0 || date.getYear() > 9999) {
            LOG.warn("Date {} is outside the years a view holds (0000-9999); stored as absent", date);
            return null;
        }
        return date.toString();
    }

    /** The name of an enum value; null for null (an optional value an old event may lack). */
    public static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** Whether {@code candidate} (a view date) is later than {@code current}; an absent candidate never is. */
    public static boolean later(String candidate, String current) {
        return candidate != null && (current == null || candidate.compareTo(current) > 0);
    }

    public static LocalDate localDate(Object value) {
        return value == null ? null : LocalDate.parse(value.toString());
    }

    public static Date instant(Instant instant) {
        if (instant == null) {
            return null;
        }
        try {
            return Date.from(instant);
        } catch (IllegalArgumentException e) {
            LOG.warn("Instant {} is beyond what a view can store (a BSON date); stored as null", instant);
            return null;
        }
    }

    /** The amount as Decimal128; null for null and for an amount Decimal128 cannot hold (see the class comment). */
    public static Decimal128 decimal(BigDecimal amount) {
        BigDecimal storable = storable(amount);
        return storable == null ? null : new Decimal128(storable);
    }

    /**
     * The amount as a view can store and sum it: itself, rounded to 34 significant digits when it
     * has more, or null when Decimal128 cannot hold it (or it is null). Projections compute with
     * this, never with the raw event amount: arithmetic on 1E+2147483647 cannot finish.
     */
    public static BigDecimal storable(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal value = amount;
        if (value.precision() > 34) {
            value = value.round(MathContext.DECIMAL128);
            LOG.warn("Amount with {} significant digits rounded to 34 for the view", amount.precision());
        }
        for (BigDecimal candidate : new BigDecimal[]{value, value.stripTrailingZeros()}) {
            try {
                new Decimal128(candidate); // the driver's own check of range and precision
                return candidate;
            } catch (NumberFormatException | ArithmeticException e) {
                // try the next form, then give up
            }
        }
        if (value.signum() == 0) {
            return BigDecimal.ZERO; // 0E+2147483647 is just zero
        }
        // e.g. 1E+2147483647 or 1E-2147483647 from an old store or an import
        LOG.warn("Amount {} is out of the range a view can store (Decimal128); stored as null and left out of sums",
                abbreviated(amount));
        return null;
    }

    /** The storable amount of {@code money} (see {@link #storable}), zero when absent or not storable. */
    public static BigDecimal amount(Money money) {
        BigDecimal amount = money == null ? null : storable(money.amount());
        return amount == null ? BigDecimal.ZERO : amount;
    }

    /**
     * The amount in hundredths (cents), rounded half-up, when it fits a long; else null. The
     * reporting index sums these longs and the pipeline view applies the same rule, so an amount too
     * large for it is counted but left out of the sums on both sides.
     */
    public static Long cents(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal storable = storable(amount);
        // a value of 1E+20 or more cannot fit: check the magnitude before scaling (cheap for any exponent)
        if (storable == null || storable.precision() - storable.scale() > 18) {
            return null;
        }
        BigDecimal minor = storable.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP);
        return minor.unscaledValue().bitLength() < 64 ? minor.longValue() : null;
    }

    public static Document money(Money money) {
        return money == null ? null : new Document("amount", decimal(money.amount())).append("currency", money.currency());
    }

    private static String abbreviated(BigDecimal amount) {
        // toString of a huge-scale value is short (scientific notation); of a huge unscaled one it is not
        String text = amount.unscaledValue().bitLength() > 512 ? "(" + amount.precision() + " digits, scale " + amount.scale() + ")" : amount.toString();
        return text;
    }

    /** The amount of a stored money document or a bare number; zero for null. */
    public static BigDecimal amount(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value instanceof Document document) {
            return amount(document.get("amount"));
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        return new BigDecimal(value.toString());
    }

    public static String currency(Object money) {
        return money instanceof Document document ? document.getString("currency") : null;
    }

    /**
     * A deep copy of a view document (documents, lists and maps copied; strings, numbers, decimals and dates are
     * shared: view code never changes a {@code Date} in place), so a change that fails half-way leaves the original
     * as it was. It runs for every change of every view document, so it is written for speed: maps sized up front,
     * immutable values returned first.
     */
    public static Document copy(Document document) {
        Document copy = new Document(new java.util.LinkedHashMap<>(capacity(document.size())));
        for (Map.Entry<String, Object> entry : document.entrySet()) {
            copy.put(entry.getKey(), copyValue(entry.getValue()));
        }
        return copy;
    }

    private static int capacity(int size) {
        return size < 3 ? 4 : (int) (size / 0.75f) + 1;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Decimal128 || value instanceof Date) {
            return value;
        }
        if (value instanceof Document document) {
            return copy(document);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copyValue(element));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>(capacity(map.size()));
            for (Map.Entry<Object, Object> entry : ((Map<Object, Object>) map).entrySet()) {
                copy.put(entry.getKey(), copyValue(entry.getValue()));
            }
            return copy;
        }
        return value;
    }

    /** The sub-document under {@code key}, created when missing. */
    public static Document child(Document parent, String key) {
        Object value = parent.get(key);
        if (value instanceof Document document) {
            return document;
        }
        Document created = new Document();
        parent.put(key, created);
        return created;
    }

    /** The list under {@code key} as a mutable list of documents, created when missing. */
    @SuppressWarnings("unchecked")
    public static List<Document> list(Document parent, String key) {
        Object value = parent.get(key);
        List<Document> list;
        if (value instanceof List<?> existing) {
            list = new ArrayList<>((List<Document>) existing);
        } else {
            list = new ArrayList<>();
        }
        parent.put(key, list);
        return list;
    }

    @SuppressWarnings("unchecked")
    public static List<String> strings(Document parent, String key) {
        Object value = parent.get(key);
        List<String> list = value instanceof List<?> existing ? new ArrayList<>((List<String>) existing) : new ArrayList<>();
        parent.put(key, list);
        return list;
    }

    /** Replaces the element of {@code list} whose {@code key} equals {@code value}, or appends it. */
    public static void putBy(List<Document> list, String key, Object value, Document element) {
        for (int i = 0; i < list.size(); i++) {
            if (Objects.equals(list.get(i).get(key), value)) {
                list.set(i, element);
                return;
            }
        }
        list.add(element);
    }

    public static Document findBy(List<Document> list, String key, Object value) {
        return list.stream().filter(d -> Objects.equals(d.get(key), value)).findFirst().orElse(null);
    }

    public static void removeBy(List<Document> list, String key, Object value) {
        list.removeIf(byKey(key, value));
    }

    private static Predicate<Document> byKey(String key, Object value) {
        return d -> Objects.equals(d.get(key), value);
    }
}
