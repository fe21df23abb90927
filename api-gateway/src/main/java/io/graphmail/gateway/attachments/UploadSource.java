package io.graphmail.gateway.attachments;

import java.io.InputStream;
import org.springframework.http.MediaType;

/**
 * A file arriving in a request, not yet read.
 *
 * @param name the file name, or {@code null} when the request gave none
 * @param declaredLength the length the request announced, or {@code -1} when unknown
 * @param field what the API calls the content in errors: {@code file} (a form part) or {@code body}
 */
record UploadSource(String name, MediaType contentType, long declaredLength, InputStream content, String field) {}
