package dev.kehu.bench.drills;

import java.util.Map;

/** One fault drill: runs against the context's application and puts its figures into {@code results}. */
public interface Drill {

    /** The name used in {@code -Ddrills=…}. */
    String name();

    void run(DrillContext context, Map<String, Object> results) throws Exception;
}
