package dev.kehu.query.projection;

import dev.kehu.events.Money;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Conventions for view documents: dates as ISO strings ({@code yyyy-MM-dd}, they sort and read
 * well), instants as BSON dates, amounts as Decimal128 with their currency beside them.
 */
public final class Docs {

    private Docs() {
    }

    public static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    public static LocalDate localDate(Object value) {
        return value == null ? null : LocalDate.parse(value.toString());
    }

    public static Date instant(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Decimal128 decimal(BigDecimal amount) {
        return amount == null ? null : new Decimal128(amount);
    }

    public static Document money(Money money) {
        return money == null ? null : new Document("amount", decimal(money.amount())).append("currency", money.currency());
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
