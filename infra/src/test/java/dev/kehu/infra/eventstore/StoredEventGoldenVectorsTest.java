package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.kehu.events.Money;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden vectors of what is stored and hashed, one per event type in shared-events: each event ({@link GoldenEvents})
 * is written by the real engine, and its stored document (type, revision, payload, metadata, hashes, as extended JSON
 * so that every BSON type shows), its canonical text (whose UTF-8 bytes are hashed) and its SHA-256 must equal the
 * files under {@code src/test/resources/golden/stored-events/}. A change to the serializer, a record's fields, the
 * engine's document or {@link EventHasher} that changes any of them fails here: such a change needs a new event
 * revision or canonical-form version, not new files.
 *
 * <p>A new event type without a vector fails {@link #everyEventRecordInSharedEventsHasAGoldenVector()}. To add its
 * vector: add a fixture to {@link GoldenEvents}, run this test once with {@code -Dgolden.write=true} (writes the
 * missing files only, never overwrites one), review the file and commit it.
 */
class StoredEventGoldenVectorsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/stored-events");
    /** Records in shared-events that are values carried by events, not events. */
    private static final Set<String> VALUE_TYPES = Set.of("Money", "CustomerProfile", "ContactCard", "Phone",
            "OpenFollowUp", "DeliveryItem");
    /** The stored fields a vector freezes; position and commit bookkeeping depend on where it was written. */
    private static final List<String> FROZEN = List.of(EventFields.AGGREGATE_TYPE, EventFields.AGGREGATE_ID,
            EventFields.SEQ, EventFields.EVENT_ID, EventFields.TYPE, EventFields.REVISION, EventFields.TIMESTAMP,
            EventFields.PAYLOAD, EventFields.METADATA, EventFields.PREV_HASH, EventFields.HASH);
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .indent(true).build();

    private static MongoServer server;
    private static MongoClient client;
    private static MongoEventStorageEngine engine;
    private static MongoCollection<BsonDocument> events;

    @BeforeAll
    static void startStore() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        var database = client.getDatabase("golden");
        EventStoreSettings settings = EventStoreSettings.defaults();
        engine = StoreFixtures.anEngine(database, defaults -> settings);
        events = database.getCollection(settings.eventsCollection(), BsonDocument.class);
    }

    @AfterAll
    static void stopStore() {
        client.close();
        server.shutdownNow();
    }

    static Stream<Arguments> eventTypes() {
        return GoldenEvents.all().entrySet().stream()
                .map(entry -> Arguments.of(entry.getKey().getSimpleName(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void storesAndHashesEachEventTypeExactlyAsItsGoldenVector(String name, GoldenEvents.Fixture fixture)
            throws IOException {
        BsonDocument stored = store(name, fixture);
        String canonical = EventHasher.canonical(stored);
        String hash = stored.getString(EventFields.HASH).getValue();
        String vector = vector(stored, canonical, hash);

        Path file = GOLDEN.resolve(name + ".json");
        if (!Files.exists(file)) {
            if (Boolean.getBoolean("golden.write")) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, vector, StandardCharsets.UTF_8);
            }
            fail("no golden vector for " + name + " at " + file.toAbsolutePath() + (Boolean.getBoolean("golden.write")
                    ? ": written now; review it and commit it" : "; run this test with -Dgolden.write=true"));
        }
        BsonDocument golden = BsonDocument.parse(Files.readString(file, StandardCharsets.UTF_8));
        String goldenCanonical = golden.getString("canonical").getValue();
        String goldenHash = golden.getString("sha256").getValue();

        assertThat(canonical).as("canonical text of %s", name).isEqualTo(goldenCanonical);
        assertThat(hash).as("stored hash of %s", name).isEqualTo(goldenHash);
        assertThat(EventHasher.hash("", stored)).as("verifier's hash of %s", name).isEqualTo(goldenHash);
        assertThat(sha256("\n" + goldenCanonical)).as("SHA-256 of the golden canonical bytes").isEqualTo(goldenHash);
        assertThat(vector).as("stored document of %s, as extended JSON", name)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void everyEventRecordInSharedEventsHasAGoldenVector() {
        Set<String> records = recordsOfSharedEvents();
        Set<String> eventTypes = records.stream().filter(name -> !VALUE_TYPES.contains(simpleName(name)))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> fixtures = GoldenEvents.all().keySet().stream().map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(records).as("the value types named here exist").containsAll(VALUE_TYPES.stream()
                .map(simple -> records.stream().filter(name -> simpleName(name).equals(simple)).findFirst()
                        .orElse(simple)).toList());
        assertThat(eventTypes).as("event records found by the classpath scan").hasSizeGreaterThanOrEqualTo(45);
        assertThat(fixtures).as("a GoldenEvents fixture for every event record of shared-events")
                .isEqualTo(eventTypes);
        for (String type : eventTypes) {
            assertThat(load(type).isAnnotationPresent(Revision.class)).as("%s carries @Revision", type).isTrue();
            assertThat(GOLDEN.resolve(simpleName(type) + ".json")).as("golden vector of %s", type).exists();
        }
        for (String value : records.stream().filter(name -> VALUE_TYPES.contains(simpleName(name))).toList()) {
            assertThat(load(value).isAnnotationPresent(Revision.class))
                    .as("%s is a value type, yet carries @Revision like an event", value).isFalse();
        }
    }

    /** Writes the fixture as the only event of its aggregate (sequence 0) and reads the stored document back. */
    private static BsonDocument store(String name, GoldenEvents.Fixture fixture) {
        TreeMap<String, Object> metadata = new TreeMap<>(); // sorted: a map's order must not depend on the JVM
        metadata.put("actor", "王芳");
        metadata.put("reason", "季度对账 quarterly review");
        metadata.put("correlationId", "corr-golden-" + name);
        metadata.put("causationId", "cmd-golden-" + name);
        engine.appendEvents(List.of(new GenericDomainEventMessage<>(fixture.aggregateType(), fixture.aggregateId(), 0,
                fixture.payload(), MetaData.from(metadata),
                UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(),
                Instant.parse("2026-03-01T08:30:00.123Z"))));
        BsonDocument stored = events.find(new BsonDocument(EventFields.AGGREGATE_ID,
                new BsonString(fixture.aggregateId()))).first();
        assertThat(stored).as("stored %s", name).isNotNull();
        return stored;
    }

    private static String vector(BsonDocument stored, String canonical, String hash) {
        BsonDocument frozen = new BsonDocument();
        for (String field : FROZEN) {
            if (stored.containsKey(field)) {
                frozen.append(field, stored.get(field));
            }
        }
        return new BsonDocument("stored", frozen).append("canonical", new BsonString(canonical))
                .append("sha256", new BsonString(hash)).toJson(JSON) + "\n";
    }

    /** Every record class of the shared-events module, by a classpath scan of {@code dev.kehu.events}. */
    private static Set<String> recordsOfSharedEvents() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> Record.class.getName()
                .equals(reader.getClassMetadata().getSuperClassName()));
        var sharedEvents = Money.class.getProtectionDomain().getCodeSource().getLocation();
        return scanner.findCandidateComponents("dev.kehu.events").stream().map(BeanDefinition::getBeanClassName)
                .filter(name -> load(name).getProtectionDomain().getCodeSource().getLocation().equals(sharedEvents))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
