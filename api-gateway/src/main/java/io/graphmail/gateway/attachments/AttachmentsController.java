package io.graphmail.gateway.attachments;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.security.AuthenticatedClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "Attachments", description = "Upload a file once, send it with any number of messages")
@RestController
@RequestMapping("/api/v1/attachments")
class AttachmentsController {

    private final StoringUpload storingUpload;
    private final Uploads uploads;
    private final AttachmentProperties properties;

    AttachmentsController(StoringUpload storingUpload, Uploads uploads, AttachmentProperties properties) {
        this.storingUpload = storingUpload;
        this.uploads = uploads;
        this.properties = properties;
    }

    @Operation(
            summary = "Upload a file as a form's part \"file\"",
            description = "201 with the file's id, to be sent by listing it in attachmentIds.")
    @Parameter(in = ParameterIn.QUERY, name = "name", description = "File name; else the part's file name")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<UploadView> uploadPart(
            @RequestPart(name = "file", required = false) MultipartFile file, HttpServletRequest request)
            throws IOException {
        if (file == null) {
            throw UploadProblem.invalid("file", "send the file as the form part \"file\"");
        }
        String fileName = UploadRequests.queryParameter(request, "name");
        try (InputStream content = file.getInputStream()) {
            var source = new UploadSource(
                    fileName != null ? fileName : file.getOriginalFilename(),
                    UploadRequests.contentType(file.getContentType()),
                    file.getSize(),
                    content,
                    "file");
            return created(
                    storingUpload.store(source, AuthenticatedClient.current().id()));
        }
    }

    @Operation(
            summary = "Upload a file as the request body",
            description = "Any content type; the file name from ?name= or a Content-Disposition header.")
    @Parameter(in = ParameterIn.QUERY, name = "name", description = "File name; else Content-Disposition's")
    @PostMapping
    ResponseEntity<UploadView> uploadBody(HttpServletRequest request) throws IOException {
        String fileName = UploadRequests.queryParameter(request, "name");
        var source = new UploadSource(
                fileName != null ? fileName : UploadRequests.dispositionFileName(request),
                UploadRequests.contentType(request.getContentType()),
                request.getContentLengthLong(),
                request.getInputStream(),
                "body");
        return created(storingUpload.store(source, AuthenticatedClient.current().id()));
    }

    @Operation(summary = "An uploaded file's description")
    @GetMapping("/{id}")
    UploadView get(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        return uploads.find(id)
                .filter(upload -> client.owns(upload.uploadedBy()))
                .map(UploadView::of)
                .orElseThrow(() -> UploadProblem.notFound(id));
    }

    /** A form upload over {@code spring.servlet.multipart.*}, refused while its part was read. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        return UploadProblem.tooLarge(properties.maxBytes()).getBody();
    }

    private static ResponseEntity<UploadView> created(Upload upload) {
        return ResponseEntity.created(URI.create("/api/v1/attachments/" + upload.id()))
                .body(UploadView.of(upload));
    }
}
