package dev.kehu.infra.operations;

import dev.kehu.infra.elasticsearch.ElasticsearchAddress;
import dev.kehu.infra.elasticsearch.ElasticsearchHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health}'s {@code elasticsearch} component: the search cluster answers with status green or
 * yellow ({@link ElasticsearchHealth}, which the search endpoints use too). DOWN takes the overall health down,
 * but not readiness: commands and the MongoDB views go on while search is away.
 */
class ElasticsearchHealthIndicator implements HealthIndicator {

    private final ElasticsearchHealth health;
    private final ElasticsearchAddress address;

    ElasticsearchHealthIndicator(ElasticsearchHealth health, ElasticsearchAddress address) {
        this.health = health;
        this.address = address;
    }

    @Override
    public Health health() {
        Health.Builder builder = health.isAvailable() ? Health.up() : Health.down();
        return builder.withDetail("embedded", address.embedded())
                .build();
    }
}
