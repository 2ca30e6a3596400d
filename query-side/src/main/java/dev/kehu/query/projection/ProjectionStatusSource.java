package dev.kehu.query.projection;

import java.util.Map;

/**
 * The status of every processing group by name, for {@code GET /api/projections}; provided by the
 * operations package ({@code ProjectionStatuses}), which builds on this package.
 */
public interface ProjectionStatusSource {

    Map<String, Map<String, Object>> all();
}
