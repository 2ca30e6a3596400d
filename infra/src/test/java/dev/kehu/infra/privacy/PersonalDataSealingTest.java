package dev.kehu.infra.privacy;

import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.followup.InteractionRecorded;
import java.time.LocalDate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.HashChainVerifier;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.eventstore.MongoTestServer;
import dev.kehu.infra.eventstore.PayloadCipher;
import dev.kehu.infra.eventstore.StoreFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal fields are stored sealed, read back in plaintext through the engine, read as {@code [erased]} once the
 * subject's key is erased, and the hash chain verifies before and after; plaintext events of an older store keep
 * loading; a wrong or missing master key is refused. On a real MongoDB-wire server (mongo-java-server in memory).
 */
class PersonalDataSealingTest {

    static final String MASTER = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    MongoTestServer server;
    MongoDatabase database;
    SubjectKeys keys;
    MongoEventStorageEngine engine;

    @BeforeEach
    void store() {
        server = new MongoTestServer();
        MongoClient client = server.newClient();
        database = client.getDatabase("kehu");
        keys = new SubjectKeys(database, MasterKey.load(new CryptoProperties(MASTER, null), false, Path.of(".")));
        engine = sealingEngine(new PersonalDataCipher(keys, id -> java.util.Optional.of(CustomerKind.INDIVIDUAL)));
    }

    @AfterEach
    void close() {
        server.close();
    }

    private MongoEventStorageEngine sealingEngine(PayloadCipher cipher) {
        return StoreFixtures.engineBuilder(database).eventSerializer(AxonConfiguration.messageSerializer(cipher)).build();
    }

    static CustomerProfile person(String name, String mobile, String email) {
        return new CustomerProfile(name, "Wang Fang", null, Phone.of(mobile), email, "零售 retail", "上海", "CONSUMER",
                "REFERRAL", List.of("vip"), List.of("上海市徐汇区漕溪北路 88 号"), Map.of("shoeSize", "37"), "喜欢下午联系 prefers afternoons");
    }

    static DomainEventMessage<?> event(String aggregateId, long seq, Object payload) {
        return new GenericDomainEventMessage<>("Customer", aggregateId, seq, payload,
                MetaData.with("actor", "张伟").and("reason", "测试 test"));
    }

    private String storedJson(String aggregateId) {
        StringBuilder json = new StringBuilder();
        database.getCollection("events").find(new Document("aggregateId", aggregateId))
                .forEach(document -> json.append(document.toJson()));
        return json.toString();
    }

    private List<Object> payloads(String aggregateId) {
        return engine.readEvents(aggregateId).asStream().map(e -> (Object) e.getPayload()).toList();
    }

    @Test
    void personalFieldsAreStoredSealedReadInPlaintextAndErasedWithTheirKey() {
        CustomerProfile profile = person("王芳", "138-0013-8000", "wang.fang@example.cn");
        ContactCard contact = new ContactCard("contact-1", "Li Lei 李雷", "采购经理 buyer",
                List.of(Phone.of("+86 139 0000 1111")), List.of("li.lei@example.com"), "只接受邮件 e-mail only");
        engine.appendEvents(event("c-1", 0, new CustomerRegistered("c-1", CustomerKind.INDIVIDUAL, profile)),
                event("c-1", 1, new ContactAdded("c-1", contact)));

        String stored = storedJson("c-1");
        assertThat(stored).doesNotContain("王芳", "Wang Fang", "13800138000", "138-0013-8000", "wang.fang", "徐汇",
                "shoeSize", "下午", "李雷", "Li Lei", "13900001111", "li.lei", "邮件")
                .contains(PersonalDataCipher.PREFIX, "零售 retail", "采购经理 buyer", "c-1", "contact-1");
        assertThat(payloads("c-1")).containsExactly(new CustomerRegistered("c-1", CustomerKind.INDIVIDUAL, profile),
                new ContactAdded("c-1", contact));
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verify("c-1").ok()).isTrue();

        keys.erase("contact-1", Instant.now());

