package dev.kehu.infra.audit;

import dev.kehu.events.opportunity.Stage;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/** Stored payload values as a person reads them: money as {@code 500,000.00 CNY}, stages by their Chinese names. */
final class ValueText {

    private static final Set<String> STAGE_FIELDS = Set.of("stage", "to", "from", "fromStage", "closedAs");

    /** One format per thread (DecimalFormat is not thread-safe): building one per value was needless work. */
    private static final ThreadLocal<DecimalFormat> MONEY = ThreadLocal.withInitial(() -> {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.UNNECESSARY);
        return format;
    });

    private ValueText() {
    }

    static boolean isMoney(BsonValue value) {
        if (value == null || !value.isDocument()) {
            return false;
        }
        BsonDocument document = value.asDocument();
        return document.size() == 2 && document.containsKey("amount") && document.containsKey("currency")
                && document.get("currency").isString() && amount(document.get("amount")) != null;
    }

    /** The text of {@code value}, stored under payload field {@code field}; "" for null. */
    static String of(String field, BsonValue value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (isMoney(value)) {
            BsonDocument money = value.asDocument();
            return money(amount(money.get("amount")), money.getString("currency").getValue());
        }
        switch (value.getBsonType()) {
            case STRING: {
                String text = value.asString().getValue();
                if (STAGE_FIELDS.contains(field)) {
                    for (Stage stage : Stage.values()) {
                        if (stage.name().equals(text)) {
                            return stage.chineseName();
                        }
                    }
                }
                return text;
            }
            case ARRAY: {
                StringJoiner joined = new StringJoiner(", ");
                value.asArray().forEach(element -> joined.add(of(field, element)));
                return joined.toString();
            }
            case DOCUMENT: {
                BsonDocument document = value.asDocument();
                if (document.containsKey("entered") && document.get("entered").isString()) {
                    return document.getString("entered").getValue(); // a phone number as it was entered
                }
                StringJoiner joined = new StringJoiner(", ", "{", "}");
                document.forEach((key, element) -> joined.add(key + ": " + of(key, element)));
                return joined.toString();
            }
            case DECIMAL128:
                return value.asDecimal128().getValue().bigDecimalValue().toPlainString();
            case INT32:
                return Integer.toString(value.asInt32().getValue());
            case INT64:
                return Long.toString(value.asInt64().getValue());
            case DOUBLE:
                return BigDecimal.valueOf(value.asDouble().getValue()).stripTrailingZeros().toPlainString();
            case BOOLEAN:
                return Boolean.toString(value.asBoolean().getValue());
            case DATE_TIME:
                return Instant.ofEpochMilli(value.asDateTime().getValue()).toString();
            default:
                return value.toString();
        }
    }

    static String money(BigDecimal amount, String currency) {
        DecimalFormat format = MONEY.get();
        format.setMaximumFractionDigits(Math.max(2, amount.scale()));
        return format.format(amount) + " " + currency;
    }

    private static BigDecimal amount(BsonValue value) {
        if (value == null) {
            return null;
        }
        return switch (value.getBsonType()) {
            case DECIMAL128 -> value.asDecimal128().getValue().bigDecimalValue();
            case INT32 -> BigDecimal.valueOf(value.asInt32().getValue());
            case INT64 -> BigDecimal.valueOf(value.asInt64().getValue());
            case DOUBLE -> BigDecimal.valueOf(value.asDouble().getValue());
            case STRING -> {
                try {
                    yield new BigDecimal(value.asString().getValue());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }
}
