package dev.kehu.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.PersonalDataErased.SubjectType;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.EventTape;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ViewWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each projection erases a person itself when it handles {@code PersonalDataErased} (docs/privacy.md): the views built
 * live (the person's events read in plaintext, then the erasure) hold none of the person's texts and equal, group by
 * group and document by document, the views rebuilt once the key is gone (the same events as they then read, erased
 * fields and all). Real MongoDB-wire server, every view group.
 */
class PersonalDataErasedInTheViewsTest {

    static final Instant START = Instant.parse("2026-11-01T01:00:00Z");
    static final CustomerProfile COMPANY = new CustomerProfile("深圳蓝海贸易有限公司", "Shenzhen Blue Sea Trading", "91440300MA5ABCDE1X",
            null, null, "贸易", "华南", "business", "展会", List.of("重点客户"), List.of("深圳市南山区科技园"), Map.of(), null);
    static final CustomerProfile PERSON = new CustomerProfile("司马相如", "Sima Xiangru", null, Phone.of("136 1234 5678"),
            "sima.xiangru@example.com", "教育", "成都", "CONSUMER", "REFERRAL", List.of(), List.of("成都市武侯区"),
            Map.of("shoeSize", "42"), "喜欢下午联系 prefers afternoons");
    static final ContactCard CONTACT = new ContactCard("k1", "欧阳娜娜 Ouyang Nana", "采购总监", List.of(Phone.of("139-1122-3344")),
            List.of("ouyang.nana@example.cn"), "周末不要打电话");

    EmbeddedMongo mongo;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void theLiveViewsOfAnErasedPersonEqualARebuildAndHoldNothingOfThem() {
        MongoDatabase live = project("live", tape(PERSON, CONTACT, "欧阳娜娜 asked for a discount", "想要红色 wants red"));
        MongoDatabase rebuilt = project("rebuilt", tape(PersonalDataErased.erase(PERSON), PersonalDataErased.erase(CONTACT),
                PersonalDataErased.ERASED, PersonalDataErased.ERASED));

        for (String group : ReadSide.projections(new ViewWriter(live)).keySet()) {
            Map<String, List<String>> documents = ReadSide.viewDocuments(live, group);
            assertThat(documents.toString()).as(group).doesNotContain("司马相如", "Sima", "13612345678", "136 1234",
                    "sima.xiangru", "武侯", "shoeSize", "下午", "欧阳娜娜", "Ouyang", "13911223344", "ouyang.nana", "周末",
                    "discount", "红色");
            assertThat(comparable(documents)).as(group).isEqualTo(comparable(ReadSide.viewDocuments(rebuilt, group)));
        }
        assertThat(ReadSide.viewDocuments(live, "customer-360").toString()).contains("深圳蓝海贸易有限公司", "采购总监",
                PersonalDataErased.ERASED);
    }

    /**
     * The documents, but for the position a derived sort-key document was last written at: live, the erasure moves
     * the keys that spelled the name; rebuilt, they never spelled it, so they keep the position that wrote them.
     */
    private static Map<String, List<String>> comparable(Map<String, List<String>> documents) {
        Map<String, List<String>> comparable = new java.util.TreeMap<>();
        documents.forEach((collection, all) -> comparable.put(collection, !collection.endsWith("_keys") ? all
                : all.stream().map(json -> json.replaceAll("\"appliedPosition\": \\d+", "")).toList()));
        return comparable;
    }

    /** A company with a contact and an individual, each with an interaction, both people then erased. */
    private static EventTape tape(CustomerProfile person, ContactCard contact, String contactNotes, String personNotes) {
        return new EventTape(START)
                .customer("c1", new CustomerRegistered("c1", CustomerKind.COMPANY, COMPANY))
                .customer("c1", new ContactAdded("c1", contact))
                .customer("c1", new InteractionRecorded("c1", "i1", InteractionChannel.MEETING, "k1",
                        LocalDate.of(2026, 11, 30), "报价 quote", contactNotes))
                .customer("p1", new CustomerRegistered("p1", CustomerKind.INDIVIDUAL, person))
                .customer("p1", new InteractionRecorded("p1", "i2", InteractionChannel.CALL, null,
                        LocalDate.of(2026, 12, 1), "回访", personNotes))
                .customer("c1", new PersonalDataErased("c1", SubjectType.CONTACT, "k1", "本人要求删除 asked"))
                .customer("p1", new PersonalDataErased("p1", SubjectType.CUSTOMER, "p1", "客户注销 closed"));
    }

    private MongoDatabase project(String name, EventTape tape) {
        MongoDatabase database = mongo.database(name);
        ViewWriter writer = new ViewWriter(database);
        ReadSide.redeliver(new ProjectionPositions(database, () -> null, Clock.systemUTC()), writer,
                ReadSide.projections(writer), tape.events(), 3);
        return database;
    }
}
