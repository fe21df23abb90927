package io.graphmail.gateway.attachments;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** What an upload request says about its file, read without touching its body. */
final class UploadRequests {

    private UploadRequests() {}

    /**
     * A query parameter, read from the query string alone: {@code getParameter} would parse a body sent
     * as {@code application/x-www-form-urlencoded} (what {@code curl --data-binary} sends) as a form.
     */
    static String queryParameter(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (decode(equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    static String dispositionFileName(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        if (header == null) {
            return null;
        }
        try {
            return ContentDisposition.parse(header).getFilename();
        } catch (IllegalArgumentException e) {
            throw UploadProblem.invalid("Content-Disposition", "is not a valid Content-Disposition header");
        }
    }

    /**
     * The file's type; {@code application/octet-stream} when none is given, or only the form type that
     * command-line clients send by default.
     */
    static MediaType contentType(String header) {
        if (header == null || header.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            MediaType type = MediaType.parseMediaType(header);
            return MediaType.APPLICATION_FORM_URLENCODED.includes(type) ? MediaType.APPLICATION_OCTET_STREAM : type;
        } catch (InvalidMediaTypeException e) {
            throw UploadProblem.invalid("Content-Type", "is not a valid media type");
        }
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw UploadProblem.invalid("name", "the query string is not correctly encoded");
        }
    }
}
