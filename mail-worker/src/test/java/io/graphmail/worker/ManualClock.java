package io.graphmail.worker;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until the test sets it. */
public final class ManualClock extends Clock {

    private volatile long millis;

    public void set(long millis) {
        this.millis = millis;
    }

    public void set(Instant instant) {
        set(instant.toEpochMilli());
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
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
