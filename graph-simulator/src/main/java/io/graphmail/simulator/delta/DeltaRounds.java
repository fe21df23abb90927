package io.graphmail.simulator.delta;

import io.graphmail.simulator.SimulatorProperties;
import io.graphmail.simulator.mailbox.Mailbox;
import io.graphmail.simulator.mailbox.MailboxesCleared;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The entries of delta rounds, kept for the rounds paged through most recently: a round's entries never change, and
 * working them out again for every page of a large folder would cost a pass over the whole change log each time.
 */
@Component
class DeltaRounds {

    private static final int KEPT_ROUNDS = 32;

    private record Round(String log, String folder, long since, long snapshot, boolean initial, DeltaOptions options) {}

    private final SimulatorProperties simulator;

    private final Map<Round, List<DeltaItem>> rounds = new LinkedHashMap<>(KEPT_ROUNDS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Round, List<DeltaItem>> eldest) {
            return size() > KEPT_ROUNDS;
        }
    };

    DeltaRounds(SimulatorProperties simulator) {
        this.simulator = simulator;
    }

    List<DeltaItem> items(Mailbox mailbox, SyncState state) {
        var round = new Round(
                state.log(), state.folder(), state.since(), state.snapshot(), state.initial(), state.options());
        synchronized (rounds) {
            var items = rounds.get(round);
            if (items != null) {
                return items;
            }
        }
        var items = DeltaRound.items(
                mailbox.changesUpTo(state.snapshot()),
                state,
                simulator.strict() ? DeltaRound.FILTERED_ROUND_CAP : Integer.MAX_VALUE);
        synchronized (rounds) {
            rounds.put(round, items);
        }
        return items;
    }

    @EventListener(MailboxesCleared.class)
    void clear() {
        synchronized (rounds) {
            rounds.clear();
        }
    }
}
