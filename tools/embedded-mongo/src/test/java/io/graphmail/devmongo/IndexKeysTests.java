package io.graphmail.devmongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Index keys are the same key only when equal, and otherwise in one consistent order. */
class IndexKeysTests {

    private final IndexKeys keys = new IndexKeys();

    @Test
    void equalKeysAreTheSameKey() {
        assertThat(keys.compare(key("m-1"), key("m-1"))).isZero();
        assertThat(keys.compare(key(new Document("t", List.of(1, 2))), key(new Document("t", List.of(1, 2)))))
                .isZero();
    }

    @Test
    void valuesMongoDbSortsLevelAreStillDifferentKeysInAConsistentOrder() {
        assertDifferentBothWays(key(new Document("t", List.of(1, 2))), key(new Document("t", List.of(1, 3))));
        assertDifferentBothWays(key(3_000_000_000L), key(3_000_000_000.5));
        assertDifferentBothWays(key(new BsonRegularExpression("^a")), key(new BsonRegularExpression("^b")));
    }

    @Test
    void keysAreOrderedByValueThenBySize() {
        assertThat(keys.compare(key("a"), key("b"))).isNegative();
        assertThat(keys.compare(key(2), key(10))).isNegative();
        assertThat(keys.compare(new KeyValue("a"), new KeyValue("a", "b"))).isNegative();
    }

    private void assertDifferentBothWays(KeyValue one, KeyValue other) {
        int order = keys.compare(one, other);
        assertThat(order).isNotZero();
        assertThat(Integer.signum(keys.compare(other, one))).isEqualTo(-Integer.signum(order));
    }

    private static KeyValue key(Object value) {
        return new KeyValue(value);
    }
}
