package io.graphmail.worker.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How mailboxes are synced into MongoDB.
 *
 * @param folders the well-known folders synced when a command names none
 * @param pageSize messages per Graph page ({@code Prefer: odata.maxpagesize})
 * @param minPageSize a page that times out (504) is asked for again with half as many messages, down to this many
 * @param syncFrom a first or full sync skips mail received before this day; none: everything
 * @param leaseTime how long a folder's sync lease lasts between pages (a dead worker's lease ends then)
 * @param attachments which attachment contents are downloaded
 */
@Validated
@ConfigurationProperties("graphmail.sync")
public record SyncProperties(
        @NotEmpty @DefaultValue({"inbox", "sentitems"}) List<String> folders,
        @Min(1) @Max(1000) @DefaultValue("100") int pageSize,
        @Min(1) @Max(1000) @DefaultValue("10") int minPageSize,
        LocalDate syncFrom,
        @DefaultValue("2m") Duration leaseTime,
        @DefaultValue Attachments attachments) {

    /** @param maxBytes attachments up to this size are stored in GridFS; larger ones as metadata only */
    record Attachments(@DefaultValue("3MB") DataSize maxBytes) {}
}
