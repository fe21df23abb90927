package io.graphmail.worker.graph;

import io.graphmail.worker.pacing.MailboxBudget;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.springframework.stereotype.Component;

/**
 * Uploads a large attachment to a Graph upload session in ranged PUTs. The upload URL carries its
 * own authorization, so these requests go out without our bearer token (Graph refuses it there).
 * They run within the send's place in the mailbox's budget of concurrent requests.
 *
 * <p>A range refused with 429 or 503 and a {@code Retry-After} is not the end of the upload: after
 * waiting (a 429 holds the whole mailbox that long), the session's state ({@code GET} the upload
 * URL) tells where to go on, and the upload resumes there rather than starting over.
 */
@Component
public class UploadSessions {

    /** Under Graph's 4 MB per request, and a multiple of 320 KiB as Graph asks for all but the last. */
    static final int CHUNK = 10 * 320 * 1024;

    /** Refusals of one upload waited out here; beyond them the send is retried later as a whole. */
    static final int MAX_REFUSALS = 5;

    /** The longest {@code Retry-After} waited out while holding the send's place. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final Pattern NEXT_EXPECTED = Pattern.compile("\"nextExpectedRanges\"\\s*:\\s*\\[\\s*\"(\\d+)");

    private final OkHttpClient http;
    private final MailboxBudget budget;

    UploadSessions(GraphProperties properties, MailboxBudget budget, MeterRegistry meterRegistry) {
        this.http = new OkHttpClient.Builder()
                .callTimeout(properties.timeout())
                // A range is not sent twice behind our back; asking the session's state is, if its connection drops.
                .retryOnConnectionFailure(false)
                .addInterceptor(new RetryingDroppedReads(meterRegistry))
                .build();
        this.budget = budget;
    }

    /**
     * Sends {@code size} bytes from {@code content} in chunks; returns how many requests it took.
     *
     * @throws GraphCallFailed if a chunk is refused for good or the upload URL cannot be reached
     */
    public int upload(String accountId, String uploadUrl, InputStream content, long size) {
        byte[] chunk = new byte[CHUNK];
        long chunkStart = 0;
        int length = 0;
        long offset = 0;
        int requests = 0;
        int refusals = 0;
        try {
            while (offset < size) {
                if (offset == chunkStart + length) {
                    chunkStart = offset;
                    length = content.readNBytes(chunk, 0, (int) Math.min(CHUNK, size - offset));
                    if (length == 0) {
                        throw new IOException("content ended at byte " + offset + " of " + size);
                    }
                }
                int from = (int) (offset - chunkStart);
                var request = new Request.Builder()
                        .url(uploadUrl)
                        .put(RequestBody.create(chunk, OCTET_STREAM, from, length - from))
                        .header("Content-Range", "bytes " + offset + "-" + (chunkStart + length - 1) + "/" + size)
                        .build();
                Duration wait;
                try (var response = http.newCall(request).execute()) {
                    requests++;
                    if (response.isSuccessful()) {
                        offset = chunkStart + length;
                        continue;
                    }
                    wait = retryAfter(response);
                    if (wait == null || (response.code() != 429 && response.code() != 503)) {
                        throw GraphCallFailed.upload(response.code(), "upload chunk at " + offset + " refused");
                    }
                    if (response.code() == 429) {
                        budget.throttled(accountId, wait);
                    }
                    if (++refusals > MAX_REFUSALS || wait.compareTo(MAX_WAIT) > 0) {
                        throw GraphCallFailed.upload(response.code(), "upload chunk at " + offset + " refused", wait);
                    }
                }
                Thread.sleep(wait.toMillis());
                offset = nextExpected(uploadUrl);
                requests++;
                if (offset < chunkStart || offset > chunkStart + length) {
                    throw GraphCallFailed.upload(0, "UPLOAD_NOT_RESUMABLE: the session expects byte " + offset);
                }
            }
            return requests;
        } catch (IOException e) {
            throw GraphCallFailed.upload(0, "NETWORK_ERROR:" + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GraphCallFailed.upload(0, "INTERRUPTED");
        }
    }

    /** Where the session expects the next range to start, as {@code GET <uploadUrl>} tells. */
    private long nextExpected(String uploadUrl) throws IOException {
        try (Response response =
                http.newCall(new Request.Builder().url(uploadUrl).get().build()).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            Matcher next = NEXT_EXPECTED.matcher(body);
            if (!response.isSuccessful() || !next.find()) {
                throw GraphCallFailed.upload(response.code(), "upload session state unavailable");
            }
            return Long.parseLong(next.group(1));
        }
    }

    private static Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
