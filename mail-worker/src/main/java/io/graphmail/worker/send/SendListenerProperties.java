package io.graphmail.worker.send;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param concurrency consumers of the (bulk) send queue per worker, each sending one message at a time
 * @param transactionalConcurrency consumers of the transactional send queue per worker, which also carries the batch
 *     messages whose turn has come: each may hold its consumer up to a slot's lead (waiting for its turn) plus its
 *     Graph call
 * @param transactionalPrefetch messages each transactional consumer is handed before it acknowledges one: small, so
 *     that a transactional command never waits in one consumer's buffer while another is free
 */
@ConfigurationProperties("graphmail.worker")
record SendListenerProperties(
        @DefaultValue("4") int concurrency,
        @DefaultValue("4") int transactionalConcurrency,
        @DefaultValue("1") int transactionalPrefetch) {}