        assertThat(payloads("c-1")).containsExactly(new CustomerRegistered("c-1", CustomerKind.INDIVIDUAL, profile),
                new ContactAdded("c-1", new ContactCard("contact-1", "[erased]", "采购经理 buyer",
                        List.of(new Phone("[erased]", "")), List.of("[erased]"), "[erased]")));
        assertThat(storedJson("c-1")).isEqualTo(stored);
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verify("c-1").ok()).isTrue();
        assertThatThrownBy(() -> engine.appendEvents(event("c-1", 2, new ContactAdded("c-1", contact))))
                .isInstanceOf(SubjectErasedException.class);
    }

    /**
     * The stream opens a batch at once (its keys read with one query); what an erased person reads as there and on an
     * aggregate's load is exactly what the projections' {@code PersonalDataErased} handlers write
     * ({@link PersonalDataErased#erase}), so a live view equals a rebuild.
     */
    @Test
    void theStreamOpensBatchesAndAnErasedPersonReadsAsTheProjectionsWriteIt() {
        CustomerProfile profile = new CustomerProfile("司马相如", null, null, Phone.of("136 1234 5678"), null, "教育",
                "成都", "CONSUMER", null, List.of(), List.of(), Map.of(), null);
        ContactCard contact = new ContactCard("contact-2", "欧阳娜娜 Ouyang Nana", "总监", List.of(), List.of(), null);
        List<Object> events = List.of(new CustomerRegistered("c-2", CustomerKind.INDIVIDUAL, profile),
                new ContactAdded("c-2", contact),
                new InteractionRecorded("c-2", "i-1", InteractionChannel.CALL, "contact-2", LocalDate.of(2026, 12, 1),
                        "回访", "她要折扣 asked for a discount"));
        for (int seq = 0; seq < events.size(); seq++) {
            engine.appendEvents(event("c-2", seq, events.get(seq)));
        }
        assertThat(streamed()).containsExactlyElementsOf(events);

        keys.erase("c-2", Instant.now());
        keys.erase("contact-2", Instant.now());
        List<Object> erased = List.of(new CustomerRegistered("c-2", CustomerKind.INDIVIDUAL, PersonalDataErased.erase(profile)),
                new ContactAdded("c-2", PersonalDataErased.erase(contact)),
                new InteractionRecorded("c-2", "i-1", InteractionChannel.CALL, "contact-2", LocalDate.of(2026, 12, 1),
                        "回访", PersonalDataErased.ERASED));
        engine = sealingEngine(new PersonalDataCipher(new SubjectKeys(database, MasterKey.load(
                new CryptoProperties(MASTER, null), false, Path.of("."))), id -> java.util.Optional.of(CustomerKind.INDIVIDUAL)));
        assertThat(streamed()).containsExactlyElementsOf(erased);
        assertThat(payloads("c-2")).containsExactlyElementsOf(erased);
    }

    private List<Object> streamed() {
        try (var stream = engine.readEvents(null, false)) {
            return stream.map(e -> (Object) e.getPayload()).toList();
        }
    }

    @Test
    void plaintextEventsOfAnOlderStoreKeepLoading() {
        CustomerProfile profile = person("赵敏 Zhao Min", "13700137000", "zhao.min@example.cn");
        sealingEngine(PayloadCipher.NONE).appendEvents(
                event("c-old", 0, new CustomerRegistered("c-old", CustomerKind.INDIVIDUAL, profile)));
        assertThat(storedJson("c-old")).contains("赵敏 Zhao Min");

        assertThat(payloads("c-old")).containsExactly(new CustomerRegistered("c-old", CustomerKind.INDIVIDUAL, profile));
    }

    @Test
    void anotherMasterKeyIsRefusedAndAMissingOrMalformedOneToo(@TempDir Path dataDir) throws Exception {
        String other = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
        assertThatThrownBy(() -> new SubjectKeys(database,
                MasterKey.load(new CryptoProperties(other, null), false, dataDir)))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("not the one this store's");
        assertThatThrownBy(() -> MasterKey.load(new CryptoProperties(null, dataDir.resolve("gone.key")), false, dataDir))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> MasterKey.load(new CryptoProperties("c2hvcnQ=", null), false, dataDir))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("has 5 bytes");

        // with nothing configured the key file is made once and read afterwards; an instance that made its own is refused
        var made = MasterKey.load(new CryptoProperties(null, null), false, dataDir);
        assertThat(Files.readString(dataDir.resolve(MasterKey.DEFAULT_FILE))).doesNotContain(MASTER);
        assertThat(MasterKey.load(new CryptoProperties(null, null), true, dataDir).getEncoded()).isEqualTo(made.getEncoded());
        assertThatThrownBy(() -> new SubjectKeys(database, made)).isInstanceOf(MasterKeyException.class);
    }
}
