package dev.kehu.query.search;

import java.text.Normalizer;
import java.util.regex.Pattern;

import com.ibm.icu.text.Transliterator;

/**
 * What was typed, read the way it was meant: full-width letters, digits and spaces of a Chinese input
 * method as ASCII (NFKC), pinyin with tone marks without them (zhāng sān → zhang san, lǚ → lv), and
 * the same text in simplified characters (陳 → 陈, ICU's Traditional-Simplified transform) to search
 * beside it: names are indexed as entered, mostly in simplified characters.
 */
final class QueryText {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern TONE_MARKED = Pattern.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙ]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Transliterators are not safe for concurrent use, and cost milliseconds to create: one per thread. */
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

    private QueryText() {
    }

    /** The text with full-width forms and tone marks read as above; spaces collapsed. */
    static String normalize(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
        if (TONE_MARKED.matcher(text).find()) {
            text = withoutToneMarks(text);
        }
        return text;
    }

    /** The text in simplified characters (the same text when it has none to convert). */
    static String simplified(String text) {
        return HAN.matcher(text).find() ? TO_SIMPLIFIED.get().transliterate(text) : text;
    }

    /** Pinyin without tone marks; ü (with or without a tone) as v, as input methods type it. */
    static String withoutToneMarks(String text) {
        String v = text.replaceAll("[ǖǘǚǜü]", "v").replaceAll("[ǕǗǙǛÜ]", "V");
        return MARKS.matcher(Normalizer.normalize(v, Normalizer.Form.NFD)).replaceAll("");
    }
}
