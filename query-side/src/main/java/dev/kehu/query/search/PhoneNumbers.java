package dev.kehu.query.search;

import dev.kehu.events.customer.contact.PhoneNormalizer;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers for search: the normalized number comes from {@link PhoneNormalizer} (shared-events), the
 * same normalizer commands use, so 138-0013-8000, +86 138 0013 8000 and 8613800138000 are one number on
 * both sides. What is search's own: the forms to index, the last four digits and partial input as a prefix.
 */
public final class PhoneNumbers {

    /** Minimum digits for a normalized number; shorter input is not a phone number. */
    public static final int MIN_DIGITS = 5;

    private static final Pattern PARTIAL = Pattern.compile("^\\+?[0-9][0-9 ()\\-./]*$");

    private PhoneNumbers() {
    }

    /** The normalized form, or empty when the input does not look like a phone number. */
    public static Optional<String> normalize(String raw) {
        return PhoneNormalizer.normalize(raw);
    }

    /** The last four digits of a normalized number (what people remember), or empty. */
    public static Optional<String> lastFour(String normalized) {
        String digits = normalized == null ? "" : normalized.replaceAll("[^0-9]", "");
        return digits.length() >= 4 ? Optional.of(digits.substring(digits.length() - 4)) : Optional.empty();
    }

    /**
     * The forms to index and to look up: the normalized number and its local forms
     * ({@link PhoneNormalizer#equivalentForms}), so typing any of them finds it.
     */
    public static List<String> searchForms(String normalized) {
        return PhoneNormalizer.equivalentForms(normalized);
    }

    /**
     * The digits a user typed, as a prefix to look up: separators removed, +86/0086 removed (a lost trunk 0
     * restored), full-width digits read as ASCII. Used for partial input such as "138001" or "138-0013".
     */
    public static Optional<String> queryDigits(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
        if (!PARTIAL.matcher(text).matches()) {
            return Optional.empty();
        }
        String digits = text.replaceAll("[^0-9]", "");
        boolean international = text.startsWith("+") || digits.startsWith("00");
        if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (!international) {
            return digits.isEmpty() ? Optional.empty() : Optional.of(digits);
        }
        if (digits.startsWith("86") && !digits.startsWith("886")) {
            String national = digits.substring(2);
            if (national.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(national.startsWith("0") || national.startsWith("1") ? national : "0" + national);
        }
        if (digits.startsWith("886") && digits.length() > 3 && digits.charAt(3) == '0') {
            digits = "886" + digits.substring(4);
        }
        return digits.isEmpty() ? Optional.empty() : Optional.of("+" + digits);
    }
}
