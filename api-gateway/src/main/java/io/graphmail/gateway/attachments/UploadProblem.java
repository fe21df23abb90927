package io.graphmail.gateway.attachments;

import io.graphmail.gateway.problems.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/** An upload the API refuses, carrying its RFC 9457 problem for the application's problem advice. */
class UploadProblem extends ErrorResponseException {

    private UploadProblem(HttpStatus status, String type, String title, String detail) {
        super(status, Problems.of(status, type, title, detail), null);
    }

    static UploadProblem tooLarge(DataSize limit) {
        var problem = new UploadProblem(
                HttpStatus.CONTENT_TOO_LARGE,
                "attachment-too-large",
                "Attachment too large",
                "An attachment may be at most " + limit.toBytes() + " bytes (" + limit.toMegabytes() + " MB)");
        problem.getBody().setProperty("maxBytes", limit.toBytes());
        return problem;
    }

    static UploadProblem unsupportedType(MediaType contentType, List<String> allowed) {
        var problem = new UploadProblem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-attachment-type",
                "Attachment type not accepted",
                "Attachments of type " + contentType + " are not accepted; allowed: " + String.join(", ", allowed));
        problem.getBody().setProperty("allowedContentTypes", allowed);
        return problem;
    }

    static UploadProblem invalid(String field, String message) {
        var problem =
                new UploadProblem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", field + ": " + message);
        problem.getBody().setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    static UploadProblem notFound(String id) {
        return new UploadProblem(
                HttpStatus.NOT_FOUND,
                "attachment-not-found",
                "Attachment not found",
                "No uploaded attachment with id " + id);
    }
}
