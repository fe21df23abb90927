package io.graphmail.devmongo;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ConcurrentModificationException;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Stores documents as BSON, as MongoDB does, with the codec the server already uses on the wire. H2's default type
 * writes each document with Java serialization (a new {@code ObjectOutputStream} per document, its class descriptors
 * included), which took most of the stand-in's CPU: every commit writes again every page it changed.
 *
 * <p>A document BSON cannot hold (over MongoDB's 16 MB, which the decoder refuses, or holding a value the codec does
 * not know) is written as before, with Java serialization; a leading byte tells the two apart. H2 writes pages on
 * threads of its own while mongo-java-server updates a stored document in place, so the encoder may meet a document
 * being changed: it encodes it again, as Java serialization, which does not check, would have written it as it was.
 * An exception here would close the store. Dates are kept to the millisecond, as MongoDB keeps them.
 */
final class BsonDocuments extends BasicDataType<Document> {

    private static final byte BSON = 0;
    private static final byte SERIALIZED = 1;
    private static final int LARGEST_BSON_DOCUMENT = 16 * 1024 * 1024;
    private static final int ATTEMPTS = 100;

    private static final int ENCODING_BUFFER = 4096;
    /** A buffer that grew past this for one large document is not kept for the next. */
    private static final int LARGEST_KEPT_BUFFER = 1 << 20;

    private static final ThreadLocal<ByteBuf> ENCODING =
            ThreadLocal.withInitial(() -> Unpooled.buffer(ENCODING_BUFFER));

    private final ObjectDataType serialized = new ObjectDataType();

    /** A running estimate of a document's size, as H2 keeps for serialized objects: it sizes pages by it. */
    private volatile int averageSize = 1024;

    @Override
    public int getMemory(Document document) {
        return averageSize;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf encoded = encode(document);
        if (encoded == null) {
            buffer.put(SERIALIZED);
            serialized.write(buffer, document);
            return;
        }
        int size = encoded.readableBytes();
        buffer.put(BSON).put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), size);
        if (encoded.capacity() > LARGEST_KEPT_BUFFER) {
            ENCODING.set(Unpooled.buffer(ENCODING_BUFFER));
        }
        averageSize = (int) ((size + 15L * averageSize) / 16);
    }

    /** The document as BSON, or null if BSON cannot hold it. */
    private static ByteBuf encode(Document document) {
        for (int attempt = 1; ; attempt++) {
            ByteBuf encoded = ENCODING.get().clear();
            try {
                BsonEncoder.encodeDocument(document, encoded);
                return encoded.readableBytes() <= LARGEST_BSON_DOCUMENT ? encoded : null;
            } catch (ConcurrentModificationException e) {
                if (attempt == ATTEMPTS) {
                    return null;
                }
                Thread.onSpinWait();
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get() == SERIALIZED) {
            return (Document) serialized.read(buffer);
        }
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
