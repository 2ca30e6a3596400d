package dev.kehu.infra.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces a person's texts by {@code [erased]} wherever they occur in a stored document (a MongoDB view document or
 * an Elasticsearch source: maps, lists and strings). A text that equals one of the person's is replaced whole; one
 * that contains it is replaced in part when the person's text is distinctive enough not to hit unrelated values (at
 * least four characters, or two with a Chinese character: 王芳), so "37" as a shoe size never turns a date into
 * "20[erased]-…".
 *
 * <p>Hand-written: views are shaped by their projections, which know nothing of erasure; matching their values is
 * what lets one purge serve every view, including ones added later.
 */
final class Scrub {

    private Scrub() {
    }

    /** {@code value} with the texts replaced (maps and lists changed in place); the same value when none occurs. */
    @SuppressWarnings("unchecked")
    static Object value(Object value, Set<String> texts) {
        if (value instanceof String text) {
            return text(text, texts);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                entry.setValue(value(entry.getValue(), texts));
            }
            return map;
        }
        if (value instanceof List<?> list) {
            List<Object> scrubbed = new ArrayList<>(list.size());
            list.forEach(element -> scrubbed.add(value(element, texts)));
            try {
                ((List<Object>) list).clear();
                ((List<Object>) list).addAll(scrubbed);
                return list;
            } catch (UnsupportedOperationException immutable) {
                return scrubbed;
            }
        }
        return value;
    }

    static String text(String text, Set<String> texts) {
        if (texts.contains(text)) {
            return PersonalFields.Erased.ERASED;
        }
        String result = text;
        for (String personal : texts) {
            if (distinctive(personal) && result.contains(personal)) {
                result = result.replace(personal, PersonalFields.Erased.ERASED);
            }
        }
        return result;
    }

    private static boolean distinctive(String text) {
        return text.length() >= 4 || text.length() >= 2 && text.codePoints().anyMatch(c -> c >= 0x2E80);
    }
}
