package io.graphmail.devmongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/** Documents written to a page and read back, whatever the encoder meets. */
class BsonDocumentsTests {

    private static final byte BSON = 0;
    private static final byte SERIALIZED = 1;

    private final BsonDocuments documents = new BsonDocuments();

    @Test
    void severalDocumentsInOnePageReadBackInOrderAsBson() {
        var first = new Document("_id", "m-1").append("to", List.of("a@example.com"));
        var second = new Document("_id", "m-2").append("nested", new Document("n", 2L));
        var buffer = new WriteBuffer();
        documents.write(buffer, first);
        int secondStarts = buffer.position();
        documents.write(buffer, second);

        ByteBuffer page = buffer.getBuffer().flip();
        assertThat(page.get(0)).isEqualTo(BSON);
        assertThat(page.get(secondStarts)).isEqualTo(BSON);
        assertThat(documents.read(page)).isEqualTo(first);
        assertThat(documents.read(page)).isEqualTo(second);
        assertThat(page.hasRemaining()).isFalse();
    }

    @Test
    void aDocumentChangedWhileItIsEncodedIsEncodedAgain() {
        var document = new Document("_id", "m-1").append("to", new ChangedWhileRead(2, List.of("a", "b")));

        ByteBuffer page = written(document);

        assertThat(page.get(0)).isEqualTo(BSON);
        assertThat(documents.read(page)).isEqualTo(new Document("_id", "m-1").append("to", List.of("a", "b")));
    }

    @Test
    void aValueBsonCannotHoldIsWrittenSerializedAndReadBack() {
        var document = new Document("_id", "m-1").append("custom", new Custom("kept"));

        ByteBuffer page = written(document);

        assertThat(page.get(0)).isEqualTo(SERIALIZED);
        assertThat(documents.read(page)).isEqualTo(document);
    }

    private ByteBuffer written(Document document) {
        var buffer = new WriteBuffer();
        documents.write(buffer, document);
        return buffer.getBuffer().flip();
    }

    record Custom(String value) implements Serializable {}

    /** A list another thread changes while the encoder walks it, the given number of times. */
    private static final class ChangedWhileRead extends AbstractList<String> {

        private final List<String> values;
        private int changes;

        ChangedWhileRead(int changes, List<String> values) {
            this.changes = changes;
            this.values = values;
        }

        @Override
        public Iterator<String> iterator() {
            if (changes > 0) {
                changes--;
                throw new ConcurrentModificationException();
            }
            return values.iterator();
        }

        @Override
        public String get(int index) {
            return values.get(index);
        }

        @Override
        public int size() {
            return values.size();
        }
    }
}
