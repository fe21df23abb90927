package io.graphmail.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that stands still until the test sets or advances it; other threads see the change at once. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** A clock at the epoch. */
    public MutableClock() {
        this(Instant.EPOCH);
    }

    public MutableClock(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void set(long epochMillis) {
        set(Instant.ofEpochMilli(epochMillis));
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
