package io.graphmail.worker.accounts.tokens;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code token_caches} collection, the workers' only: encrypted on the way in, decrypted on the way out. */
@Component
class TokenCaches {

    static final String ACTIVE = "ACTIVE";
    static final String REAUTH_REQUIRED = "REAUTH_REQUIRED";

    private final MongoTemplate mongo;
    private final TokenCipher cipher;
    private final Clock clock;

    TokenCaches(MongoTemplate mongo, TokenCacheProperties properties, Clock clock) {
        this.mongo = mongo;
        this.cipher = new TokenCipher(properties.encryptionKeys());
        this.clock = clock;
    }

    Optional<TokenCacheDocument> find(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, TokenCacheDocument.class));
    }

    /** The decrypted cache and the version it was read at. */
    Optional<Versioned> load(String accountId) {
        return find(accountId)
                .filter(document -> document.ciphertext() != null)
                .map(document -> new Versioned(
                        cipher.decrypt(
                                accountId,
                                new TokenCipher.Sealed(document.keyId(), document.nonce(), document.ciphertext())),
                        document.version()));
    }

    /**
     * Writes the cache if nobody else wrote it since {@code expectedVersion} (0 for a new cache).
     *
     * @return false if another writer came first
     */
    boolean save(String accountId, String cache, long expectedVersion) {
        TokenCipher.Sealed sealed = cipher.encrypt(accountId, cache);
        var update = new Update()
                .set("keyId", sealed.keyId())
                .set("nonce", sealed.nonce())
                .set("ciphertext", sealed.ciphertext())
                .set("state", ACTIVE)
                .set("updatedAt", clock.instant())
                .inc("version", 1);
        try {
            var result = mongo.upsert(
                    query(where("_id").is(accountId).and("version").is(expectedVersion)),
                    update,
                    TokenCacheDocument.class);
            return result.getModifiedCount() + (result.getUpsertedId() == null ? 0 : 1) > 0;
        } catch (DuplicateKeyException anotherWriterWon) {
            return false;
        }
    }

    void markState(String accountId, String state) {
        mongo.upsert(
                query(where("_id").is(accountId)),
                new Update()
                        .set("state", state)
                        .set("updatedAt", clock.instant())
                        .setOnInsert("version", 0L),
                TokenCacheDocument.class);
    }

    void delete(String accountId) {
        mongo.remove(query(where("_id").is(accountId)), TokenCacheDocument.class);
    }

    record Versioned(String cache, long version) {}
}
