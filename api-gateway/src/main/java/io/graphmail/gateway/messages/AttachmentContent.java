package io.graphmail.gateway.messages;

import java.io.InputStream;
import org.springframework.http.MediaType;

/** An archived attachment's content, open for reading once; whoever reads it closes it. */
record AttachmentContent(String filename, MediaType contentType, long length, InputStream content) {}
