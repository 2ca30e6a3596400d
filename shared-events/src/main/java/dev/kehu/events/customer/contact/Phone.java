package dev.kehu.events.customer.contact;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number as entered and in normalized form. Normalized: digits only, with a leading
 * {@code +} for international numbers; Chinese numbers lose their {@code +86}/{@code 0086} prefix, so
 * 138-0013-8000, 13800138000, +86 138 0013 8000, (+86) 138.0013.8000 and 8613800138000 all
 * normalize to 13800138000. An extension (转 801, 分机 801, ext. 801, x801, #801) stays in the
 * entered form and is dropped from the normalized one, as search's {@code PhoneNumbers} does, so the
 * number with an extension is the same number (for uniqueness and for search).
 */
public record Phone(String entered, String normalized) {

    private static final Pattern EXTENSION = Pattern.compile("(?i)\\s*(转|分机|ext\\.?|x|#).*$");

    public Phone {
        Objects.requireNonNull(entered, "entered");
        Objects.requireNonNull(normalized, "normalized");
    }

    public static Phone of(String entered) {
        return new Phone(entered, normalize(entered));
    }

    public static String normalize(String entered) {
        String trimmed = EXTENSION.matcher(entered.strip()).replaceFirst("").replaceFirst("^[\\s(]+", "");
        String digits = trimmed.replaceAll("\\D", "");
        boolean international = trimmed.startsWith("+") || digits.startsWith("00");
        if (!international && digits.length() == 13 && digits.startsWith("861")) {
            return digits.substring(2); // 86 13800138000: a mainland mobile with its country code, no plus
        }
        if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (international && digits.startsWith("86") && digits.length() > 2) {
            return digits.substring(2);
        }
        return international ? "+" + digits : digits;
    }
}
