package dev.kehu.infra.eventstore;

/**
 * An event holds a string that BSON cannot store unchanged: a lone UTF-16 surrogate (a high surrogate not followed
 * by a low one, or a low one alone) has no UTF-8 form. Stored anyway it would come back as U+FFFD, so the event
 * would read differently from what was written and its hash would no longer match. Thrown before anything of the
 * commit is written; the REST layer refuses such input earlier with a 400.
 */
public class UnstorableStringException extends IllegalArgumentException {

    private final String field;
    private final int index;
    private final char surrogate;

    UnstorableStringException(int index, char surrogate) {
        this(null, index, surrogate);
    }

    private UnstorableStringException(String field, int index, char surrogate) {
        super("the string " + (field == null ? "" : "in field '" + field + "' ") + "holds a lone UTF-16 surrogate "
                + String.format("U+%04X", (int) surrogate) + " at index " + index
                + "; it has no UTF-8 form, so the event store cannot keep it unchanged");
        this.field = field;
        this.index = index;
        this.surrogate = surrogate;
    }

    /** This failure, its field path prefixed with the enclosing document's {@code key}. */
    UnstorableStringException within(String key) {
        return new UnstorableStringException(field == null ? key : key + "." + field, index, surrogate);
    }

    /** The dotted path of the field within the event document (e.g. {@code payload.profile.chineseName}). */
    public String field() {
        return field;
    }
}
