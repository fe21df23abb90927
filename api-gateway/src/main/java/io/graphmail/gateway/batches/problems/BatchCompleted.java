package io.graphmail.gateway.batches.problems;

import io.graphmail.gateway.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A completed batch has nothing left to pause, resume or cancel. */
public class BatchCompleted extends ErrorResponseException {

    public BatchCompleted(String id) {
        super(
                HttpStatus.CONFLICT,
                Problems.of(
                        HttpStatus.CONFLICT,
                        "batch-completed",
                        "Batch completed",
                        "Batch " + id + " has completed: every message is final"),
                null);
    }
}
