package dev.kehu.events;

/**
 * Keys of the message metadata every stored event carries. Time, actor, reason and correlation
 * travel here rather than in event payloads (events are forever: payloads hold facts, metadata says who, when and why).
 */
public final class MetadataKeys {

    /** The stable id of the authenticated user (or system job) that issued the command. Always present. */
    public static final String ACTOR = "actor";
    /** The acting user's display name when sign-in gives one (the actor id stays the stable key). */
    public static final String ACTOR_NAME = "actorName";
    /** The person an INTEGRATION caller (the ERP) said it acts for; the actor is then the integration. */
    public static final String ON_BEHALF_OF = "onBehalfOf";
    /** Why the change was made, when the caller gave a reason. */
    public static final String REASON = "reason";
    /** Identifier shared by all messages that stem from one external request. Always present. */
    public static final String CORRELATION_ID = "correlationId";
    /** Identifier of the message (usually the command) that directly caused this one. Always present. */
    public static final String CAUSATION_ID = "causationId";

    private MetadataKeys() {
    }
}
