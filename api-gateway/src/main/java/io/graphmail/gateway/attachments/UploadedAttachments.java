package io.graphmail.gateway.attachments;

import io.graphmail.contract.send.AttachmentReference;
import io.graphmail.gateway.security.ApiClient;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What other features may ask about uploaded files. */
@Component
public class UploadedAttachments {

    private final Uploads uploads;

    UploadedAttachments(Uploads uploads) {
        this.uploads = uploads;
    }

    /**
     * References to the client's uploads among these ids, keyed by the id as given; unknown ids and other clients'
     * uploads are absent.
     */
    public Map<String, AttachmentReference> find(Collection<String> ids, ApiClient client) {
        var byId = new HashMap<String, AttachmentReference>();
        uploads.findAll(ids).stream()
                .filter(upload -> client.owns(upload.uploadedBy()))
                .forEach(upload -> byId.put(upload.id(), upload.reference()));
        var found = new HashMap<String, AttachmentReference>();
        for (String id : ids) {
            var reference = id == null ? null : byId.get(id.toLowerCase(Locale.ROOT));
            if (reference != null) {
                found.put(id, reference);
            }
        }
        return found;
    }
}
