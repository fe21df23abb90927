package io.graphmail.simulator.snapshots;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keeping the mailboxes in a file across restarts, for local runs (Graph keeps mail, so a simulator that forgot it on
 * every restart would look to a sync like a mailbox emptied at once).
 *
 * @param file where the mailboxes' messages are kept as JSON; none (the default): in memory only, as tests want
 * @param delay how long after a change the file is written, so that many changes make one write
 */
@ConfigurationProperties("graphmail.simulator.snapshot")
public record SnapshotProperties(
        Path file, @DefaultValue("1s") Duration delay) {}
