package io.graphmail.worker.send;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param concurrency consumers of the send queue per worker, each sending one message at a time */
@ConfigurationProperties("graphmail.worker")
record SendListenerProperties(@DefaultValue("4") int concurrency) {}
