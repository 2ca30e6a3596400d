package dev.kehu.infra.embedded;

import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kehu.infra.embedded.store.StoreBackend;
import dev.kehu.infra.embedded.store.StoreFile;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * Kehu's MVStore backend ({@link StoreBackend}: documents as BSON in {@code _id} order; it replaced
 * mongo-java-server's own H2 backend, whose files it converts on opening) with durable replies: the server answers a
 * request only once everything written before the answer is committed to the MVStore file and synced to disk
 * ({@code FileChannel.force}). A wrapper, not a copy: requests are handled by {@link StoreBackend}; this class
 * decides when the file is committed and synced.
 *
 * <p>Why: {@code new H2Backend(file)} opens its MVStore with auto-commit about once a second and never syncs, so a
 * killed process lost up to a second of acknowledged writes, and their positions were then reused by new events.
 * Worse, readers had been answered with those writes (views and the search index copied events that no longer
 * exist).
 *
 * <ul>
 *   <li><b>Group commit.</b> A round commits the MVStore (everything written so far, as one chunk), then syncs the
 *       file, then wakes every request it covers. A request whose reply needs a round runs it itself when none is
 *       running (no hand-over to another thread); requests that arrive while a round syncs wait and share the next
 *       one, run by one of them. A background thread commits what no request waits for once a second.</li>
 *   <li><b>No phantoms.</b> Every reply, whatever the command, waits until all data written before it was computed
 *       is durable; so no reader can copy a write that a crash would take back. Fast path: when nothing is unsaved
 *       and the last round has synced, a reply waits for nothing.</li>
 *   <li><b>Unjournaled writes.</b> A write sent with {@code writeConcern: {j: false}} is answered once applied,
 *       without waiting for a round, as MongoDB answers it before its journal is flushed. The next reply that
 *       waits (to this caller or any other) covers it, so a command that makes several writes and ends with an
 *       ordinary one (claims, then the append) waits for one round instead of one per write. Readers still never
 *       see it before it is durable: their replies wait as above.</li>
 *   <li><b>Whole requests.</b> A commit never runs while a writing request is half done (a document without its
 *       index entries would survive a crash otherwise): writing requests share a read lock, the commit takes the
 *       write lock. Reading commands (find, getMore, count, …) do not take it, so a long scan never holds a commit
 *       back; MVStore reads are safe during a commit.</li>
 *   <li><b>No other commits.</b> The MVStore is opened with auto-commit off (no background writer, no commit when
 *       unsaved memory grows), so only rounds write the file. Its housekeeping ({@link FileHousekeeping}) is done
 *       in a round too, or, to shrink the file, after a second without any round, with rounds held back.</li>
 *   <li><b>Failure.</b> When a commit or sync fails, the data on disk can no longer be trusted to match what was
 *       answered: every waiting and later request fails until the server is restarted.</li>
 * </ul>
 */
