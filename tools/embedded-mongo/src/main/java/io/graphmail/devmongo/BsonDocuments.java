package io.graphmail.devmongo;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Stores documents as BSON, as MongoDB does, with the codec the server already uses on the wire. H2's default type
 * writes each document with Java serialization (a new {@code ObjectOutputStream} per document, its class descriptors
 * included), which took most of the stand-in's CPU: every commit writes again every page it changed.
 */
final class BsonDocuments extends BasicDataType<Document> {

    private static final int ENCODING_BUFFER = 4096;
    /** A buffer that grew past this for one large document is not kept for the next. */
    private static final int LARGEST_KEPT_BUFFER = 1 << 20;

    private static final ThreadLocal<ByteBuf> ENCODING =
            ThreadLocal.withInitial(() -> Unpooled.buffer(ENCODING_BUFFER));

    /** A running estimate of a document's size, as H2 keeps for serialized objects: it sizes pages by it. */
    private volatile int averageSize = 1024;

    @Override
    public int getMemory(Document document) {
        return averageSize;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf encoded = ENCODING.get().clear();
        BsonEncoder.encodeDocument(document, encoded);
        int size = encoded.readableBytes();
        buffer.put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), size);
        if (encoded.capacity() > LARGEST_KEPT_BUFFER) {
            ENCODING.set(Unpooled.buffer(ENCODING_BUFFER));
        }
        averageSize = (int) ((size + 15L * averageSize) / 16);
    }

    @Override
    public Document read(ByteBuffer buffer) {
        ByteBuf stored = Unpooled.wrappedBuffer(buffer.slice());
        Document document = BsonDecoder.decodeBson(stored);
        buffer.position(buffer.position() + stored.readerIndex());
        return document;
    }

    /** MVMap compares values only to tell equal from different ({@code replace}, {@code remove(key, value)}). */
    @Override
    public int compare(Document one, Document other) {
        return ValueComparator.asc().compare(one, other);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
