package dev.kehu.events.customer.contact;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one phone-number normalizer of Kehu: commands ({@link Phone#of}), search documents and search
 * queries all read a number through it, so a number written in any form is the same number everywhere.
 *
 * <p>Hand-written rather than libphonenumber because events (and the value types they carry, such as
 * {@link Phone}) may only use the JDK, and because we need only the numbering plans salespeople in
 * China meet: mainland China, Hong Kong, Macau, Taiwan and {@code +}-prefixed numbers elsewhere.
 * {@code PhoneNormalizerTest} holds the vectors.
 *
 * <p>Normalized form:
 * <ul>
 *   <li>Mainland China: the domestic form, digits only. Mobiles 11 digits ({@code 13800138000});
 *       landlines with trunk 0 and area code ({@code 075586013388}). The country code is removed
 *       however it was written: {@code +86}, {@code 0086}, {@code (86)}, or bare {@code 86-535-…} and
 *       {@code 8613800138000}; a trunk 0 lost after the country code comes back.</li>
 *   <li>Hong Kong, Macau, Taiwan and every other country: {@code +}, country code, national number
 *       without trunk 0 ({@code +85223456789}, {@code +886223456789}). {@code (852) 2345 6789} reads 852
 *       as the country code; so does a bare {@code 85223456789} (no mainland number starts with 8 and has
 *       11 digits).</li>
 *   <li>Anything else (a local number without area code, say): its digits.</li>
 * </ul>
 * An extension ({@code 转 801}, {@code 分机 801}, {@code ext. 801}, {@code x801}, {@code #801}, or a dash
 * after a complete number: {@code 0755-86013388-801}) is kept apart from the number. Full-width digits
 * and signs, as Chinese input methods type them, are read as ASCII.
 *
 * <p>{@link #equivalentForms} gives the other forms the same number is written in locally (the landline
 * without its area code, the Hong Kong number without +852, Taiwan's domestic form with trunk 0), so a
 * search finds a number whichever of its forms was stored and whichever was typed.
 */
public final class PhoneNormalizer {

    /**
     * A number and its extension (empty when none was written). A class, not a record: every record of
     * shared-events is an event or a value events carry (the golden-vector tests find them by that).
     */
    public static final class Parsed {
        private final String number;
        private final String extension;

        public Parsed(String number, String extension) {
            this.number = number;
            this.extension = extension;
        }

        public String number() {
            return number;
        }

        public String extension() {
            return extension;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Parsed parsed && number.equals(parsed.number) && extension.equals(parsed.extension);
        }

        @Override
        public int hashCode() {
            return number.hashCode() * 31 + extension.hashCode();
        }

        @Override
        public String toString() {
            return extension.isEmpty() ? number : number + " ext " + extension;
        }
    }

    private static final Pattern EXTENSION_WORD =
            Pattern.compile("(?i)^(.*?)\\s*(?:转|分机|ext\\.?|extension|x|#)\\s*(\\S*)\\s*$");
    private static final Pattern NUMBER_BODY = Pattern.compile("^\\(?\\s*\\+?[0-9 ()\\-./]*[0-9][0-9 ()\\-./]*$");
    private static final Pattern LEADING_PARENTHESES = Pattern.compile("^\\(\\s*(\\+?)([0-9]+)\\s*\\)(.*)$");
    private static final Pattern DASH_EXTENSION = Pattern.compile("^(.*[0-9].*)-\\s*([0-9]{1,5})$");
    private static final List<String> NEAR_COUNTRY_CODES = List.of("852", "853", "886");

    private PhoneNormalizer() {
    }

    /** The normalized number and extension, or empty when the text is not a phone number. */
    public static Optional<Parsed> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        String extension = "";
        Matcher word = EXTENSION_WORD.matcher(text);
        if (word.matches()) {
            text = word.group(1).strip();
            extension = word.group(2).replaceAll("[^0-9]", "");
        }
        if (!NUMBER_BODY.matcher(text).matches()) {
            return Optional.empty();
        }
        Optional<String> whole = number(text);
        if (extension.isEmpty()) {
            Matcher dash = DASH_EXTENSION.matcher(text);
            if (dash.matches() && !complete(whole.orElse(""))) {
                Optional<String> base = number(dash.group(1).strip());
                if (base.isPresent() && complete(base.get())) {
                    return Optional.of(new Parsed(base.get(), dash.group(2)));
                }
            }
        }
        String ext = extension;
        return whole.filter(number -> number.replace("+", "").length() >= 5).map(number -> new Parsed(number, ext));
    }

    /** The normalized number alone, or empty when the text is not a phone number. */
    public static Optional<String> normalize(String raw) {
        return parse(raw).map(Parsed::number);
    }

    /**
     * The normalized number of text given as a phone number, whatever it holds: {@link #normalize}, or the
     * digits (with a leading + if there was one) when it does not read as a number.
     */
    public static String normalizeLeniently(String raw) {
        return normalize(raw).orElseGet(() -> {
            String stripped = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
            String digits = stripped.replaceAll("[^0-9]", "");
            return stripped.startsWith("+") ? "+" + digits : digits;
        });
    }

    /**
     * The normalized number and the other forms people write it in without a country or area code:
     * mainland landlines without their area code (010 and 02x have three digits, others four), Hong Kong and
     * Macau without +852/+853, Taiwan in its domestic form ({@code 02 2345 6789}) and back.
     */
    public static List<String> equivalentForms(String normalized) {
        List<String> forms = new ArrayList<>();
        forms.add(normalized);
        if (normalized.startsWith("0") && normalized.length() >= 11) {
            int areaCodeLength = normalized.startsWith("010") || normalized.startsWith("02") ? 3 : 4;
            forms.add(normalized.substring(areaCodeLength));
        } else if (normalized.startsWith("0") && normalized.length() >= 9) {
            forms.add("+886" + normalized.substring(1)); // 9–10 digits with trunk 0: a Taiwan number written locally
        } else if (normalized.startsWith("+852") || normalized.startsWith("+853")) {
            forms.add(normalized.substring(4));
        } else if (normalized.startsWith("+886")) {
            forms.add("0" + normalized.substring(4));
        }
        return List.copyOf(forms);
    }

    /** The number of phone-like text without extension: country code, trunk 0 and separators sorted out. */
    private static Optional<String> number(String text) {
        boolean international = text.startsWith("+");
        Matcher parentheses = LEADING_PARENTHESES.matcher(text);
        if (parentheses.matches()) {
            String group = parentheses.group(2);
            boolean countryCode = !parentheses.group(1).isEmpty()
                    || group.equals("86") || NEAR_COUNTRY_CODES.contains(group);
            if (countryCode) {
                international = true;
                text = group + " " + parentheses.group(3);
            }
        }
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        if (!international && digits.startsWith("00")) {
            international = true;
            digits = digits.substring(2);
        }
        return Optional.of(international ? international(digits) : domestic(digits));
    }

    private static String international(String digits) {
        if (digits.startsWith("86")) {
            return china(digits.substring(2));
        }
        if (digits.startsWith("886")) {
            return "+886" + withoutTrunkZero(digits.substring(3));
        }
        return "+" + digits;
    }

    /** Digits written without + or 00: a country code is recognised only where no domestic number could start so. */
    private static String domestic(String digits) {
        int length = digits.length();
        if (digits.startsWith("86") && (length == 12 || length == 13)) {
            return china(digits.substring(2)); // 8613800138000, 86-535-1234567: mainland numbers never start with 86
        }
        if ((digits.startsWith("852") || digits.startsWith("853")) && length == 11) {
            return "+" + digits;
        }
        if (digits.startsWith("886") && (length == 11 || length == 12)) {
            return "+886" + digits.substring(3);
        }
        return digits;
    }

    /** A mainland national number after its country code: mobiles start with 1, landlines get their trunk 0. */
    private static String china(String national) {
        String number = withoutTrunkZero(national);
        if (number.startsWith("1") && number.length() == 11) {
            return number;
        }
        return number.isEmpty() ? "" : "0" + number;
    }

    private static String withoutTrunkZero(String national) {
        return national.startsWith("0") ? national.substring(1) : national;
    }

    /** Whether a normalized number is complete (so digits after a dash are an extension, not part of it). */
    private static boolean complete(String number) {
        int length = number.length();
        if (number.startsWith("+852") || number.startsWith("+853")) {
            return length == 12;
        }
        if (number.startsWith("+886")) {
            return length == 12 || length == 13;
        }
        if (number.startsWith("+1")) {
            return length == 12;
        }
        if (number.startsWith("+")) {
            return length >= 10;
        }
        if (number.startsWith("1")) {
            return length == 11;
        }
        return number.startsWith("0") && (length == 11 || length == 12);
    }
}
