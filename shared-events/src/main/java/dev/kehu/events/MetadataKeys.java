package dev.kehu.events;

/**
 * Keys of the message metadata every stored event carries. Time, actor, reason and correlation
 * travel here rather than in event payloads (events are forever: payloads hold facts, metadata says who, when and why).
 */
public final class MetadataKeys {

    /** The user who issued the command that produced the event. Always present. */
    public static final String ACTOR = "actor";
    /** Why the change was made, when the caller gave a reason. */
    public static final String REASON = "reason";
    /** Identifier shared by all messages that stem from one external request. Always present. */
    public static final String CORRELATION_ID = "correlationId";
    /** Identifier of the message (usually the command) that directly caused this one. Always present. */
    public static final String CAUSATION_ID = "causationId";

    private MetadataKeys() {
    }
}
