package dev.kehu.bench.drills;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Small helpers of every drill: sleeping, percentiles, rounding. */
public final class Timing {

    private Timing() {
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The {@code p}-th percentile (nearest rank) of the values; null when there are none. */
    public static Double percentile(Collection<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return round(sorted.get(Math.max(0, rank - 1)));
    }

    public static Double round(Double value) {
        return value == null ? null : Math.round(value * 10.0) / 10.0;
    }

    public static double seconds(long fromNanos) {
        return Math.round((System.nanoTime() - fromNanos) / 1e8) / 10.0;
    }
}
