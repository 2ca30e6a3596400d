package dev.kehu.infra.audit.proof;

import dev.kehu.infra.eventstore.EventHasher;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
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
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole-log verification hashes events from their raw bytes ({@link RawEventHash}); the event store hashes
 * trees ({@link EventHasher}). Both must give the same answer for every document: the stored golden events of every
 * event type, values of every kind the canonical form names, tampered bytes; and what the raw path does not handle
 * it must hand back (null) rather than guess.
 */
class RawEventHashTest {

    private static final String PREV = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static Stream<Path> goldenEvents() throws IOException {
        return Files.list(Path.of("src/test/resources/golden/stored-events")).sorted();
    }

    @ParameterizedTest
    @MethodSource("goldenEvents")
    void everyGoldenStoredEventHashesAsStoredFromItsBytes(Path file) throws IOException {
        BsonDocument stored = BsonDocument.parse(Files.readString(file, StandardCharsets.UTF_8)).getDocument("stored");
        stored.put("_id", new BsonInt64(42));

        LogScanner.Read read = RawEventHash.of(raw(stored));

        assertThat(read).isNotNull();
        assertThat(read.recomputed()).isEqualTo(stored.getString("hash").getValue())
                .isEqualTo(EventHasher.hash(stored.getString("prevHash").getValue(), stored));
        assertThat(read.leaf()).isEqualTo(MerkleLog.leafOf(stored));
        assertThat(read.position()).isEqualTo(42);
        assertThat(read.aggregateId()).isEqualTo(stored.getString("aggregateId").getValue());
        assertThat(read.seq()).isEqualTo(stored.getNumber("seq").longValue());
        assertThat(read.abandoned()).isFalse();
    }

