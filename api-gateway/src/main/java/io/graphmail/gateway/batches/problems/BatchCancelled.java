package io.graphmail.gateway.batches.problems;

import io.graphmail.gateway.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A cancelled batch cannot be paused or resumed. */
public class BatchCancelled extends ErrorResponseException {

    public BatchCancelled(String id) {
        super(
                HttpStatus.CONFLICT,
                Problems.of(
                        HttpStatus.CONFLICT, "batch-cancelled", "Batch cancelled", "Batch " + id + " was cancelled"),
                null);
    }
}
