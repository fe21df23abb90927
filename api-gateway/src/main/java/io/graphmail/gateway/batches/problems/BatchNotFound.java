package io.graphmail.gateway.batches.problems;

import io.graphmail.gateway.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No batch has this id. */
public class BatchNotFound extends ErrorResponseException {

    public BatchNotFound(String id) {
        super(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "batch-not-found", "Batch not found", "No batch with id " + id),
                null);
    }
}
