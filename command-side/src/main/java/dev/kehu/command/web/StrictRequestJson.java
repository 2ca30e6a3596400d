package dev.kehu.command.web;

import dev.kehu.events.BusinessDates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict reading of request bodies by the application's (Spring MVC) JSON mapper: a value must
 * already have the JSON type of its field. No number or boolean becomes text, no text becomes an
 * integer or a boolean, no fraction becomes an integer, no number becomes an enum, null is refused
 * for primitives, trailing content after the body is refused. One exception, on purpose: a decimal
 * amount may be sent as a JSON number or as a decimal string ({@code "12000.50"}), because many
 * clients turn JSON numbers into binary floating point and lose cents. Unknown properties are
 * <em>ignored</em> (a newer client may send fields an older server does not know); every known
 * field is still validated.
 *
 * <p>Text must be well-formed Unicode: a lone UTF-16 surrogate ({@code "\ud800"}) would be stored as
 * U+FFFD, so the stored event would differ from the accepted one. Dates must lie within
 * {@link BusinessDates}. Both are refused with 400 naming the field ({@link RefusedRequestValue}).
 */
@Configuration(proxyBeanMethods = false)
public class StrictRequestJson {

    @Bean
    JsonMapperBuilderCustomizer strictRequestValues() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Integer, config -> refuse(config::setCoercion,
                        CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean,
                        CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Boolean, config -> refuse(config::setCoercion,
                        CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Float, config -> refuse(config::setCoercion,
                        CoercionInputShape.Boolean, CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Enum, config -> refuse(config::setCoercion,
                        CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.EmptyString))
                .withCoercionConfig(BigDecimal.class, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .addModule(new SimpleModule("kehu-strict-request-values")
                        .addDeserializer(String.class, new WellFormedText())
                        .addKeyDeserializer(String.class, new WellFormedKey())
                        .addDeserializer(LocalDate.class, new BusinessDate()));
    }

    private interface Setter {
        Object set(CoercionInputShape shape, CoercionAction action);
    }

    private static void refuse(Setter setter, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            setter.set(shape, CoercionAction.Fail);
        }
    }

    /** True when {@code text} has no lone surrogate (a high one not followed by a low one, or a stray low one). */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static final String MALFORMED_TEXT = "must be well-formed Unicode text (it contains a lone UTF-16 surrogate)";

    /** Only JSON strings, and only well-formed ones. */
    static final class WellFormedText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getString();
            if (!wellFormed(text)) {
                throw new RefusedRequestValue(parser, MALFORMED_TEXT, String.class);
            }
            return text;
        }
    }

    /** Map keys (preferences) too. */
    static final class WellFormedKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            if (!wellFormed(key)) {
                throw new RefusedRequestValue(context.getParser(), MALFORMED_TEXT, String.class);
            }
            return key;
        }
    }

    /** ISO dates ({@code 2026-11-22}) within {@link BusinessDates}; no arrays or epoch-day numbers. */
    static final class BusinessDate extends StdScalarDeserializer<LocalDate> {

        BusinessDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getString().strip();
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw context.weirdStringException(text, LocalDate.class, "not an ISO date");
            }
            BusinessDates.dateProblem(date).ifPresent(reason -> {
                throw new RefusedRequestValue(parser, reason, LocalDate.class);
            });
            return date;
        }
    }
}
