package io.graphmail.devmongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of a unique index, ordered by their values as MongoDB orders them. H2's default type cannot compare a
 * {@link KeyValue} (it is not {@code Comparable}), so it serializes both keys for every comparison of a lookup's
 * binary search; a lookup by {@code _id} cost more than the rest of an update. Each value is written as H2 writes any
 * object (natively for strings and numbers).
 *
 * <p>Two keys are the same key only if they are equal, as they were with H2's default type: MongoDB's sort order puts
 * some different values level (arrays inside documents by their smallest element, a long and a double beyond an
 * int's range by the long, regular expressions not at all), and those are then ordered by their serialized form.
 */
final class IndexKeys extends BasicDataType<KeyValue> {

    private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

    private final ObjectDataType values = new ObjectDataType();

    @Override
    public int compare(KeyValue one, KeyValue other) {
        int sizes = Math.min(one.size(), other.size());
        for (int i = 0; i < sizes; i++) {
            int order = inSortOrder(one.get(i), other.get(i));
            if (order != 0) {
                return order;
            }
        }
        if (one.size() != other.size()) {
            return Integer.compare(one.size(), other.size());
        }
        return one.equals(other) ? 0 : Arrays.compare(serialized(one), serialized(other));
    }

    private static int inSortOrder(Object one, Object other) {
        try {
            return VALUES.compare(one, other);
        } catch (UnsupportedOperationException e) {
            return 0;
        }
    }

    private byte[] serialized(KeyValue key) {
        var buffer = new WriteBuffer();
        write(buffer, key);
        ByteBuffer written = buffer.getBuffer().flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 24;
        for (Object value : key) {
            memory += values.getMemory(value);
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            values.write(buffer, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> read = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            read.add(values.read(buffer));
        }
        return new KeyValue(read);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
