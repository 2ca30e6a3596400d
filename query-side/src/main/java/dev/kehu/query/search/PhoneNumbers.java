package dev.kehu.query.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One normalized form for phone numbers however they are written, so that 138-0013-8000,
 * 13800138000, +86 138 0013 8000 and 0086 138 0013 8000 are the same number.
 *
 * <p>Normalized form: Chinese numbers in their domestic form, digits only — mobiles as 11 digits
 * ({@code 13800138000}), landlines with their area code and trunk 0 ({@code 01012345678}; a
 * number written after +86 without the trunk 0, +86 10 1234 5678, gets it back). Other countries:
 * {@code +} and the digits ({@code +14155550100}; 00 is read as the international prefix).
 * Extensions (转 123, ext. 123, x123, #123) are dropped. Separators (spaces, dashes, dots, brackets,
 * slashes) are ignored.
 */
public final class PhoneNumbers {

    /** Minimum digits for a normalized number; shorter input is not a phone number. */
    public static final int MIN_DIGITS = 5;

    private static final Pattern EXTENSION = Pattern.compile("(?i)\\s*(转|分机|ext\\.?|x|#).*$");
    private static final Pattern PHONE_LIKE = Pattern.compile("^\\+?[0-9][0-9 ()\\-./]*$");

    private PhoneNumbers() {
    }

    /** The normalized form, or empty when the input does not look like a phone number. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip().replace('＋', '+').replace('（', '(').replace('）', ')');
        text = EXTENSION.matcher(text).replaceFirst("");
        if (text.startsWith("(")) {
            text = text.replaceFirst("^\\(\\s*(\\+?[0-9]+)\\s*\\)", "$1 ");
        }
        Optional<Dialled> dialled = Dialled.of(text);
        if (dialled.isEmpty()) {
            return Optional.empty();
        }
        String digits = dialled.get().digits();
        if (dialled.get().international()) {
            if (digits.startsWith("86")) {
                digits = domestic(digits.substring(2));
            } else {
                return digits.length() >= MIN_DIGITS ? Optional.of("+" + digits) : Optional.empty();
            }
        }
        return digits.length() >= MIN_DIGITS ? Optional.of(digits) : Optional.empty();
    }

    /** The digits of phone-like text and whether they were dialled internationally ({@code +} or {@code 00}). */
    private record Dialled(String digits, boolean international) {

        static Optional<Dialled> of(String text) {
            if (!PHONE_LIKE.matcher(text).matches()) {
                return Optional.empty();
            }
            String digits = text.replaceAll("[^0-9]", "");
            if (text.startsWith("+")) {
                return Optional.of(new Dialled(digits, true));
            }
            return Optional.of(digits.startsWith("00") ? new Dialled(digits.substring(2), true) : new Dialled(digits, false));
        }
    }

    /** A Chinese national number written after +86: mobiles start with 1, landlines regain the trunk 0. */
    private static String domestic(String national) {
        if (national.startsWith("0") || (national.startsWith("1") && national.length() == 11)) {
            return national;
        }
        return "0" + national;
    }

    /** The last four digits of a normalized number (what people remember), or empty. */
    public static Optional<String> lastFour(String normalized) {
        String digits = normalized == null ? "" : normalized.replaceAll("[^0-9]", "");
        return digits.length() >= 4 ? Optional.of(digits.substring(digits.length() - 4)) : Optional.empty();
    }

    /**
     * The forms to index for prefix search: the normalized number and, for a Chinese landline, the
     * local number without its area code (12345678 for 01012345678), so typing either finds it.
     * Area codes: 010 and 02x have three digits, every other 0xxx four.
     */
    public static List<String> searchForms(String normalized) {
        List<String> forms = new ArrayList<>();
        forms.add(normalized);
        if (normalized.startsWith("0") && normalized.length() >= 10) {
            int areaCodeLength = normalized.startsWith("010") || normalized.startsWith("02") ? 3 : 4;
            forms.add(normalized.substring(areaCodeLength));
        }
        return List.copyOf(forms);
    }

    /**
     * The digits a user typed, as a prefix to look up: separators removed, +86/0086 removed. Used for
     * partial input such as "138001" or "138-0013" that is not a full number yet.
     */
    public static Optional<String> queryDigits(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        Optional<Dialled> dialled = Dialled.of(typed.strip().replace('＋', '+'));
        if (dialled.isEmpty()) {
            return Optional.empty();
        }
        String digits = dialled.get().digits();
        if (dialled.get().international()) {
            if (digits.startsWith("86")) {
                return digits.length() > 2 ? Optional.of(domesticPrefix(digits.substring(2))) : Optional.empty();
            }
            return Optional.of("+" + digits);
        }
        return digits.isEmpty() ? Optional.empty() : Optional.of(digits);
    }

    private static String domesticPrefix(String national) {
        return national.startsWith("0") || national.startsWith("1") ? national : "0" + national;
    }
}
