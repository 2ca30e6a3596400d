package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kehu.infra.axon.AxonConfiguration;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stream binds payloads straight from their BSON bytes: that must give exactly what the tree gives
 * ({@link BsonJson#toJson}), token for token, and the same objects.
 */
class BsonJsonParserTest {

    private static final JacksonSerializer SERIALIZER = AxonConfiguration.messageSerializer();
    private static final ObjectMapper MAPPER = SERIALIZER.getObjectMapper();

    enum Tier { 金牌, SILVER }

    record Line(String sku, int quantity, BigDecimal price) {
    }

    record Everything(String name, String note, int count, long big, double ratio, BigDecimal amount, boolean active,
                      String missing, LocalDate day, Instant at, Tier tier, List<Line> lines, Map<String, Object> extra,
                      byte[] attachment, List<String> tags) {
    }

    private static Everything everything() {
        return new Everything("上海浦江实业有限公司 Shanghai Pujiang Industrial", "第3笔订单\n\"quoted\" \\ 😀",
                42, 9_000_000_000L, 0.125, new BigDecimal("1234.50"), true, null, LocalDate.of(2026, 11, 22),
                Instant.parse("2026-11-22T08:30:00.123Z"), Tier.金牌,
                List.of(new Line("SKU-1", 3, new BigDecimal("99.90")), new Line("京东-2", 1, new BigDecimal("0.01"))),
                Map.of("region", "华东", "score", 7, "nested", Map.of("deep", List.of(1, "二", false))),
                new byte[]{0, 1, 2, (byte) 0xff}, List.of());
    }

    private static BsonDocument allTypes() {
        return new BsonDocument()
                .append("text", new BsonString("北京星辰科技 Beijing Star"))
                .append("empty", new BsonString(""))
                .append("int", new BsonInt32(-7))
                .append("long", new BsonInt64(Long.MAX_VALUE))
                .append("double", new BsonDouble(-0.5))
                .append("decimal", new BsonDecimal128(new Decimal128(new BigDecimal("100.50"))))
                .append("yes", BsonBoolean.TRUE)
                .append("no", BsonBoolean.FALSE)
                .append("nothing", BsonNull.VALUE)
                .append("when", new BsonDateTime(1_795_000_000_000L))
                .append("oid", new BsonObjectId(new ObjectId("6740a1b2c3d4e5f6a7b8c9d0")))
                .append("bytes", new BsonBinary(new byte[]{1, 2, 3}))
                .append("oldBytes", new BsonBinary(BsonBinarySubType.OLD_BINARY, new byte[]{4, 5}))
                .append("object", new BsonDocument("a", new BsonDocument()).append("b", new BsonArray()))
                .append("array", new BsonArray(List.of(new BsonInt32(1), new BsonDocument("x", new BsonString("y")),
                        new BsonArray(List.of(BsonNull.VALUE)), new BsonString("三"))));
    }

    @Test
    void givesTheTokensOfTheTreeForEveryTypeItReads() throws Exception {
        BsonDocument document = allTypes();
        byte[] bytes = bytes(document);
        assertSameTokens(new BsonJsonParser(bytes, 0, false, MAPPER), BsonJson.toJson(document).traverse());
    }

    @Test
    void readsADocumentInsideLargerBytesAndAnArrayAtTheTop() throws Exception {
        BsonDocument outer = new BsonDocument("before", new BsonString("x")).append("payload", allTypes())
                .append("list", new BsonArray(List.of(new BsonInt32(5), new BsonString("五"), new BsonDocument())));
        byte[] bytes = bytes(outer);
        RawBsonDocument raw = new RawBsonDocument(bytes);
        StreamedEvent.SerializedJson payload = payloadOf(raw, "payload");
        assertSameTokens(new BsonJsonParser(bytes, payload.offset(), false, MAPPER),
                BsonJson.toJson(outer.get("payload")).traverse());
        StreamedEvent.SerializedJson list = payloadOf(raw, "list");
        assertThat(list.isArray()).isTrue();
        assertSameTokens(new BsonJsonParser(bytes, list.offset(), true, MAPPER),
                BsonJson.toJson(outer.get("list")).traverse());
        assertThat(BsonJson.readJson(bytes, list.offset(), true)).isEqualTo(BsonJson.toJson(outer.get("list")));
        assertThat(BsonJson.readJson(bytes, payload.offset(), false)).isEqualTo(BsonJson.toJson(outer.get("payload")));
    }

    @Test
    void bindsAPayloadToTheSameObjectAsTheTree() throws Exception {
        Everything original = everything();
        JsonNode tree = MAPPER.valueToTree(original);
        byte[] bytes = bytes((BsonDocument) BsonJson.toBson(tree));

        Everything direct = MAPPER.readerFor(Everything.class).readValue(new BsonJsonParser(bytes, 0, false, MAPPER));
        Everything viaTree = MAPPER.readerFor(Everything.class).readValue(BsonJson.toJson(BsonJson.toBson(tree)));

        assertThat(direct).usingRecursiveComparison().isEqualTo(viaTree);
        assertThat(direct).usingRecursiveComparison().isEqualTo(original);
        assertThat(direct.amount()).isEqualTo(new BigDecimal("1234.50")); // the scale survives
        assertThat(direct.extra().get("nested")).isEqualTo(Map.of("deep", List.of(1, "二", false)));
    }

    @Test
    void theSerializerBindsStreamedDataFromItsBytesAndFallsBackToTheTreeForOtherTypes() {
        SerializedType type = new SimpleSerializedType(Map.class.getName(), null);
        BsonDocument plain = new BsonDocument("客户", new BsonString("京东")).append("n", new BsonInt32(3));
        StoredEventData.LazyJson fromBytes = streamed(plain, type);
        assertThat(fromBytes.jsonParser(MAPPER)).isNotNull();
        assertThat((Object) SERIALIZER.deserialize(fromBytes)).isEqualTo(Map.of("客户", "京东", "n", 3));

        BsonDocument exotic = new BsonDocument("pattern", new BsonRegularExpression("^京", "i"))
                .append("ts", new BsonTimestamp(5, 6));
        StoredEventData.LazyJson withExotic = streamed(exotic, type);
        assertThatThrownBy(() -> MAPPER.readerFor(Map.class).readValue(withExotic.jsonParser(MAPPER)))
                .isInstanceOf(BsonJsonParser.UnsupportedBsonType.class);
        Map<?, ?> read = SERIALIZER.deserialize(withExotic);
        assertThat(read).isEqualTo(Map.of("pattern", exotic.get("pattern").toString(),
                "ts", exotic.get("ts").toString())); // what the tree makes of them
    }

    @Test
    void metadataBindsFromItsBytesToTheSameMetaData() {
        org.axonframework.messaging.MetaData metaData = StoreFixtures.auditMetaData("张伟")
                .and("attempt", 2).and("amount", new BigDecimal("12.30"));
        BsonDocument stored = (BsonDocument) BsonJson.toBson(MAPPER.valueToTree(metaData));
        StoredEventData.LazyJson fromBytes = streamed(stored,
                new SimpleSerializedType(org.axonframework.messaging.MetaData.class.getName(), null));
        assertThat(fromBytes.jsonParser(MAPPER)).isNotNull();

        org.axonframework.messaging.MetaData direct = SERIALIZER.deserialize(fromBytes);
        org.axonframework.messaging.MetaData viaTree = MAPPER.convertValue(fromBytes.getData(),
                org.axonframework.messaging.MetaData.class);
        assertThat(direct).isEqualTo(viaTree).isEqualTo(metaData);
        assertThat(direct.get("actor")).isEqualTo("张伟");
    }

    private static StoredEventData.LazyJson streamed(BsonDocument payload, SerializedType type) {
        byte[] bytes = bytes(new BsonDocument("payload", payload));
        return new StoredEventData.LazyJson(null, payloadOf(new RawBsonDocument(bytes), "payload"), type);
    }

    /** Where the field's document or array lies in the raw document's bytes, found the way the stream finds it. */
    private static StreamedEvent.SerializedJson payloadOf(RawBsonDocument raw, String field) {
        byte[] b = BsonBytes.Slice.of(raw).bytes();
        int p = BsonBytes.Slice.of(raw).offset() + 4;
        while (b[p] != 0) {
            byte type = b[p++];
            int nameEnd = BsonBytes.cStringEnd(b, p);
            String name = new String(b, p, nameEnd - p, java.nio.charset.StandardCharsets.UTF_8);
            p = nameEnd + 1;
            if (name.equals(field)) {
                return new StreamedEvent.SerializedJson(b, p, type == BsonBytes.ARRAY, null);
            }
            p += BsonBytes.valueSize(type, b, p);
        }
        throw new IllegalArgumentException(field);
    }

    private static byte[] bytes(BsonDocument document) {
        RawBsonDocument raw = new RawBsonDocument(document, new org.bson.codecs.BsonDocumentCodec());
        java.nio.ByteBuffer buffer = raw.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static void assertSameTokens(JsonParser actual, JsonParser expected) throws Exception {
        List<String> actualTokens = tokens(actual);
        List<String> expectedTokens = tokens(expected);
        assertThat(actualTokens).hasSizeGreaterThan(5).containsExactlyElementsOf(expectedTokens);
    }

    private static List<String> tokens(JsonParser parser) throws Exception {
        List<String> tokens = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            String value = switch (token) {
                case FIELD_NAME -> parser.currentName();
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberType() + ":" + parser.getNumberValue()
                        + ":" + parser.getDecimalValue() + ":" + parser.getLongValue();
                case VALUE_EMBEDDED_OBJECT -> java.util.Arrays.toString(parser.getBinaryValue());
                default -> String.valueOf(parser.currentName());
            };
            tokens.add(token + " " + value);
        }
        assertThat(parser.nextToken()).isNull();
        return tokens;
    }
}
