package dev.kehu.events.customer;

import java.util.Objects;

/**
 * A phone number as entered and in normalized form. Normalized: digits only, with a leading
 * {@code +} for international numbers; Chinese numbers lose their {@code +86}/{@code 0086} prefix, so
 * 138-0013-8000, 13800138000 and +86 138 0013 8000 all normalize to 13800138000.
 */
public record Phone(String entered, String normalized) {

    public Phone {
        Objects.requireNonNull(entered, "entered");
        Objects.requireNonNull(normalized, "normalized");
    }

    public static Phone of(String entered) {
        return new Phone(entered, normalize(entered));
    }

    public static String normalize(String entered) {
        String trimmed = entered.strip();
        String digits = trimmed.replaceAll("\\D", "");
        boolean international = trimmed.startsWith("+") || digits.startsWith("00");
        if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (international && digits.startsWith("86") && digits.length() > 2) {
            return digits.substring(2);
        }
        return international ? "+" + digits : digits;
    }
}
