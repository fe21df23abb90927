package io.graphmail.worker.send;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.send.parking.Hold;
import io.graphmail.worker.send.parking.ParkedCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

class InMemoryParkedCommands implements ParkedCommands {

    record Parked(SendMailCommand command, byte[] body, Hold hold) {}

    final Map<UUID, Parked> parked = new LinkedHashMap<>();
    final List<UUID> released = new ArrayList<>();
    /** Runs as a grant releases the messages near their turn; may throw, as MongoDB may. */
    Runnable releasingNear = () -> {};

    @Override
    public void park(SendMailCommand command, byte[] body, Hold hold) {
        parked.put(command.commandId(), new Parked(command, body, hold));
    }

    @Override
    public void release(String accountId) {
        releaseWhere(parked -> parked.command().accountId().equals(accountId));
    }

    @Override
    public void releaseBatch(String batchId) {
        releaseWhere(parked -> batchId.equals(String.valueOf(parked.command().batchId())));
    }

    @Override
    public void releaseCommand(UUID commandId) {
        releaseWhere(parked -> parked.command().commandId().equals(commandId));
    }

    @Override
    public void releaseNear(String accountId, String lane, long belowTicket) {
        releasingNear.run();
        releaseWhere(parked -> parked.command().accountId().equals(accountId)
                && parked.hold() instanceof Hold.Paced paced
                && paced.lane().equals(lane)
                && paced.ticket() < belowTicket);
    }

    @Override
    public void releaseDue() {
        releaseWhere(parked -> parked.hold() instanceof Hold.Paced);
    }

    @Override
    public void discard(String accountId, Consumer<UUID> removing) {
        var ids = parked.values().stream()
                .filter(parked -> parked.command().accountId().equals(accountId))
                .map(parked -> parked.command().commandId())
                .toList();
        ids.forEach(id -> {
            removing.accept(id);
            parked.remove(id);
        });
    }

    private void releaseWhere(Predicate<Parked> which) {
        var ids = parked.values().stream()
                .filter(which)
                .map(parked -> parked.command().commandId())
                .toList();
        ids.forEach(parked::remove);
        released.addAll(ids);
    }
}
