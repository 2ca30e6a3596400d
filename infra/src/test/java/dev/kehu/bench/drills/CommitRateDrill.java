package dev.kehu.bench.drills;

import java.util.Map;

/** {@code commit_rate_durable} and {@code commit_rate_not_durable}, from a {@link CommitRateMeasurement}. */
public final class CommitRateDrill implements Drill {

    private final CommitRateMeasurement measurement;

    public CommitRateDrill(CommitRateMeasurement measurement) {
        this.measurement = measurement;
    }

    @Override
    public String name() {
        return "commit-rate";
    }

    @Override
    public void run(DrillContext context, Map<String, Object> results) throws Exception {
        CommitRateMeasurement.CommitRates rates = measurement.measure(context.runDir());
        results.put("commit_rate_durable", rates.durable());
        results.put("commit_rate_not_durable", rates.notDurable());
        results.put("commit_rate_method", rates.method());
        DrillContext.log("commit rate: durable %s, not durable %s commits/s (%s)", rates.durable(), rates.notDurable(),
                rates.method());
    }
}
