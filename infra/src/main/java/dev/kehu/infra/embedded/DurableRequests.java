package dev.kehu.infra.embedded;

import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;

/** How {@link DurableH2Backend} treats a request: whether it writes, whether its caller waits for the disk. */
final class DurableRequests {

    /** The {@code buildInfo} field that announces durable replies (read by the event store's commit writer). */
    static final String DURABLE_REPLIES = "kehuDurableReplies";

    /** Commands that only read: they run without the commit lock (their reply still waits for durability). */
    private static final Set<String> READING_COMMANDS = Set.of("find", "getmore", "count", "distinct",
            "listcollections", "listindexes", "listdatabases", "ismaster", "hello", "buildinfo", "ping",
            "whatsmyuri", "serverstatus", "dbstats", "collstats", "killcursors", "endsessions", "getlasterror",
            "connectionstatus", "hostinfo", "getcmdlineopts", "getlog", "getfreemonitoringstatus",
            "replsetgetstatus");

    private DurableRequests() {
    }

    static boolean isReading(String command) {
        return READING_COMMANDS.contains(command.toLowerCase(Locale.ROOT));
    }

    /**
     * False for a command sent with {@code writeConcern: {j: false}}: its caller does not wait for the journal, as
     * on MongoDB ("Unjournaled writes" in {@link DurableH2Backend}).
     */
    static boolean waitsForDisk(Document command) {
        return !(command.get("writeConcern") instanceof Document concern
                && Boolean.FALSE.equals(concern.get("j")));
    }

    /**
     * {@code buildInfo} says {@value #DURABLE_REPLIES}: true, so that a client (the event store) knows that any reply
     * of this server waits for the disk and may insert unjournaled and wait afterwards, outside its own locks.
     */
    static Document announced(String command, Document reply) {
        if ("buildinfo".equalsIgnoreCase(command) && reply != null) {
            reply.put(DURABLE_REPLIES, true);
        }
        return reply;
    }
}
