package dev.kehu.command;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import dev.kehu.command.actor.Actor;
import dev.kehu.command.actor.ActorSource;
import dev.kehu.command.web.CommandContextArgumentResolver;
import dev.kehu.command.web.InvalidRequestField;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The command side alone, for REST tests: Axon with an in-memory event storage engine (the real
 * MongoDB event store is tested in infra) and an embedded MongoDB-wire server (memory backend) for
 * idempotency keys, uniqueness claims and the command-side directory.
 */
@SpringBootApplication
public class CommandTestApplication {

    @Bean(destroyMethod = "shutdownNow")
    MongoServer mongoServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        return server;
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoServer mongoServer) {
        InetSocketAddress address = mongoServer.getLocalAddress();
        return MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient mongoClient) {
        return mongoClient.getDatabase("kehu-command-test");
    }

    /**
     * The command side alone has no sign-in: its REST tests name the actor in a test-only {@code X-Actor}
     * header (decoded and checked as header text). The application takes the actor from the
     * authenticated principal instead ({@code dev.kehu.infra.security}) and ignores this header.
     */
    @Bean
    ActorSource testActorFromHeader() {
        return request -> {
            String actor = CommandContextArgumentResolver.decoded("X-Actor", request.getHeader("X-Actor"));
            if (actor == null || actor.isBlank()) {
                throw new InvalidRequestField("X-Actor", "required header is missing; it names the acting user");
            }
            if (actor.length() > 100) {
                throw new InvalidRequestField("X-Actor", "must be at most 100 characters");
            }
            return new Actor(actor.strip(), null, null, "true".equals(request.getHeader("X-Test-Own-Only")));
        };
    }

    @Bean
    InMemoryEventStorageEngine eventStorageEngine() {
        return new InMemoryEventStorageEngine();
    }

    /**
     * The aggregates name infra's snapshot trigger ({@code @Aggregate(snapshotTriggerDefinition =
     * "kehuSnapshotTrigger")}); here nothing is snapshotted. Snapshots are tested in infra against the
     * MongoDB event store (and {@code CustomerSnapshotTest} covers the snapshot form of a Customer).
     */
    @Bean("kehuSnapshotTrigger")
    SnapshotTriggerDefinition kehuSnapshotTrigger() {
        return NoSnapshotTriggerDefinition.INSTANCE;
    }

    /**
     * The aggregates name infra's caches ({@code @Aggregate(cache = "kehuCustomerCache")}); here nothing is cached,
     * so every command loads from the event store. The cache is tested in infra across two instances.
     */
    @Bean("kehuCustomerCache")
    org.axonframework.common.caching.Cache kehuCustomerCache() {
        return org.axonframework.common.caching.NoCache.INSTANCE;
    }

    @Bean("kehuOpportunityCache")
    org.axonframework.common.caching.Cache kehuOpportunityCache() {
        return org.axonframework.common.caching.NoCache.INSTANCE;
    }
}