    static Stream<BsonValue> payloads() {
        return Stream.of(
                new BsonDocument("name", str("北京京东世纪贸易有限公司")).append("address", str("上海市浦东新区 Century Ave")),
                new BsonDocument("note", str("客户很满意 😀👍🏽 🇨🇳")),
                new BsonDocument("name", str("坏字节 \uFFFD bad byte")),
                new BsonDocument("text", str("quote \" backslash \\ newline \n cr \r tab \t nul \u0000 bell \u0007"
                        + " del \u007f line separator \u2028 unicode escape text \\u0041 \u001f")),
                new BsonDocument("memo", str("长".repeat(20_000) + " end")),
                amount("100"), amount("100.00"), amount("1E+2"), amount("0.000001"), amount("1E-7"), amount("0E-10"),
                amount("-12345678901234567890.12"),
                new BsonDocument("intMin", new BsonInt32(Integer.MIN_VALUE)).append("longMax", new BsonInt64(Long.MAX_VALUE))
                        .append("longMin", new BsonInt64(Long.MIN_VALUE)).append("d", new BsonDouble(0.1))
                        .append("big", new BsonDouble(1.0E300)).append("negZero", new BsonDouble(-0.0))
                        .append("nan", new BsonDouble(Double.NaN)),
                new BsonDocument("z", str("last")).append("a", new BsonDocument("y", BsonBoolean.TRUE)
                        .append("b", BsonBoolean.FALSE).append("Z", BsonNull.VALUE)).append("M", str("upper before lower")),
                new BsonDocument("items", new BsonArray(List.of(str("合同"), new BsonInt32(3), BsonNull.VALUE,
                        new BsonArray(), new BsonDocument(), new BsonDocument("k\"ey\n", str("v"))))),
                new BsonDocument("at", new BsonDateTime(1772353800123L)).append("bytes",
                        new BsonBinary(new byte[]{0, 1, 2, (byte) 0xff, 'x'})),
                new BsonArray(List.of(str("a top-level array payload"))),
                str("a string payload, 字符串"),
                BsonNull.VALUE);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void everyKindOfValueHashesAsTheEventStoreHashesIt(BsonValue payload) {
        BsonDocument event = event(payload);
        String expected = EventHasher.hash(PREV, event);
        event.put("hash", str(expected));

        LogScanner.Read read = RawEventHash.of(raw(event));

        assertThat(read).isNotNull();
        assertThat(read.recomputed()).isEqualTo(expected);
    }

    @Test
    void missingMetadataAndAnInt32SequenceNumberHashAsTheTreeDoes() {
        BsonDocument event = event(new BsonDocument("name", str("李娜")));
        event.remove("metadata");
        event.put("seq", new BsonInt32(3));
        event.put("abandoned", BsonBoolean.TRUE);
        String expected = EventHasher.hash(PREV, event);
        event.put("hash", str(expected));

        LogScanner.Read read = RawEventHash.of(raw(event));

        assertThat(read.recomputed()).isEqualTo(expected);
        assertThat(read.seq()).isEqualTo(3L);
        assertThat(read.abandoned()).isTrue();
    }

    @Test
    void aChangedByteChangesTheRecomputedHashOnBothPaths() {
        BsonDocument event = event(new BsonDocument("name", str("Acme 有限公司")));
        String stored = EventHasher.hash(PREV, event);
        event.put("hash", str(stored));
        byte[] bytes = raw(event).getByteBuffer().array().clone();
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("Acme");
        bytes[at] = 'B';
        RawBsonDocument tampered = new RawBsonDocument(bytes);

        LogScanner.Read read = RawEventHash.of(tampered);

        assertThat(read.recomputed()).isNotEqualTo(stored)
                .isEqualTo(EventHasher.hash(PREV, tampered.decode(new BsonDocumentCodec())));
    }

    @Test
    void whatTheRawPathDoesNotHandleIsHandedBackToTheTreePath() {
        BsonDocument nonAsciiKey = event(new BsonDocument("😀", str("key")));
        BsonDocument marker = new BsonDocument("_id", new BsonInt64(7)).append("type", str("marker"));
        BsonDocument doubleSeq = event(new BsonDocument());
        doubleSeq.put("seq", new BsonDouble(1));
        BsonDocument noHash = event(new BsonDocument());
        noHash.remove("hash");

        assertThat(RawEventHash.of(raw(nonAsciiKey))).isNull();
        assertThat(RawEventHash.of(raw(marker))).isNull();
        assertThat(RawEventHash.of(raw(doubleSeq))).isNull();
        assertThat(RawEventHash.of(raw(noHash))).isNull();
        assertThat(RawEventHash.of(duplicateKey())).isNull();
    }

    /** A payload with the key {@code a} twice: a tree keeps the last value, so only the tree path may hash it. */
    private static RawBsonDocument duplicateKey() {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeInt64("_id", 1);
            writer.writeString("aggregateId", "c-1");
            writer.writeString("eventId", "e-1");
            writer.writeInt64("seq", 0);
            writer.writeDateTime("timestamp", 1);
            writer.writeString("type", "T");
            writer.writeStartDocument("payload");
            writer.writeString("a", "first");
            writer.writeString("a", "second");
            writer.writeEndDocument();
            writer.writeString("prevHash", "");
            writer.writeString("hash", "0".repeat(64));
            writer.writeEndDocument();
        }
        return new RawBsonDocument(buffer.toByteArray());
    }

    private static BsonDocument event(BsonValue payload) {
        return new BsonDocument("_id", new BsonInt64(1001)).append("aggregateType", str("Customer"))
                .append("aggregateId", str("c-客户-1")).append("seq", new BsonInt64(1)).append("eventId", str("e-1"))
                .append("type", str("dev.kehu.events.customer.CustomerRegistered")).append("revision", str("1"))
                .append("timestamp", new BsonDateTime(1772353800123L)).append("payload", payload)
                .append("metadata", new BsonDocument("actor", str("王芳")).append("reason", str("quarterly review")))
                .append("prevHash", str(PREV)).append("hash", str("0".repeat(64)));
    }

    private static BsonDocument amount(String decimal) {
        return new BsonDocument("creditLimit", new BsonDecimal128(new Decimal128(new BigDecimal(decimal))));
    }

    private static BsonString str(String value) {
        return new BsonString(value);
    }

    private static RawBsonDocument raw(BsonDocument document) {
        return new RawBsonDocument(document, new BsonDocumentCodec());
    }
}
