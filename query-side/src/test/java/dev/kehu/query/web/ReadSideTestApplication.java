package dev.kehu.query.web;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.history.EmbeddedMongo;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The query side alone, as the REST tests run it: an embedded MongoDB-wire server, an in-memory
 * event store, "today" fixed at {@link #TODAY} (Asia/Shanghai). Search and reporting belong to
 * another module area and are left out.
 *
 * <p>{@code @TestComponent}: infra's tests have this class on their classpath (query-side test-jar);
 * it keeps the whole application's component scan ({@code dev.kehu.KehuApplication}) from picking it up.
 */
@SpringBootConfiguration
@TestComponent
@EnableAutoConfiguration
@ComponentScan(basePackages = "dev.kehu.query", excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = {"dev\\.kehu\\.query\\.search\\..*", "dev\\.kehu\\.query\\.reporting\\..*", "dev\\.kehu\\.query\\.web\\.ReadSideTestApplication"}))
public class ReadSideTestApplication {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Bean(destroyMethod = "close")
    EmbeddedMongo embeddedMongo() {
        return new EmbeddedMongo();
    }

    @Bean
    MongoDatabase mongoDatabase(EmbeddedMongo mongo) {
        return mongo.database("kehu");
    }

    @Bean
    @Primary
    Clock fixedClock() {
        return Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);
    }

    @Bean
    EventStorageEngine eventStorageEngine() {
        return new InMemoryEventStorageEngine();
    }
}
