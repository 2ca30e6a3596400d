package dev.kehu.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The schedule of ProjectionControl, SegmentBalancer and ProjectionRebuilds runs again after a stop and a start. */
class RepeatingTaskTest {

    @Test
    void runsAgainAfterAStopAndAStart() throws Exception {
        Semaphore runs = new Semaphore(0);
        RepeatingTask task = new RepeatingTask("repeating-task-test");
        task.start(runs::release, Duration.ZERO, Duration.ofMillis(10));
        assertThat(runs.tryAcquire(2, 10, TimeUnit.SECONDS)).as("runs repeatedly").isTrue();
        task.stop();
        Thread.sleep(50);
        runs.drainPermits();
        Thread.sleep(100);
        assertThat(runs.availablePermits()).as("no run after stop").isZero();

        task.start(runs::release, Duration.ZERO, Duration.ofMillis(10));
        assertThat(runs.tryAcquire(2, 10, TimeUnit.SECONDS)).as("runs again after a new start").isTrue();
        task.stop();
    }
}