final class DurableH2Backend extends PassThroughBackend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    private static final long IDLE_ROUND_MS = 1_000;

    private final MVStore store;
    private final Consumer<MVStore> sync;
    /** Writing requests hold it shared; a commit holds it exclusively. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Object rounds = new Object();
    /** Rounds whose commit is done; changed under the gate's write lock. */
    private volatile long committed;
    /** Rounds whose sync is done: everything they committed is on disk. */
    private volatile long durable;
    /** Whether a round is being run (by a waiting request or the idle committer). Guarded by {@code rounds}. */
    private boolean roundRunning;
    private volatile RuntimeException failure;
    private volatile boolean running = true;
    private final FileHousekeeping housekeeping;
    /** Rounds synced when the idle committer last looked; unchanged a tick later means idle. */
    private long durableAtLastTick = -1;
    /** Rounds synced when the file was last shrunk: it is shrunk at most once between rounds. */
    private long shrunkAtRound = -1;
    private final Thread syncer;

    /**
     * Opens (or creates) the MVStore file with auto-commit off and starts the idle committer. A file mostly made of
     * old versions is first rewritten with only its live data ({@link StoreFile#compactIfSparse}).
     */
    static DurableH2Backend open(Path file) {
        StoreFile.compactIfSparse(file);
        MVStore store = StoreFile.builder(file).open();
        DurableH2Backend backend = new DurableH2Backend(store, MVStore::sync);
        StoreFile.sync(file.toAbsolutePath().getParent()); // a new file's directory entry is on disk too
        return backend;
    }

    /** @param sync syncs the store's file; tests slow it down */
    DurableH2Backend(MVStore store, Consumer<MVStore> sync) {
        this(store, sync, StoreBackend::new);
    }

    /**
     * @param backend the backend on the store that handles the requests; benchmarks pass mongo-java-server's own H2
     *                backend to compare it with ours under the same durability
     */
    DurableH2Backend(MVStore store, Consumer<MVStore> sync, Function<MVStore, MongoBackend> backend) {
        super(backend.apply(store));
        this.store = store;
        this.sync = sync;
        this.housekeeping = new FileHousekeeping(store);
        round(); // opening may have changed the store (a new file's header, a database's maps)
        this.syncer = new Thread(this::runSyncer, "mongo-h2-idle-commit");
        this.syncer.setDaemon(true);
        this.syncer.start();
    }

    /** Rounds synced so far (each is one commit and one sync). */
    long syncs() {
        return durable;
    }

    // ------------------------------------------------------------------------------------------------ requests

    @Override
    public Document handleMessage(MongoMessage message) {
        Document document = message.getDocument();
        String command = document.keySet().iterator().next();
        return DurableRequests.announced(command, durably(DurableRequests.isReading(command),
                DurableRequests.waitsForDisk(document),
                () -> delegate.handleMessage(message)));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return DurableRequests.announced(command, durably(DurableRequests.isReading(command),
                DurableRequests.waitsForDisk(query),
                () -> delegate.handleCommand(channel, database, command, query)));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return durably(true, true, () -> delegate.handleQuery(query));
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return durably(true, true, delegate::getServerStatus);
    }

    @Override
    public void dropDatabase(String database) {
        durably(false, true, () -> {
            delegate.dropDatabase(database);
            return null;
        });
    }

    /**
     * Runs a request (writing ones under the shared gate), then, unless its caller asked not to, waits until
     * everything written before its reply is durable, also when it failed (an ordered insert may have written part
     * of its documents).
     */
    private <T> T durably(boolean reading, boolean waitForDisk, Supplier<T> request) {
        failIfBroken();
        T result;
        try {
            result = reading ? request.get() : underGate(request);
        } catch (RuntimeException e) {
            if (waitForDisk) {
                awaitDurable(roundNeeded());
            }
            throw e;
        }
        if (waitForDisk) {
            awaitDurable(roundNeeded());
        }
        return result;
    }

    private <T> T underGate(Supplier<T> request) {
        gate.readLock().lock();
        try {
            return request.get();
        } finally {
            gate.readLock().unlock();
        }
    }

    /**
     * The round that makes everything written so far durable. With the gate held no commit runs: what is unsaved now
     * goes into the next round; what is saved was committed by a round up to {@code committed}.
     */
    private long roundNeeded() {
        gate.readLock().lock();
        try {
            return store.hasUnsavedChanges() ? committed + 1 : committed;
        } finally {
            gate.readLock().unlock();
        }
    }

    /**
     * Waits until round {@code needed} has synced. A waiter that finds no round running runs the next one itself (it
     * covers every waiter: it starts after they all computed what they need), so a sync costs no hand-over to
     * another thread; the others wait for it.
     */
    private void awaitDurable(long needed) {
        if (durable >= needed) {
            failIfBroken();
            return;
        }
        boolean interrupted = false;
        while (true) {
            boolean lead = false;
            synchronized (rounds) {
                while (durable < needed && failure == null && running) {
                    if (!roundRunning) {
                        roundRunning = true;
                        lead = true;
                        break;
                    }
                    try {
                        rounds.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (!lead) {
                break;
            }
            leadRound();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        failIfBroken();
        if (durable < needed) {
            throw new MongoServerException("The server is shutting down; the write may not be on disk");
        }
    }

    /** Runs a round after claiming it ({@code roundRunning}), then lets the next one be claimed. */
    private void leadRound() {
        try {
            round();
        } finally {
            synchronized (rounds) {
                roundRunning = false;
                rounds.notifyAll();
            }
        }
    }

    private void failIfBroken() {
        RuntimeException broken = failure;
        if (broken != null) {
            throw new MongoServerException("The data file could not be synced; restart the server", broken);
        }
    }

    // ------------------------------------------------------------------------------------------------ rounds

    /** Commits what no request waits for (maintenance, a database's maps) at least once a second. */
    private void runSyncer() {
        while (running && failure == null) {
            try {
                Thread.sleep(IDLE_ROUND_MS);
            } catch (InterruptedException e) {
                return;
            }
            boolean shrink;
            synchronized (rounds) {
                if (!running || roundRunning) {
                    continue;
                }
                shrink = !store.hasUnsavedChanges();
                if (!shrink) {
                    roundRunning = true;
                } else if (durable == durableAtLastTick && durable != shrunkAtRound && housekeeping.worthShrinking()) {
                    roundRunning = true; // keeps rounds out while the file is shrunk
                } else {
                    durableAtLastTick = durable;
                    continue;
                }
            }
            if (shrink) {
                shrinkWhileIdle();
            } else {
                leadRound();
            }
        }
    }

    /**
     * After a second with no round at all, shrinks a sparse file ({@link FileHousekeeping#shrink}) under the gate's
     * write lock, with nothing unsaved: no request's data is in what it commits, and none waits for it.
     */
    private void shrinkWhileIdle() {
        try {
            gate.writeLock().lock();
            try {
                if (!store.hasUnsavedChanges()) {
                    housekeeping.shrink();
                }
            } finally {
                gate.writeLock().unlock();
            }
        } catch (RuntimeException e) {
            log.warn("Could not shrink the embedded MongoDB data file while idle; it stays as it is", e);
        } finally {
            synchronized (rounds) {
                shrunkAtRound = durable;
                roundRunning = false;
                rounds.notifyAll();
            }
        }
    }

    /** Commits everything written so far (between whole writing requests), syncs it, wakes whom it covers. */
    private void round() {
        long round;
        try {
            gate.writeLock().lock();
            try {
                round = committed + 1;
                housekeeping.inRound();
                store.commit();
                committed = round;
            } finally {
                gate.writeLock().unlock();
            }
            sync.accept(store);
        } catch (RuntimeException e) {
            log.error("Could not commit and sync the embedded MongoDB data file; refusing further requests", e);
            synchronized (rounds) {
                failure = e;
                rounds.notifyAll();
            }
            return;
        }
        synchronized (rounds) {
            durable = round;
            rounds.notifyAll();
        }
    }

    // ------------------------------------------------------------------------------------------------ the rest

    @Override
    public void close() {
        synchronized (rounds) {
            running = false;
            rounds.notifyAll();
        }
        syncer.interrupt();
        try {
            syncer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (rounds) {
            while (roundRunning) {
                try {
                    rounds.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            roundRunning = true;
        }
        if (failure == null) {
            round();
        }
        delegate.close(); // closes the MVStore, which stores what is left
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }

    @Override
    public String toString() {
        return "DurableH2Backend[" + store.getFileStore().getFileName() + "]";
    }
}
