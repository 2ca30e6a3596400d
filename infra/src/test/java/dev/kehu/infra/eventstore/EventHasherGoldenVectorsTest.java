package dev.kehu.infra.eventstore;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hash chain's canonical form, frozen: fixed event documents and their SHA-256 hashes as literals, computed once
 * with the canonical form described in docs/event-store.md. A change to {@link EventHasher} that changes any of
 * them would report every stored event as altered: such a change needs a new canonical-form version, not new
 * literals.
 */
class EventHasherGoldenVectorsTest {

    private static final String PREV = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("Chinese text", event(new BsonDocument("name", str("北京京东世纪贸易有限公司"))
                                .append("address", str("上海市浦东新区世纪大道100号 Century Ave"))),
                        "13a8cdc18af1b7216b1d986da76ff30251a9829da51d9d9889409b9a3a2de596"),
                Arguments.of("emoji as surrogate pairs, in values and keys", event(new BsonDocument("note",
                                str("客户很满意 😀👍🏽 🇨🇳")).append("😀", str("key"))),
                        "f136028ae69730c942e449a38fd6e147247f9fa4164cbebfaf1a0ac535722dc1"),
                Arguments.of("U+FFFD as given", event(new BsonDocument("name", str("坏字节 \uFFFD bad byte"))), "3fe785dcb6ba0d7ad3775ca224a5880c9361f3605bc037b57ce21d6fefa0d3a2"),
                Arguments.of("escapes and control characters", event(new BsonDocument("text",
                                str("quote \" backslash \\ newline \n cr \r tab \t nul \u0000 bell \u0007 del \u007f "
                                        + "line separator \u2028 slash / unicode escape text \\u0041"))),
                        "ef43dcb1fcbd94f5cb307c49dc91bb55ddf872674a068c5704a2d3b5c9fe6dfb"),
                Arguments.of("a very long string", event(new BsonDocument("memo", str("长".repeat(100_000) + " end"))),
                        "bd95b5472785fc538487b1b714f111f6351a38e522409f8ca5df60eb4962a799"),
                Arguments.of("decimal 100", event(amount("100")), "8cf6bfc5698813e8cc757190456dcfef965bc854ecae1ee664ce56ca24df46d0"),
                Arguments.of("decimal 100.00", event(amount("100.00")), "b0637963a2857940a2d02228f57a93d96f7a463028aac804c65b26c4fd5cf009"),
                Arguments.of("decimal 1E+2", event(amount("1E+2")), "5a145bbedd69f15a3f112e1f87788c4167b6801873eb0b235297cd4961d309ac"),
                Arguments.of("decimal 0.000001", event(amount("0.000001")), "b64eb8acf7f22cd017e0aab46dc302fc3a9209683ab37397e4ea0698bd1e707f"),
                Arguments.of("decimal 1E-7", event(amount("1E-7")), "63d5ad0310155a7fa37f8a7795da2ce5c200db20bd6b310cf85419ef97caf797"),
                Arguments.of("decimal -12345678901234567890.12", event(amount("-12345678901234567890.12")), "32c27fa03664f08122203662ef8b8da03b7fecabb793d940c9042dbf2c0346fb"),
                Arguments.of("decimal 0E-10", event(amount("0E-10")), "0e85fd0d82e885ac870939954806bfb6501c63a2af8147e02cdf6b6b3f1ad780"),
                Arguments.of("int and long extremes, doubles", event(new BsonDocument("intMin",
                                new BsonInt32(Integer.MIN_VALUE)).append("intMax", new BsonInt32(Integer.MAX_VALUE))
                                .append("longMin", new BsonInt64(Long.MIN_VALUE))
                                .append("longMax", new BsonInt64(Long.MAX_VALUE))
                                .append("zero", new BsonInt32(0)).append("ratio", new BsonDouble(0.1))
                                .append("negativeZero", new BsonDouble(-0.0)).append("huge", new BsonDouble(1e300))
                                .append("flag", BsonBoolean.TRUE)),
                        "70d694e16cef7f61e8ea7867ab09f3a12b231edbfd793e98b9999a98cf4905ba"),
                Arguments.of("nested objects and arrays, keys sorted at every level", event(new BsonDocument("b",
                                new BsonDocument("z", new BsonInt32(1)).append("a", new BsonArray(java.util.List.of(
                                        new BsonDocument("y", BsonNull.VALUE).append("x", new BsonArray()),
                                        new BsonDocument(), str("三"), new BsonArray(java.util.List.of(
                                                new BsonInt64(2), BsonNull.VALUE))))))
                                .append("a", new BsonArray()).append("B", str("upper before lower"))),
                        "338160058b2c3eea7f66fc8e8359eed58d1f56527be5c5d1556e127e306251eb"),
                Arguments.of("a null field", event(new BsonDocument("name", str("王芳")).append("note", BsonNull.VALUE)),
                        "fca8804043c2bfeaa6dc76113547634223c0db7bad60e201c00fffb404b5e275"),
                Arguments.of("the same field missing", event(new BsonDocument("name", str("王芳"))), "8cca32c714cb6d84babfbd85642382043c5c631970c83492ca4305a1c4cc6edb"),
                Arguments.of("binary and date", event(new BsonDocument("blob",
                                new BsonBinary(new byte[]{0, 1, 2, (byte) 0xff}))
                                .append("at", new BsonDateTime(1_700_000_000_123L))),
                        "27feeddb18b0052b65417d0d4fb798713ba180065fe6471398951168f1ac3640"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void hashesAFixedDocumentToItsFrozenValue(String name, BsonDocument event, String expected) {
        assertThat(EventHasher.hash(PREV, event)).isEqualTo(expected);
    }

    @Test
    void writesTheCanonicalTextOfASmallEventAsDocumented() {
        BsonDocument event = event(new BsonDocument("name", str("张伟 \"Zhang\"\n")).append("amount",
                new BsonDecimal128(new Decimal128(new BigDecimal("100.00")))).append("tags",
                new BsonArray(java.util.List.of(str("key"), BsonNull.VALUE))));

        assertThat(EventHasher.canonical(event)).isEqualTo("{\"aggregateId\":\"customer-42\","
                + "\"eventId\":\"0b7e2c1e-5f55-4c7a-9d0e-6a1f1e6c2b11\","
                + "\"metadata\":{\"actor\":\"zhang.wei\",\"correlationId\":\"corr-1\",\"reason\":\"季度对账\"},"
                + "\"payload\":{\"amount\":100.00,\"name\":\"张伟 \\\"Zhang\\\"\\n\",\"tags\":[\"key\",null]},"
                + "\"revision\":\"1\",\"seq\":7,\"timestamp\":1700000000123,\"type\":\"dev.kehu.events.Test\"}");
        assertThat(EventHasher.hash(PREV, event)).isEqualTo(sha256Of(PREV + "\n" + EventHasher.canonical(event)));
    }

    @Test
    void tellsApartEveryFormADecimalAmountCanTake() {
        assertThat(Stream.of("100", "100.00", "1E+2", "100.0", "1.0E+2")
                .map(value -> EventHasher.hash(PREV, event(amount(value)))).distinct()).hasSize(5);
    }

    @Test
    void tellsANullFieldApartFromAMissingOne() {
        assertThat(EventHasher.hash(PREV, event(new BsonDocument("name", str("王芳")).append("note", BsonNull.VALUE))))
                .isNotEqualTo(EventHasher.hash(PREV, event(new BsonDocument("name", str("王芳")))));
    }

    @Test
    void refusesALoneSurrogateAndNamesItsField() {
        for (String lone : new String[]{"\ud800", "a\udc00b", "end \ud83d", "\ude00\ud83d"}) {
            BsonDocument event = event(new BsonDocument("profile", new BsonDocument("tags",
                    new BsonArray(java.util.List.of(str("ok"), str(lone))))));

            assertThatThrownBy(() -> EventHasher.hash(PREV, event))
                    .isInstanceOf(UnstorableStringException.class)
                    .hasMessageContaining("payload.profile.tags.1")
                    .hasMessageContaining("lone UTF-16 surrogate");
        }
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    private static BsonDocument amount(String value) {
        return new BsonDocument("amount", new BsonDecimal128(new Decimal128(new BigDecimal(value))))
                .append("currency", str("CNY"));
    }

    private static BsonDocument event(BsonDocument payload) {
        return new BsonDocument(EventFields.ID, new BsonInt64(12))
                .append(EventFields.AGGREGATE_TYPE, str("Customer"))
                .append(EventFields.AGGREGATE_ID, str("customer-42"))
                .append(EventFields.SEQ, new BsonInt64(7))
                .append(EventFields.EVENT_ID, str("0b7e2c1e-5f55-4c7a-9d0e-6a1f1e6c2b11"))
                .append(EventFields.TYPE, str("dev.kehu.events.Test"))
                .append(EventFields.REVISION, str("1"))
                .append(EventFields.TIMESTAMP, new BsonDateTime(1_700_000_000_123L))
                .append(EventFields.PAYLOAD, payload)
                .append(EventFields.METADATA, new BsonDocument("reason", str("季度对账"))
                        .append("actor", str("zhang.wei")).append("correlationId", str("corr-1")));
    }

    private static BsonValue str(String value) {
        return new BsonString(value);
    }

    private static String sha256Of(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
