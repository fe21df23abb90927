package io.graphmail.gateway.mail;

import java.util.List;

/** The batches a gateway may still be submitting: the outbox leaves their records to that submission. */
public interface BatchSubmissions {

    /** Ids of the batches being submitted now. */
    List<String> submitting();
}
