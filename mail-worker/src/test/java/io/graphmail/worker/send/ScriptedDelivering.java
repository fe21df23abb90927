package io.graphmail.worker.send;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.send.deliveries.Delivering;
import io.graphmail.worker.send.deliveries.Delivery;
import java.util.ArrayList;
import java.util.List;

/** Stands in for Graph: answers with {@link #answer}, or throws {@link #refusal} as Graph's adapter would. */
class ScriptedDelivering implements Delivering {

    Delivered answer = new Delivered(false, 2);
    RuntimeException refusal;
    final List<Delivery> attempts = new ArrayList<>();
    /** Runs as Graph is called, to look at what the other stores hold at that moment. */
    Runnable whileDelivering = () -> {};

    @Override
    public Delivered deliver(SendMailCommand command, AccountSettings account, Delivery delivery) {
        attempts.add(delivery);
        whileDelivering.run();
        if (refusal != null) {
            throw refusal;
        }
        return answer;
    }
}
