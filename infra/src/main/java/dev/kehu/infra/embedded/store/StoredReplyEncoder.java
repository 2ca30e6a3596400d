package dev.kehu.infra.embedded.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.OpCode;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;

/**
 * Writes an {@code OP_MSG} reply whose cursor batch is {@link StoredDocuments}, copying each document's stored BSON
 * bytes into the reply as they are. Why our own: mongo-java-server's encoder takes only its own {@link Document}s,
 * so a reply of stored documents was decoded from the stored bytes and encoded again (a fifth of an aggregate load's
 * CPU). Every other reply passes by to the stock encoder. The frame is the stock one ({@code MongoWireMessageEncoder}):
 * length, request id, response to, op code, flags, one body section.
 */
final class StoredReplyEncoder extends ChannelOutboundHandlerAdapter {

    private static final String NAME = "kehu-stored-reply";

    private StoredReplyEncoder() {
    }

    /**
     * Puts the encoder at the tail of the channel's pipeline (once per connection), so a reply written to the channel
     * meets it before the stock encoder.
     */
    static void install(Channel channel) {
        if (channel == null) {
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NAME) == null) {
            pipeline.addLast(NAME, new StoredReplyEncoder());
        }
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (message instanceof MongoMessage reply && reply.getDocument().get("cursor") instanceof Document cursor
                && cursor.get("firstBatch") instanceof StoredDocuments) {
            ByteBuf out = context.alloc().ioBuffer();
            try {
                encode(reply, out);
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
            context.write(out, promise);
        } else {
            context.write(message, promise);
        }
    }

    private static void encode(MongoMessage message, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0); // the length, written last
        out.writeIntLE(message.getHeader().getRequestID());
        out.writeIntLE(message.getHeader().getResponseTo());
        out.writeIntLE(OpCode.OP_MSG.getId());
        out.writeIntLE(message.getFlags());
        out.writeByte(MongoMessage.SECTION_KIND_BODY);
        writeDocument(message.getDocument(), out);
        out.setIntLE(start, out.writerIndex() - start);
    }

    private static void writeDocument(Map<String, ?> document, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        for (Map.Entry<String, ?> field : document.entrySet()) {
            Object value = field.getValue();
            if (value instanceof StoredDocuments stored) {
                writeName(BsonConstants.TYPE_ARRAY, field.getKey(), out);
                writeStored(stored, out);
            } else if (value instanceof Document nested) {
                writeName(BsonConstants.TYPE_EMBEDDED_DOCUMENT, field.getKey(), out);
                writeDocument(nested, out);
            } else {
                byte type = BsonEncoder.determineType(value);
                writeName(type, field.getKey(), out);
                BsonEncoder.encodeValue(type, value, out);
            }
        }
        out.writeByte(BsonConstants.TERMINATING_BYTE);
        out.setIntLE(start, out.writerIndex() - start);
    }

    /** A BSON array of the stored documents: element names "0", "1", … and each document's bytes. */
    private static void writeStored(StoredDocuments stored, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        for (int i = 0; i < stored.size(); i++) {
            writeName(BsonConstants.TYPE_EMBEDDED_DOCUMENT, Integer.toString(i), out);
            out.writeBytes(stored.bytes(i));
        }
        out.writeByte(BsonConstants.TERMINATING_BYTE);
        out.setIntLE(start, out.writerIndex() - start);
    }

    private static void writeName(byte type, String name, ByteBuf out) {
        out.writeByte(type);
        out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        out.writeByte(BsonConstants.STRING_TERMINATION);
    }
}
