package dev.kehu.query.web;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.projection.rebuild.ViewVersions;
import dev.kehu.query.history.EmbeddedMongo;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
 * another module area and are left out. This class travels in the query-side test-jar to infra's
 * tests, where KehuApplication's component scan finds it: the property condition keeps it out of
 * every context but the read-side tests'.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConditionalOnProperty(name = "kehu.query.read-side-test-application", havingValue = "true")
@ComponentScan(basePackages = "dev.kehu.query", excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = {"dev\\.kehu\\.query\\.search\\..*", "dev\\.kehu\\.query\\.elasticsearch\\..*", "dev\\.kehu\\.query\\.reporting\\..*", "dev\\.kehu\\.query\\.web\\.ReadSideTestApplication"}))
public class ReadSideTestApplication {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Bean(destroyMethod = "close")
    EmbeddedMongo embeddedMongo() {
        return new EmbeddedMongo();
    }

    /** As the application: a view collection's plain name opens its current version (a rebuild switches it). */
    @Bean
    ViewVersions viewVersions(EmbeddedMongo mongo) {
        return new ViewVersions(mongo.database("kehu"), ViewVersions.CACHE_FOR);
    }

    @Bean
    MongoDatabase mongoDatabase(EmbeddedMongo mongo, ViewVersions versions) {
        return versions.routing(mongo.database("kehu"));
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
