package dev.kehu.infra.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The {@code _id} range a query allows. A conditional update by {@code _id} that the Java driver sends as
 * {@code {$and: [{_id: x}, {owner: y}]}} must read one key, not the whole collection (claims, idempotency records and
 * leases are updated that way on every command); the other clauses are still matched, so such a range never decides
 * alone.
 */
class IdRangeTest {

    @Test
    void anIdClauseInsideAndBoundsTheScan() {
        IdRange range = IdRange.of(new Document("$and", List.of(new Document("_id", "mobile:13800138000"),
                new Document("customerId", "客户-1"))), "_id");

        assertThat(range).isNotEqualTo(IdRange.ALL);
        assertThat(range.above("mobile:13800138000")).isTrue();
        assertThat(range.above("mobile:1380013799")).isFalse();
        assertThat(range.beyond("mobile:13800138000")).isFalse();
        assertThat(range.beyond("mobile:138001380000")).isTrue();
        assertThat(range.decides("mobile:13800138000")).as("the customerId clause still applies").isFalse();
    }

    @Test
    void boundsInsideAndKeepTheirSidesButNeverDecide() {
        IdRange range = IdRange.of(new Document("$and", List.of(new Document("state", "IN_PROGRESS"),
                new Document("_id", new Document("$gte", 30L).append("$lt", 36L)))), "_id");

        assertThat(range.above(30L)).isTrue();
        assertThat(range.above(29L)).isFalse();
        assertThat(range.beyond(35L)).isFalse();
        assertThat(range.beyond(36L)).isTrue();
        assertThat(range.decides(31L)).isFalse();
    }

    @Test
    void anAndWithoutAnIdClauseReadsEverything() {
        assertThat(IdRange.of(new Document("$and", List.of(new Document("owner", "Acme"),
                new Document("slot", 1))), "_id")).isEqualTo(IdRange.ALL);
        assertThat(IdRange.of(new Document("$and", List.of(new Document("_id",
                new Document("$in", List.of("a", "b"))))), "_id")).isEqualTo(IdRange.ALL);
    }

    @Test
    void aPlainIdBoundAloneStillDecides() {
        IdRange range = IdRange.of(new Document("_id", new Document("$gt", "a").append("$lte", "c")), "_id");

        assertThat(range.decides("b")).isTrue();
        assertThat(range.above("a")).isFalse();
        assertThat(range.beyond("c")).isFalse();
    }
}
