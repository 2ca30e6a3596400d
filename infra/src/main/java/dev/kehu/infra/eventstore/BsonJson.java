package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinaryReader;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;

/**
 * Converts Jackson 2 JSON trees to readable BSON and back without losing precision: decimal numbers
 * become {@code Decimal128} (scale kept), so money amounts survive a round trip exactly.
 */
public final class BsonJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private BsonJson() {
    }

    public static BsonValue toBson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return BsonNull.VALUE;
        }
        if (node.isObject()) {
            BsonDocument document = new BsonDocument();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                document.append(field.getKey(), toBson(field.getValue()));
            }
            return document;
        }
        if (node.isArray()) {
            BsonArray array = new BsonArray();
            for (JsonNode element : node) {
                array.add(toBson(element));
            }
            return array;
        }
        if (node.isTextual()) {
            return new BsonString(node.textValue());
        }
        if (node.isBoolean()) {
            return BsonBoolean.valueOf(node.booleanValue());
        }
        if (node.isInt() || node.isShort()) {
            return new BsonInt32(node.intValue());
        }
        if (node.isLong()) {
            return new BsonInt64(node.longValue());
        }
        if (node.isBigInteger() || node.isBigDecimal()) {
            BigDecimal decimal = node.decimalValue();
            try {
                return new BsonDecimal128(new Decimal128(decimal));
            } catch (NumberFormatException | ArithmeticException tooPrecise) {
                return new BsonString(decimal.toString());
            }
        }
        if (node.isNumber()) {
            return new BsonDouble(node.doubleValue());
        }
        if (node.isBinary()) {
            try {
                return new BsonBinary(node.binaryValue());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new BsonString(node.asText());
    }

    public static JsonNode toJson(BsonValue value) {
        if (value == null || value.isNull()) {
            return NODES.nullNode();
        }
        switch (value.getBsonType()) {
            case DOCUMENT: {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, BsonValue> field : value.asDocument().entrySet()) {
                    object.set(field.getKey(), toJson(field.getValue()));
                }
                return object;
            }
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (BsonValue element : value.asArray()) {
                    array.add(toJson(element));
                }
                return array;
            }
            case STRING:
                return NODES.textNode(value.asString().getValue());
            case BOOLEAN:
                return NODES.booleanNode(value.asBoolean().getValue());
            case INT32:
                return NODES.numberNode(value.asInt32().getValue());
            case INT64:
                return NODES.numberNode(value.asInt64().getValue());
            case DOUBLE:
                return NODES.numberNode(value.asDouble().getValue());
            case DECIMAL128:
                return NODES.numberNode(value.asDecimal128().getValue().bigDecimalValue());
            case BINARY:
                return NODES.binaryNode(value.asBinary().getData());
            case DATE_TIME:
                return NODES.numberNode(value.asDateTime().getValue());
            case OBJECT_ID:
                return NODES.textNode(value.asObjectId().getValue().toHexString());
            default:
                return NODES.textNode(value.toString());
        }
    }

    /**
     * The BSON document, or array ({@code isArray}: same layout, its keys the indexes), at {@code offset} in
     * {@code bytes} as a Jackson tree; same mapping as {@link #toJson(BsonValue)}.
     */
    static JsonNode readJson(byte[] bytes, int offset, boolean isArray) {
        BsonBinaryReader reader = new BsonBinaryReader(
                ByteBuffer.wrap(bytes, offset, BsonBytes.int32(bytes, offset)).slice());
        reader.readBsonType(); // the top level: a document
        if (!isArray) {
            return readJson(reader);
        }
        ArrayNode array = NODES.arrayNode();
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            reader.skipName();
            array.add(readJson(reader));
        }
        reader.readEndDocument();
        return array;
    }

    /**
     * Reads the value the reader is positioned at (its type already read) straight into a Jackson tree, in one
     * pass without building BSON values first; same mapping as {@link #toJson(BsonValue)}.
     */
    public static JsonNode readJson(BsonReader reader) {
        BsonType type = reader.getCurrentBsonType();
        switch (type) {
            case DOCUMENT: {
                ObjectNode object = NODES.objectNode();
                reader.readStartDocument();
                while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                    String name = reader.readName();
                    object.set(name, readJson(reader));
                }
                reader.readEndDocument();
                return object;
            }
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                reader.readStartArray();
                while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                    array.add(readJson(reader));
                }
                reader.readEndArray();
                return array;
            }
            case NULL:
                reader.readNull();
                return NODES.nullNode();
            case STRING:
                return NODES.textNode(reader.readString());
            case BOOLEAN:
                return NODES.booleanNode(reader.readBoolean());
            case INT32:
                return NODES.numberNode(reader.readInt32());
            case INT64:
                return NODES.numberNode(reader.readInt64());
            case DOUBLE:
                return NODES.numberNode(reader.readDouble());
            case DECIMAL128:
                return NODES.numberNode(reader.readDecimal128().bigDecimalValue());
            case BINARY:
                return NODES.binaryNode(reader.readBinaryData().getData());
            case DATE_TIME:
                return NODES.numberNode(reader.readDateTime());
            case OBJECT_ID:
                return NODES.textNode(reader.readObjectId().toHexString());
            default:
                return toJson(new org.bson.codecs.BsonValueCodec().decode(reader,
                        org.bson.codecs.DecoderContext.builder().build()));
        }
    }
}
