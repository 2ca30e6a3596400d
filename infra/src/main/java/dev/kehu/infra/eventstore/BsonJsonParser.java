package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;
import com.fasterxml.jackson.core.json.JsonReadContext;
import org.bson.BsonBinarySubType;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A Jackson parser over one BSON document (or array) held in a byte array, so that Jackson binds stored payloads and
 * metadata to their classes straight from the bytes, without a {@code JsonNode} tree in between. It yields exactly
 * the tokens of the tree {@link BsonJson#toJson} builds from the same document: {@code Decimal128} is a
 * {@link BigDecimal} (scale kept), a date-time its epoch milliseconds, an object id its hex string, binary data an
 * embedded {@code byte[]}. A value of any other BSON type fails the parse ({@link UnsupportedBsonType}); the caller
 * then reads the document through the tree instead.
 */
final class BsonJsonParser extends ParserMinimalBase {

    /** A BSON type the parser does not read (regular expressions, timestamps, JavaScript, ...). */
    static final class UnsupportedBsonType extends IllegalStateException {
        UnsupportedBsonType(byte type) {
            super("BSON type " + type + " is read through the tree");
        }
    }

    private final byte[] bytes;
    private final int rootOffset;
    private final boolean rootIsArray;
    private ObjectCodec codec;
    private JsonReadContext context = JsonReadContext.createRootContext(null);
    /** Offset of the next element's type byte. */
    private int position;
    private boolean started;
    private boolean closed;
    /** The type of the value after the field name just returned, or 0. */
    private byte pendingType;

    private String text;
    private Number number;
    private NumberType numberType;
    private byte[] binary;

    /** A parser over the BSON document (or array, whose bytes have the same layout) at {@code offset}. */
    BsonJsonParser(byte[] bytes, int offset, boolean isArray, ObjectCodec codec) {
        this.bytes = bytes;
        this.rootOffset = offset;
        this.rootIsArray = isArray;
        this.codec = codec;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        if (closed) {
            return _currToken = null;
        }
        if (!started) {
            started = true;
            return _currToken = readValue(rootIsArray ? BsonBytes.ARRAY : BsonBytes.DOCUMENT, rootOffset);
        }
        if (context.inRoot()) {
            close(); // the document is complete
            return _currToken = null;
        }
        if (pendingType != 0) {
            byte type = pendingType;
            pendingType = 0;
            return _currToken = readValue(type, position);
        }
        byte type = bytes[position++];
        if (type == 0) {
            boolean wasArray = context.inArray();
            context = context.clearAndGetParent();
            return _currToken = wasArray ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
        }
        int nameEnd = BsonBytes.cStringEnd(bytes, position);
        if (context.inArray()) {
            position = nameEnd + 1; // array element names are their indexes
            return _currToken = readValue(type, position);
        }
        context.setCurrentName(BsonBytes.name(bytes, position, nameEnd));
        position = nameEnd + 1;
        pendingType = type;
        return _currToken = JsonToken.FIELD_NAME;
    }

    /** Reads the value of {@code type} at {@code p}; leaves {@link #position} after it (or inside, for a container). */
    private JsonToken readValue(byte type, int p) {
        text = null;
        number = null;
        numberType = null;
        binary = null;
        switch (type) {
            case BsonBytes.DOCUMENT:
                position = p + 4;
                context = context.createChildObjectContext(-1, -1);
                return JsonToken.START_OBJECT;
            case BsonBytes.ARRAY:
                position = p + 4;
                context = context.createChildArrayContext(-1, -1);
                return JsonToken.START_ARRAY;
            default:
                position = p + BsonBytes.valueSize(type, bytes, p);
                return readScalar(type, p);
        }
    }

    private JsonToken readScalar(byte type, int p) {
        switch (type) {
            case BsonBytes.STRING:
                text = BsonBytes.string(bytes, p);
                return JsonToken.VALUE_STRING;
            case BsonBytes.BOOLEAN:
                return bytes[p] != 0 ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE;
            case BsonBytes.NULL:
                return JsonToken.VALUE_NULL;
            case BsonBytes.INT32:
                return integral(BsonBytes.int32(bytes, p), NumberType.INT);
            case BsonBytes.INT64:
            case BsonBytes.DATE_TIME:
                return integral(BsonBytes.int64(bytes, p), NumberType.LONG);
            case BsonBytes.DOUBLE:
                number = BsonBytes.float64(bytes, p);
                numberType = NumberType.DOUBLE;
                return JsonToken.VALUE_NUMBER_FLOAT;
            case BsonBytes.DECIMAL128:
                number = Decimal128.fromIEEE754BIDEncoding(BsonBytes.int64(bytes, p + 8), BsonBytes.int64(bytes, p))
                        .bigDecimalValue();
                numberType = NumberType.BIG_DECIMAL;
                return JsonToken.VALUE_NUMBER_FLOAT;
            case BsonBytes.BINARY: {
                int length = BsonBytes.int32(bytes, p);
                int data = p + 5;
                if (bytes[p + 4] == BsonBinarySubType.OLD_BINARY.getValue()) {
                    length = BsonBytes.int32(bytes, data); // the old subtype repeats the length
                    data += 4;
                }
                binary = Arrays.copyOfRange(bytes, data, data + length);
                return JsonToken.VALUE_EMBEDDED_OBJECT;
            }
            case BsonBytes.OBJECT_ID:
                text = new ObjectId(Arrays.copyOfRange(bytes, p, p + 12)).toHexString();
                return JsonToken.VALUE_STRING;
            default:
                throw new UnsupportedBsonType(type);
        }
    }

    private JsonToken integral(Number value, NumberType type) {
        number = value;
        numberType = type;
        return JsonToken.VALUE_NUMBER_INT;
    }

    @Override
    protected void _handleEOF() throws JsonParseException {
        if (!context.inRoot()) {
            _reportInvalidEOF();
        }
    }

    @Override
    public String getCurrentName() {
        if (_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY) {
            JsonReadContext parent = context.getParent();
            return parent == null ? null : parent.getCurrentName();
        }
        return context.getCurrentName();
    }

    @Override
    public void overrideCurrentName(String name) {
        try {
            context.setCurrentName(name);
        } catch (IOException e) { // only with duplicate detection, which this parser does not use
            throw new IllegalStateException(e);
        }
    }

    @Override
    public JsonStreamContext getParsingContext() {
        return context;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String getText() {
        if (_currToken == null) {
            return null;
        }
        return switch (_currToken) {
            case FIELD_NAME -> context.getCurrentName();
            case VALUE_STRING -> text;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number instanceof BigDecimal decimal
                    ? decimal.toString() : String.valueOf(number);
            case VALUE_EMBEDDED_OBJECT -> null;
            default -> _currToken.asString();
        };
    }

    @Override
    public char[] getTextCharacters() {
        String value = getText();
        return value == null ? null : value.toCharArray();
    }

    @Override
    public boolean hasTextCharacters() {
        return false;
    }

    @Override
    public int getTextLength() {
        String value = getText();
        return value == null ? 0 : value.length();
    }

    @Override
    public int getTextOffset() {
        return 0;
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws JsonParseException {
        if (binary != null) {
            return binary;
        }
        if (_currToken == JsonToken.VALUE_STRING) {
            return decodeBase64(text, variant);
        }
        throw _constructError("Current token (" + _currToken + ") is not binary data");
    }

    @Override
    public Object getEmbeddedObject() {
        return _currToken == JsonToken.VALUE_EMBEDDED_OBJECT ? binary : null;
    }

    private byte[] decodeBase64(String value, Base64Variant variant) throws JsonParseException {
        try {
            return variant.decode(value);
        } catch (IllegalArgumentException e) {
            throw _constructError("Not valid base64: " + e.getMessage());
        }
    }

    private Number checkedNumber() throws JsonParseException {
        if (number == null) {
            throw _constructError("Current token (" + _currToken + ") is not numeric");
        }
        return number;
    }

    @Override
    public Number getNumberValue() throws JsonParseException {
        return checkedNumber();
    }

    @Override
    public NumberType getNumberType() {
        return numberType;
    }

    @Override
    public int getIntValue() throws JsonParseException {
        Number value = checkedNumber();
        if (numberType == NumberType.INT) {
            return value.intValue();
        }
        long asLong = value instanceof BigDecimal decimal ? decimal.longValue() : value.longValue();
        if (asLong < Integer.MIN_VALUE || asLong > Integer.MAX_VALUE) {
            throw _constructError("Numeric value (" + getText() + ") out of range of int");
        }
        return (int) asLong;
    }

    @Override
    public long getLongValue() throws JsonParseException {
        return checkedNumber().longValue();
    }

    @Override
    public BigInteger getBigIntegerValue() throws JsonParseException {
        return getDecimalValue().toBigInteger();
    }

    @Override
    public float getFloatValue() throws JsonParseException {
        return checkedNumber().floatValue();
    }

    @Override
    public double getDoubleValue() throws JsonParseException {
        return checkedNumber().doubleValue();
    }

    @Override
    public BigDecimal getDecimalValue() throws JsonParseException {
        Number value = checkedNumber();
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (numberType == NumberType.DOUBLE) {
            return BigDecimal.valueOf(value.doubleValue());
        }
        return BigDecimal.valueOf(value.longValue());
    }

    @Override
    public ObjectCodec getCodec() {
        return codec;
    }

    @Override
    public void setCodec(ObjectCodec codec) {
        this.codec = codec;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public JsonLocation getCurrentLocation() {
        return JsonLocation.NA;
    }

    @Override
    public JsonLocation getTokenLocation() {
        return JsonLocation.NA;
    }
}
