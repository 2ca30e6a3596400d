package dev.kehu.infra.embedded.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A document as the BSON bytes the server itself sends and receives (mongo-java-server's own encoder and decoder,
 * so whatever a client can write is stored as it came). Why: H2's default type stores documents with Java
 * serialization (class descriptors in every page, slow to read and write), and a page holding bytes is shared by
 * no one: every read decodes its own copy, so an update can never change a document another request is reading.
 */
final class BsonBytes {

    private BsonBytes() {
    }

    static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(512);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }
}
