package io.graphmail.worker.graph;

import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.springframework.stereotype.Component;

/**
 * Uploads a large attachment to a Graph upload session in ranged PUTs. The upload URL carries its
 * own authorization, so these requests go out without our bearer token (Graph refuses it there).
 */
@Component
public class UploadSessions {

    /** Under Graph's 4 MB per request, and a multiple of 320 KiB as Graph asks for all but the last. */
    static final int CHUNK = 10 * 320 * 1024;

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private final OkHttpClient http;

    UploadSessions(GraphProperties properties) {
        this.http = new OkHttpClient.Builder()
                .callTimeout(properties.timeout())
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * Sends {@code size} bytes from {@code content} in chunks; returns how many requests it took.
     *
     * @throws GraphCallFailed if a chunk is refused or the upload URL cannot be reached
     */
    public int upload(String uploadUrl, InputStream content, long size) {
        byte[] chunk = new byte[CHUNK];
        long offset = 0;
        int requests = 0;
        try {
            while (offset < size) {
                int length = content.readNBytes(chunk, 0, (int) Math.min(CHUNK, size - offset));
                if (length == 0) {
                    throw new IOException("content ended at byte " + offset + " of " + size);
                }
                var request = new Request.Builder()
                        .url(uploadUrl)
                        .put(RequestBody.create(chunk, OCTET_STREAM, 0, length))
                        .header("Content-Range", "bytes " + offset + "-" + (offset + length - 1) + "/" + size)
                        .build();
                try (var response = http.newCall(request).execute()) {
                    requests++;
                    if (!response.isSuccessful()) {
                        throw GraphCallFailed.upload(response.code(), "upload chunk at " + offset + " refused");
                    }
                }
                offset += length;
            }
            return requests;
        } catch (IOException e) {
            throw GraphCallFailed.upload(0, "NETWORK_ERROR:" + e.getClass().getSimpleName());
        }
    }
}
