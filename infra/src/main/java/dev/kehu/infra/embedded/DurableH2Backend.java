package dev.kehu.infra.embedded;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kehu.infra.embedded.store.LogFile;
import dev.kehu.infra.embedded.store.StoreBackend;
import dev.kehu.infra.embedded.store.StoreFile;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * Kehu's MVStore backend ({@link StoreBackend}) with durable replies: the server answers a request only once
 * everything written before the answer is on disk. A wrapper: requests are handled by {@link StoreBackend}; this
 * class decides when what they wrote is made durable. Why: mongo-java-server's {@code H2Backend} commits about once a
 * second and never syncs, so a killed process lost acknowledged writes (and readers had copied them).
 *
 * <ul>
 *   <li><b>Group commit.</b> A round makes everything written so far durable ({@link StoreJournal}: the changes
 *       appended to the store's log and synced; about once a second, a checkpoint: the MVStore committed and synced),
 *       then wakes every request it covers. A request whose reply needs a round runs it itself when none is running;
 *       requests that arrive while a round syncs share the next one. A background thread checkpoints.</li>
 *   <li><b>No phantoms.</b> Every reply, whatever the command, waits until all data written before it was computed
 *       is durable. Fast path: when nothing is unsaved and the last round has synced, a reply waits for nothing.</li>
 *   <li><b>Unjournaled writes.</b> A write sent with {@code writeConcern: {j: false}} is answered once applied, as
 *       MongoDB answers it before its journal is flushed; the next reply that waits (to any caller) covers it, so a
 *       command's claims and append share one round. Readers still never see it before it is durable.</li>
 *   <li><b>Whole requests.</b> A round never takes the changes of a half-done writing request: writing requests
 *       share a read lock, the round takes the write lock. Reading commands do not take it; MVStore reads are safe
 *       during a commit.</li>
 *   <li><b>No other commits.</b> Auto-commit is off, so only rounds write the files. Housekeeping
 *       ({@link FileHousekeeping}) runs in checkpoints, or, to shrink the file, after a second without any round.</li>
 *   <li><b>Failure.</b> When a write or sync fails, the data on disk can no longer be trusted to match what was
 *       answered: every waiting and later request fails until the server is restarted.</li>
 * </ul>
 */
final class DurableH2Backend extends PassThroughBackend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    private static final long IDLE_ROUND_MS = 1_000;

    private final MVStore store;
    private final StoreJournal journal;
    /** Runs a round's sync; tests slow it down or hold it. */
    private final Consumer<Runnable> sync;
    /** Writing requests hold it shared; a commit holds it exclusively. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Object rounds = new Object();
    /** Rounds whose commit is done; changed under the gate's write lock. */
    private volatile long committed;
    /** Rounds whose sync is done: everything they committed is on disk. */
    private volatile long durable;
    /** Whether a round is being run (by a waiting request or the idle committer). Guarded by {@code rounds}. */
    private boolean roundRunning;
    private final AtomicLong requestRounds = new AtomicLong();
    private volatile RuntimeException failure;
    private volatile boolean running = true;
    /** Rounds synced when the idle committer last looked; unchanged a tick later means idle. */
    private long durableAtLastTick = -1;
    /** Rounds synced when the file was last shrunk: it is shrunk at most once between rounds. */
    private long shrunkAtRound = -1;
    private final Thread syncer;

    /**
     * Opens (or creates) the MVStore file with auto-commit off and starts the idle committer. The rounds answered
     * after the last checkpoint are first replayed from the log ({@link StoreFile#recover}); a file mostly made of
     * old versions is then rewritten with only its live data ({@link StoreFile#compactIfSparse}).
     */
    static DurableH2Backend open(Path file) {
        StoreFile.recover(file);
        StoreFile.compactIfSparse(file);
        MVStore store = StoreFile.builder(file).open();
        DurableH2Backend backend = new DurableH2Backend(store, LogFile.of(file), Runnable::run);
        StoreFile.sync(file.toAbsolutePath().getParent()); // a new file's directory entry is on disk too
        return backend;
    }

    /** On the store's change log {@code logFile} ({@link LogFile#of}); {@code sync} runs a round's sync (tests). */
    DurableH2Backend(MVStore store, Path logFile, Consumer<Runnable> sync) {
        this(store, logFile, sync, null);
    }

    /** {@code backend}: null for ours; benchmarks pass the stock H2 backend (no log: every round a checkpoint). */
    DurableH2Backend(MVStore store, Path logFile, Consumer<Runnable> sync, Function<MVStore, MongoBackend> backend) {
        this(store, new StoreJournal(store, backend == null ? logFile : null), sync, backend);
    }

    private DurableH2Backend(MVStore store, StoreJournal journal, Consumer<Runnable> sync,
                             Function<MVStore, MongoBackend> backend) {
        super(backend != null ? backend.apply(store) : new StoreBackend(store, journal.changes()));
        this.store = store;
        this.journal = journal;
        this.sync = sync;
        round(true); // opening may have changed the store (a new file's header, a database's maps, a conversion)
        this.syncer = new Thread(this::runSyncer, "mongo-h2-idle-commit");
        this.syncer.setDaemon(true);
        this.syncer.start();
    }

    /** Rounds run for requests that waited for them (not the idle committer's checkpoints). */
    long syncs() {
        return requestRounds.get();
    }

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
            return journal.hasUnsaved() ? committed + 1 : committed;
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
            requestRounds.incrementAndGet();
            leadRound(false);
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
    private void leadRound(boolean checkpoint) {
        try {
            round(checkpoint);
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

    /** Checkpoints once a second while anything is unsaved; shrinks a sparse file once idle. */
    private void runSyncer() {
        while (running && failure == null) {
            if (!pause()) {
                return;
            }
            boolean shrink;
            synchronized (rounds) {
                if (!running || roundRunning) {
                    continue;
                }
                shrink = !store.hasUnsavedChanges();
                if (!shrink) {
                    if (!journal.checkpointDue()) {
                        continue;
                    }
                    roundRunning = true;
                } else if (durable == durableAtLastTick && durable != shrunkAtRound
                        && journal.housekeeping().worthShrinking()) {
                    roundRunning = true; // keeps rounds out while the file is shrunk
                } else {
                    durableAtLastTick = durable;
                    continue;
                }
            }
            if (shrink) {
                shrinkWhileIdle();
            } else {
                leadRound(true);
            }
        }
    }

    /** Waits a second, or until closed (false); not by interrupt, which in a checkpoint's I/O closes the file. */
    private boolean pause() {
        long until = System.nanoTime() + IDLE_ROUND_MS * 1_000_000;
        synchronized (rounds) {
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                try {
                    rounds.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return running;
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
                    journal.housekeeping().shrink();
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

    /**
     * Takes everything written so far (between whole writing requests) into the log, or commits it ({@code
     * checkpoint}), syncs it, wakes whom it covers.
     */
    private void round(boolean checkpoint) {
        long round;
        try {
            Runnable toDisk;
            gate.writeLock().lock();
            try {
                round = committed + 1;
                toDisk = journal.underGate(checkpoint);
                committed = round;
            } finally {
                gate.writeLock().unlock();
            }
            sync.accept(toDisk);
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

    @Override
    public void close() {
        synchronized (rounds) {
            running = false;
            rounds.notifyAll();
        }
        try { // not interrupted: it may be in a checkpoint's file I/O (see pause)
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
            round(true);
        }
        journal.close();
        delegate.close(); // closes the MVStore, which stores what is left
    }

    @Override
    public String toString() {
        return "DurableH2Backend[" + store.getFileStore().getFileName() + "]";
    }
}
