package dev.kehu.query.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Full pinyin and initials of Chinese text, for indexing names so that "zhangsan", "zhang san" and
 * "zs" find 张三.
 *
 * <p>Polyphonic characters. A person's surname is read with its surname reading (单 shan, 曾 zeng,
 * 区 ou, 解 xie, 仇 qiu, 朴 piao, 查 zha, 乐 yue, 覃 qin, 翟 zhai …; compound surnames such as 欧阳,
 * 尉迟, 万俟, 长孙, 单于 are recognised first), because that is how people say and type it; only that
 * reading is indexed for the surname. Every other polyphonic character (given names, company names)
 * contributes all its readings, so the text yields several variants (重庆 → zhongqing, chongqing);
 * variants are capped at {@link #MAX_VARIANTS} and ordered with pinyin4j's first (most common)
 * reading first. ü is indexed both as {@code v} (the input-method convention, 吕 → lv) and as
 * {@code u} (lu). Latin letters and digits are kept (lower-cased); other characters are dropped.
 */
public final class Pinyin {

    /** Upper bound on the number of variants returned for one text. */
    public static final int MAX_VARIANTS = 16;

    /** Characters considered per text: company names are long, pinyin of the first 16 is enough to type. */
    private static final int MAX_CHARACTERS = 16;

    private static final Map<String, String> COMPOUND_SURNAMES = Map.ofEntries(
            Map.entry("欧阳", "ou yang"), Map.entry("司马", "si ma"), Map.entry("诸葛", "zhu ge"),
            Map.entry("上官", "shang guan"), Map.entry("尉迟", "yu chi"), Map.entry("万俟", "mo qi"),
            Map.entry("长孙", "zhang sun"), Map.entry("单于", "chan yu"), Map.entry("令狐", "ling hu"),
            Map.entry("皇甫", "huang fu"), Map.entry("东方", "dong fang"), Map.entry("慕容", "mu rong"),
            Map.entry("司徒", "si tu"), Map.entry("夏侯", "xia hou"), Map.entry("公孙", "gong sun"),
            Map.entry("宇文", "yu wen"), Map.entry("澹台", "tan tai"), Map.entry("轩辕", "xuan yuan"),
            Map.entry("端木", "duan mu"), Map.entry("呼延", "hu yan"), Map.entry("百里", "bai li"));

    private static final Map<Character, String> SURNAME_READINGS = Map.ofEntries(
            Map.entry('单', "shan"), Map.entry('曾', "zeng"), Map.entry('区', "ou"), Map.entry('解', "xie"),
            Map.entry('仇', "qiu"), Map.entry('朴', "piao"), Map.entry('查', "zha"), Map.entry('乐', "yue"),
            Map.entry('覃', "qin"), Map.entry('翟', "zhai"), Map.entry('盖', "ge"), Map.entry('缪', "miao"),
            Map.entry('尉', "yu"), Map.entry('员', "yun"), Map.entry('召', "shao"), Map.entry('重', "chong"),
            Map.entry('种', "chong"), Map.entry('秘', "bi"), Map.entry('繁', "po"), Map.entry('句', "gou"),
            Map.entry('薄', "bo"), Map.entry('宿', "su"), Map.entry('长', "chang"), Map.entry('朝', "chao"),
            Map.entry('华', "hua"), Map.entry('任', "ren"), Map.entry('纪', "ji"), Map.entry('隗', "wei"),
            Map.entry('冼', "xian"), Map.entry('过', "guo"), Map.entry('贾', "jia"), Map.entry('沈', "shen"),
            Map.entry('曲', "qu"), Map.entry('车', "che"), Map.entry('燕', "yan"), Map.entry('柏', "bai"),
            Map.entry('蔚', "yu"), Map.entry('能', "nai"), Map.entry('那', "na"), Map.entry('折', "she"));

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
    }

    /**
     * The readings of each character, looked up once: pinyin4j parses the character's table entry and formats every
     * reading again on each call, which made pinyin the largest part of building a search document (and so of the
     * projection's and a backfill's speed). Bounded well above the Han characters pinyin4j knows (about 21,000).
     */
    private static final LoadingCache<Character, List<String>> READINGS =
            Caffeine.newBuilder().maximumSize(40_000).build(Pinyin::lookUpReadings);

    private Pinyin() {
    }

    /** The pinyin forms of a text; empty lists when it has no Chinese characters. */
    public record Forms(List<String> full, List<String> spaced, List<String> initials) {

        public static final Forms NONE = new Forms(List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return full.isEmpty();
        }
    }

    /** Pinyin of a person's name: the surname (first one or two characters) takes its surname reading. */
    public static Forms ofPersonName(String name) {
        return forms(name, true);
    }

    /** Pinyin of any other text (company names): every reading of polyphonic characters. */
    public static Forms ofText(String text) {
        return forms(text, false);
    }

    /** True if the text contains at least one CJK ideograph. */
    public static boolean containsHan(String text) {
        return text != null && text.codePoints().anyMatch(Pinyin::isHan);
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static Forms forms(String text, boolean personName) {
        if (!containsHan(text)) {
            return Forms.NONE;
        }
        List<List<String>> syllables = syllables(text.strip(), personName);
        if (syllables.isEmpty()) {
            return Forms.NONE;
        }
        List<List<String>> variants = combine(syllables);
        Set<String> full = new LinkedHashSet<>();
        Set<String> spaced = new LinkedHashSet<>();
        Set<String> initials = new LinkedHashSet<>();
        for (List<String> variant : variants) {
            full.add(String.join("", variant));
            spaced.add(String.join(" ", variant));
            StringBuilder initial = new StringBuilder();
            variant.forEach(syllable -> initial.append(syllable.charAt(0)));
            initials.add(initial.toString());
        }
        return new Forms(List.copyOf(full), List.copyOf(spaced), List.copyOf(initials));
    }

    /** One list of alternative readings per syllable (or Latin/digit run). */
    private static List<List<String>> syllables(String text, boolean personName) {
        List<List<String>> result = new ArrayList<>();
        int i = 0;
        int hanSeen = 0;
        if (personName) {
            String compound = text.length() >= 2 ? COMPOUND_SURNAMES.get(text.substring(0, 2)) : null;
            if (compound != null) {
                for (String syllable : compound.split(" ")) {
                    result.add(List.of(syllable));
                }
                i = 2;
                hanSeen = 2;
            } else if (!text.isEmpty() && SURNAME_READINGS.containsKey(text.charAt(0))) {
                result.add(List.of(SURNAME_READINGS.get(text.charAt(0))));
                i = 1;
                hanSeen = 1;
            }
        }
        StringBuilder latin = new StringBuilder();
        while (i < text.length() && hanSeen < MAX_CHARACTERS) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isLetterOrDigit(codePoint) && codePoint < 0x250) {
                latin.appendCodePoint(Character.toLowerCase(codePoint));
                continue;
            }
            if (!latin.isEmpty()) {
                result.add(List.of(latin.toString()));
                latin.setLength(0);
            }
            if (isHan(codePoint)) {
                hanSeen++;
                List<String> readings = readings((char) codePoint);
                if (!readings.isEmpty()) {
                    result.add(readings);
                }
            }
        }
        if (!latin.isEmpty()) {
            result.add(List.of(latin.toString()));
        }
        return result;
    }

    private static List<String> readings(char character) {
        return READINGS.get(character);
    }

    private static List<String> lookUpReadings(char character) {
        String[] raw;
        try {
            raw = PinyinHelper.toHanyuPinyinStringArray(character, FORMAT);
        } catch (BadHanyuPinyinOutputFormatCombination impossible) {
            throw new IllegalStateException(impossible);
        }
        if (raw == null) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String reading : raw) {
            String clean = reading.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            if (clean.isEmpty()) {
                continue;
            }
            distinct.add(clean);
            if (clean.contains("v")) {
                distinct.add(clean.replace('v', 'u'));
            }
        }
        return List.copyOf(distinct);
    }

    /** The cartesian product of the readings, most common readings first, at most MAX_VARIANTS. */
    private static List<List<String>> combine(List<List<String>> syllables) {
        List<List<String>> variants = new ArrayList<>();
        variants.add(new ArrayList<>());
        for (List<String> readings : syllables) {
            List<List<String>> next = new ArrayList<>();
            for (String reading : readings) {
                for (List<String> prefix : variants) {
                    if (next.size() >= MAX_VARIANTS) {
                        break;
                    }
                    List<String> extended = new ArrayList<>(prefix);
                    extended.add(reading);
                    next.add(extended);
                }
            }
            variants = next;
        }
        return variants;
    }
}
