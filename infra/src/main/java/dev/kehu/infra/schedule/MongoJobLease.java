package dev.kehu.infra.schedule;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.kehu.command.schedule.OncePerSchedule;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Once per schedule slot across instances, through a lease in MongoDB (collection {@value #COLLECTION},
 * one document per job: {@code slot}, {@code owner}, {@code until}, {@code done}).
 * <p>
 * Written here because the well-kept library for this (ShedLock) is not available to this build; the
 * lease is one atomic {@code findOneAndUpdate}: an instance takes the job's document for a slot when
 * the document is for an older slot that is finished or whose holder's lease ran out, or is for the
 * same slot, unfinished, with its lease run out (the holder died). Every other instance finds nothing
 * to take. The holder renews its lease every third of {@link #leaseDuration} while the work runs and
 * marks the slot done when it ends (also when the work failed: a failure is logged and waits for the
 * next slot, as an unshared {@code @Scheduled} job's would). An instance that lost the race watches the
 * slot until it is done or a newer slot begins, and takes it over when the holder's lease runs out.
 */
public class MongoJobLease implements OncePerSchedule, AutoCloseable {

    public static final String COLLECTION = "scheduled_job_leases";
    private static final Logger LOG = LoggerFactory.getLogger(MongoJobLease.class);
    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> leases;
    private final String owner;
    private final Duration leaseDuration;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService takeovers;

    public MongoJobLease(MongoDatabase database, String owner, Duration leaseDuration, Clock clock) {
        this.leases = database.getCollection(COLLECTION);
        this.owner = owner;
        this.leaseDuration = leaseDuration;
        this.clock = clock;
        this.timer = Executors.newScheduledThreadPool(1, daemon("job-lease-" + owner));
        this.takeovers = Executors.newCachedThreadPool(daemon("job-takeover-" + owner));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public Duration leaseDuration() {
        return leaseDuration;
    }

    @Override
    public boolean run(String job, String slot, Runnable work) {
        if (acquire(job, slot)) {
            runHolding(job, slot, work);
            return true;
        }
        LOG.info("Job {} slot {} runs on another instance; watching it in case that instance dies", job, slot);
        watch(job, slot, work, leaseDuration.dividedBy(2));
        return false;
    }

    /** Takes the lease of {@code job} for {@code slot} if no live holder has it and the slot is not done. */
    boolean acquire(String job, String slot) {
        Date now = Date.from(clock.instant());
        Bson takeable = Filters.and(Filters.eq("_id", job), Filters.or(
                Filters.and(Filters.lt("slot", slot), Filters.or(Filters.eq("done", true), Filters.lt("until", now))),
                Filters.and(Filters.eq("slot", slot), Filters.eq("done", false), Filters.lt("until", now))));
        try {
            Document taken = leases.findOneAndUpdate(takeable, Updates.combine(Updates.set("slot", slot), Updates.set("owner", owner),
                            Updates.set("until", Date.from(clock.instant().plus(leaseDuration))), Updates.set("done", false),
                            Updates.set("startedAt", now)),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            return taken != null && owner.equals(taken.getString("owner")) && slot.equals(taken.getString("slot"));
        } catch (MongoCommandException | MongoWriteException e) {
            int code = e instanceof MongoCommandException command ? command.getErrorCode() : ((MongoWriteException) e).getError().getCode();
            if (code == DUPLICATE_KEY) {
                return false; // the document exists and is not takeable: the upsert's insert collided with it
            }
            throw e;
        }
    }

    private void runHolding(String job, String slot, Runnable work) {
        Bson mine = Filters.and(Filters.eq("_id", job), Filters.eq("owner", owner), Filters.eq("slot", slot));
        long renewMillis = Math.max(1, leaseDuration.toMillis() / 3);
        ScheduledFuture<?> renewal = timer.scheduleAtFixedRate(() -> {
            try {
                if (leases.updateOne(mine, Updates.set("until", Date.from(clock.instant().plus(leaseDuration)))).getMatchedCount() == 0) {
                    LOG.warn("Job {} slot {}: this instance lost its lease (renewed too late?)", job, slot);
                }
            } catch (RuntimeException e) {
                LOG.warn("Job {} slot {}: could not renew the lease: {}", job, slot, e.toString());
            }
        }, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        String outcome = "done";
        try {
            work.run();
        } catch (RuntimeException e) {
            outcome = "failed: " + e;
            LOG.error("Job {} slot {} failed; it runs again at its next slot", job, slot, e);
        } finally {
            renewal.cancel(false);
            Instant now = clock.instant();
            leases.updateOne(mine, Updates.combine(Updates.set("done", true), Updates.set("until", Date.from(now)),
                    Updates.set("finishedAt", Date.from(now)), Updates.set("outcome", outcome)));
        }
    }

    /** Checks the slot after {@code delay}: stops when it is done or superseded, takes it over when its holder's lease ran out. */
    private void watch(String job, String slot, Runnable work, Duration delay) {
        if (timer.isShutdown()) {
            return;
        }
        timer.schedule(() -> {
            try {
                Document lease = leases.find(Filters.eq("_id", job)).first();
                if (lease != null && (slot.compareTo(lease.getString("slot")) < 0
                        || slot.equals(lease.getString("slot")) && Boolean.TRUE.equals(lease.getBoolean("done")))) {
                    return;
                }
                if (acquire(job, slot)) {
                    LOG.warn("Job {} slot {}: the instance running it stopped renewing its lease; taking it over", job, slot);
                    takeovers.execute(() -> runHolding(job, slot, work));
                    return;
                }
                Instant until = lease == null || lease.getDate("until") == null ? clock.instant() : lease.getDate("until").toInstant();
                Duration wait = Duration.between(clock.instant(), until);
                watch(job, slot, work, wait.isNegative() || wait.toMillis() < 50 ? Duration.ofMillis(50) : wait.plusMillis(10));
            } catch (RuntimeException e) {
                LOG.warn("Job {} slot {}: could not check the lease (retrying): {}", job, slot, e.toString());
                watch(job, slot, work, leaseDuration.dividedBy(2));
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        takeovers.shutdownNow();
    }
}
