package io.graphmail.worker.send;

import io.graphmail.worker.pacing.AccountPacing;
import io.graphmail.worker.pacing.Lane;
import io.graphmail.worker.pacing.Limits;
import io.graphmail.worker.pacing.Permit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers every request with {@link #next}, a grant unless a test says otherwise. */
class ScriptedPacing implements AccountPacing {

    Permit next;
    final List<Permit.Granted> released = new ArrayList<>();
    final Map<String, Duration> throttled = new HashMap<>();
    Long ticketPresented;
    Lane lanePresented;
    final List<Permit.Granted> unused = new ArrayList<>();
    final List<UUID> closedLanes = new ArrayList<>();

    @Override
    public Limits defaults() {
        return new Limits(30, 10_000, 4);
    }

    @Override
    public Limits personalDefaults() {
        return defaults().withRecipientsPerDayAtMost(5_000);
    }

    @Override
    public Permit acquire(String accountId, int recipients, Limits limits, Lane lane, Long ticket) {
        ticketPresented = ticket;
        lanePresented = lane;
        return next != null ? next : new Permit.Granted(accountId, "lease", true);
    }

    @Override
    public void release(Permit.Granted permit) {
        released.add(permit);
    }

    @Override
    public void unused(Permit.Granted permit) {
        unused.add(permit);
    }

    @Override
    public void closeLane(UUID batchId) {
        closedLanes.add(batchId);
    }

    @Override
    public void openLane(UUID batchId) {
        closedLanes.remove(batchId);
    }

    @Override
    public void throttled(String accountId, Duration retryAfter) {
        throttled.put(accountId, retryAfter);
    }
}
