package dev.kehu.infra.schedule;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.infra.eventstore.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two lease holders, each with its own client, on one embedded MongoDB-wire server, as two instances
 * of the application: whichever fires first, exactly one runs each schedule slot (also the one that
 * only watched while the other ran); a holder that dies mid-run (stops renewing) is taken over once its
 * lease runs out, and a later slot runs again.
 */
class MongoJobLeaseTest {

    private static final MongoTestServer server = new MongoTestServer();
    private static final String JOB = "tier-reevaluation";

    private MongoJobLease instanceA;
    private MongoJobLease instanceB;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        database = server.newDatabase();
        instanceA = new MongoJobLease(server.newClient().getDatabase(database.getName()), "节点-A", Duration.ofMillis(600), Clock.systemUTC());
        instanceB = new MongoJobLease(server.newClient().getDatabase(database.getName()), "node-B", Duration.ofMillis(600), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        instanceA.close();
        instanceB.close();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void exactlyOneInstanceRunsEachScheduleSlot() throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, List<String>> runners = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int day = 0; day < 25; day++) {
                String slot = LocalDate.of(2026, 12, 1).plusDays(day).toString();
                long workMillis = day % 3 == 0 ? 30 : 1;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Boolean>> fired = new ArrayList<>();
                for (MongoJobLease instance : List.of(instanceA, instanceB)) {
                    fired.add(pool.submit(() -> {
                        together.await(5, TimeUnit.SECONDS);
                        return instance.run(JOB, slot, () -> {
                            runs.computeIfAbsent(slot, s -> new AtomicInteger()).incrementAndGet();
                            runners.computeIfAbsent(slot, s -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                    .add(instance == instanceA ? "A" : "B");
                            sleep(workMillis);
                        });
                    }));
                }
                int ranHere = 0;
                for (Future<Boolean> f : fired) {
                    ranHere += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(ranHere).as("slot %s ran on exactly one instance at once", slot).isEqualTo(1);
            }
            Thread.sleep(1_500); // longer than a lease: a watcher that would wrongly take over has had its chance
            assertThat(runs).hasSize(25);
            runs.forEach((slot, count) -> assertThat(count.get()).as("runs of slot %s (%s)", slot, runners.get(slot)).isEqualTo(1));
            Document lease = database.getCollection(MongoJobLease.COLLECTION).find(Filters.eq("_id", JOB)).first();
            assertThat(lease.getString("slot")).isEqualTo("2026-12-25");
            assertThat(lease.getBoolean("done")).isTrue();
            // a slot that is done does not run again, whoever fires late
            assertThat(instanceB.run(JOB, "2026-12-25", () -> runs.get("2026-12-25").incrementAndGet())).isFalse();
            assertThat(instanceA.run(JOB, "2026-12-24", () -> runs.get("2026-12-24").incrementAndGet())).isFalse();
            Thread.sleep(800);
            assertThat(runs.get("2026-12-25").get()).isEqualTo(1);
            assertThat(runs.get("2026-12-24").get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInstanceThatDiesMidRunIsTakenOverWhenItsLeaseRunsOut() throws Exception {
        CountDownLatch aStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger aFinished = new AtomicInteger();
        Thread dying = new Thread(() -> instanceA.run(JOB, "2026-12-07", () -> {
            aStarted.countDown();
            try {
                never.await();
                aFinished.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        dying.setDaemon(true);
        dying.start();
        assertThat(aStarted.await(5, TimeUnit.SECONDS)).isTrue();

        CountDownLatch bRan = new CountDownLatch(1);
        assertThat(instanceB.run(JOB, "2026-12-07", bRan::countDown)).as("A holds a live lease").isFalse();
        Thread.sleep(1_000);
        assertThat(bRan.getCount()).as("A renews its lease while it lives").isEqualTo(1);
        Document held = database.getCollection(MongoJobLease.COLLECTION).find(Filters.eq("_id", JOB)).first();
        assertThat(held.getString("owner")).isEqualTo("节点-A");

        long died = System.nanoTime();
        instanceA.close(); // the instance dies: no more renewals (its work never finishes)
        assertThat(bRan.await(5, TimeUnit.SECONDS)).as("B takes the slot over").isTrue();
        long tookOverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - died);
        assertThat(tookOverMillis).as("not before the lease ran out").isGreaterThanOrEqualTo(200);
        awaitDone();
        Document lease = database.getCollection(MongoJobLease.COLLECTION).find(Filters.eq("_id", JOB)).first();
        assertThat(lease.getString("owner")).isEqualTo("node-B");
        assertThat(lease.getString("slot")).isEqualTo("2026-12-07");
        assertThat(aFinished.get()).isZero();

        AtomicInteger nextDay = new AtomicInteger();
        assertThat(instanceB.run(JOB, "2026-12-08", nextDay::incrementAndGet)).isTrue();
        assertThat(nextDay.get()).isEqualTo(1);
        never.countDown();
    }

    private void awaitDone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Document lease = database.getCollection(MongoJobLease.COLLECTION).find(Filters.eq("_id", JOB)).first();
            if (lease != null && Boolean.TRUE.equals(lease.getBoolean("done"))) {
                return;
            }
            assertThat(System.nanoTime()).as("the slot is marked done").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
