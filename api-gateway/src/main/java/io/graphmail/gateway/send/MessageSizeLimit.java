package io.graphmail.gateway.send;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The largest message the gateway takes from an account without its own {@code limits.maxMessageSize}: body and
 * attachments (inline and uploaded) together. Exchange Online's default message size limit is 35 MB; over it Graph
 * still accepts the send (202) and Exchange bounces the message with a non-delivery report, so the gateway refuses it
 * first (413). An account whose admin raised its mailbox's limit (Exchange Online allows up to 150 MB) gets its own.
 */
@Validated
@ConfigurationProperties("graphmail.gateway.limits.message")
record MessageSizeLimit(@DefaultValue("35MB") DataSize maxSize) {}
