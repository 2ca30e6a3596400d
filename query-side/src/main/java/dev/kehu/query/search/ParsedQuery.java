package dev.kehu.query.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What was typed, split into the parts the query clauses need: the words (without a four-digit token,
 * which is read as the last four digits of a phone), the Chinese and the Latin words, a phone number or
 * the digits of a partial one. The text is first read by {@link QueryText} (full-width, traditional
 * characters, tone marks).
 *
 * @param words       the words other than the last four digits, in order
 * @param phone       the normalized number when the whole text is a phone number
 * @param phoneDigits the digits to look up as a prefix when the whole text is digits (and separators)
 */
record ParsedQuery(String text, List<String> words, String hanText, String latinText, String lastFour,
                   String phoneDigits, Optional<String> phone) {

    static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern LAST_FOUR = Pattern.compile("^[0-9]{4}$");
    private static final Pattern LATIN_WORD = Pattern.compile("^[\\p{IsLatin}0-9'’.\\-_&]+$");

    static ParsedQuery of(String raw) {
        String text = QueryText.normalize(raw);
        Optional<String> phone = PhoneNumbers.normalize(text);
        String phoneDigits = PhoneNumbers.queryDigits(text).orElse(null);
        if (phoneDigits == null && phone.isPresent()) {
            phoneDigits = phone.get(); // with an extension: look the number up as typed before it
        }
        if (phoneDigits != null) {
            return new ParsedQuery(text, List.of(), "", "", LAST_FOUR.matcher(phoneDigits).matches() ? phoneDigits : null,
                    phoneDigits, phone);
        }
        List<String> words = new ArrayList<>();
        List<String> han = new ArrayList<>();
        List<String> latin = new ArrayList<>();
        String lastFour = null;
        for (String token : text.split(" ")) {
            if (LAST_FOUR.matcher(token).matches() && lastFour == null) {
                lastFour = token;
                continue;
            }
            words.add(token);
            if (isHan(token)) {
                han.add(token);
            } else if (LATIN_WORD.matcher(token).matches()) {
                latin.add(token);
            }
        }
        return new ParsedQuery(String.join(" ", words), List.copyOf(words), String.join(" ", han),
                String.join(" ", latin), lastFour, null, Optional.empty());
    }

    static boolean isHan(String token) {
        return HAN.matcher(token).find();
    }

    /** Whether the text is one word of Chinese characters only (a name, a company word, 张经理). */
    boolean oneChineseWord() {
        return words.size() == 1 && hanText.equals(text) && text.codePoints().allMatch(Character::isIdeographic);
    }
}
