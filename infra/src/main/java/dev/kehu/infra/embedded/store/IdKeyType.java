package dev.kehu.infra.embedded.store;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** H2 data type of {@code _id} keys (and of positions in index maps): {@link KeyCodec}'s form and order. */
final class IdKeyType extends BasicDataType<Object> {

    static final IdKeyType INSTANCE = new IdKeyType();

    private IdKeyType() {
    }

    @Override
    public int getMemory(Object value) {
        return KeyCodec.memory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        KeyCodec.write(buffer, value);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        return KeyCodec.read(buffer);
    }

    @Override
    public int compare(Object a, Object b) {
        return KeyCodec.compare(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
