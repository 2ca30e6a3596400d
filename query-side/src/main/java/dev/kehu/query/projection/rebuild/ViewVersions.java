package dev.kehu.query.projection.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which version of each view group's collections queries read: one small document per group in {@value #COLLECTION}
 * ({@code _id} = group, {@code current} = version; none means version 0). Version 0 is the plain collection names,
 * version n the names with {@code _v<n>} appended. A rebuild writes version n + 1 beside the live one and switches
 * {@code current} when it has caught up.
 * <p>
 * Everything reads the views through {@link #routing}: a {@link MongoDatabase} whose {@code getCollection} turns a
 * view collection's plain name into the current version's name (every other name passes unchanged), so controllers
 * and the live processors need no change to follow a switch. The versions (all groups in one query) are read again
 * every half {@code cacheFor} on a background thread while queries ask for them, so request threads do not wait for
 * MongoDB; a request that finds them older than {@code cacheFor} (the background read failed or is late) reads them
 * itself. Either way a switch reaches every instance within {@code cacheFor}. (One value refreshed by time: a
 * volatile snapshot and one daemon thread that ends when nobody has asked for a while are enough, no cache library
 * or scheduler to shut down.)
 */
public class ViewVersions {

    public static final String COLLECTION = "projection_versions";
    /** How long an instance trusts the versions it read; a switch waits this long before the live processor writes again. */
    public static final Duration CACHE_FOR = Duration.ofMillis(500);

    private final MongoDatabase database;
    private final MongoCollection<Document> versions;
    private final long cacheNanos;
    private volatile Snapshot snapshot;
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long askedAt;

    public ViewVersions(MongoDatabase database, Duration cacheFor) {
        this.database = database;
        this.versions = database.getCollection(COLLECTION);
        this.cacheNanos = cacheFor.toNanos();
        // stale from the start, so the first request reads them (Long.MIN_VALUE would overflow the age and never be stale)
        this.snapshot = new Snapshot(Map.of(), System.nanoTime() - cacheNanos - 1);
    }

    /** The database the versions are read from, without routing. */
    public MongoDatabase database() {
        return database;
    }

    public Duration cacheFor() {
        return Duration.ofNanos(cacheNanos);
    }

    /** The version queries read for {@code group} now (0 when never switched). */
    public int current(String group) {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        askedAt = now;
        if (now - current.readAt > cacheNanos) {
            current = refresh();
        }
        if (!refreshing.get() && refreshing.compareAndSet(false, true)) {
            Thread thread = new Thread(this::refreshWhileAsked, "view-versions-refresh");
            thread.setDaemon(true);
            thread.start();
        }
        return current.versions.getOrDefault(group, 0);
    }

    /** Reads the versions every half {@code cacheFor} until nobody has asked for them for twenty times {@code cacheFor}. */
    private void refreshWhileAsked() {
        long idle = Math.max(cacheNanos * 20, Duration.ofSeconds(10).toNanos());
        try {
            while (System.nanoTime() - askedAt < idle) {
                Thread.sleep(Math.max(1, cacheNanos / 2_000_000));
                try {
                    refresh();
                } catch (RuntimeException e) {
                    // the next request past cacheFor reads them itself, and reports the failure
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            refreshing.set(false);
        }
    }

    /** Reads the versions again at once (after this instance switched one). */
    public Snapshot refresh() {
        long startedAt = System.nanoTime(); // as old as the read may be
        Map<String, Integer> read = new HashMap<>();
        for (Document version : versions.find()) {
            if (version.get("current") instanceof Number number) {
                read.put(version.getString("_id"), number.intValue());
            }
        }
        Snapshot fresh = new Snapshot(Map.copyOf(read), startedAt);
        synchronized (this) { // a background read that started earlier does not overwrite a later one
            if (snapshot.readAt() <= startedAt) {
                snapshot = fresh;
            }
            return snapshot;
        }
    }

    /** The name of {@code collection} in {@code version}. */
    public static String name(String collection, int version) {
        return version == 0 ? collection : collection + "_v" + version;
    }

    /** Drops {@code group}'s collections of {@code version} that exist. */
    public static void drop(MongoDatabase database, String group, int version) {
        java.util.Set<String> existing = database.listCollectionNames().into(new java.util.HashSet<>());
        for (String collection : ProjectionCollections.of(group)) {
            if (existing.contains(name(collection, version))) {
                database.getCollection(name(collection, version)).drop();
            }
        }
    }

    /** The name queries read for {@code collection} now: the current version's for a view collection, else itself. */
    public String currentName(String collection) {
        String group = ProjectionCollections.groupOf(collection);
        return group == null ? collection : name(collection, current(group));
    }

    /** {@code database} with the view collections renamed to their current version. */
    public MongoDatabase routing(MongoDatabase database) {
        return renaming(database, this::currentName);
    }

    /** {@code database} with {@code group}'s collections renamed to {@code version} (what a rebuild writes). */
    public static MongoDatabase databaseFor(MongoDatabase database, String group, int version) {
        return renaming(database, collection -> group.equals(ProjectionCollections.groupOf(collection)) ? name(collection, version) : collection);
    }

    /**
     * A {@link MongoDatabase} whose {@code getCollection(name[, class])} opens {@code rename(name)}: a dynamic proxy,
     * because the driver's interface has some fifty methods and only these two change.
     */
    static MongoDatabase renaming(MongoDatabase database, UnaryOperator<String> rename) {
        return (MongoDatabase) Proxy.newProxyInstance(MongoDatabase.class.getClassLoader(), new Class<?>[]{MongoDatabase.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getCollection") && args != null && args[0] instanceof String name) {
                        args = args.clone();
                        args[0] = rename.apply(name);
                    }
                    if (method.getDeclaringClass() == Object.class && method.getName().equals("toString")) {
                        return "renaming " + database;
                    }
                    try {
                        return method.invoke(database, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The versions read at one time. */
    public record Snapshot(Map<String, Integer> versions, long readAt) {
    }
}
