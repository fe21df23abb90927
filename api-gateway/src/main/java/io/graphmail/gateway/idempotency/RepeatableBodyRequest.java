package io.graphmail.gateway.idempotency;

import io.graphmail.gateway.limits.RequestBodyTooLarge;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A request whose body was read up front (to fingerprint it) and can still be read by the handler. It holds at most
 * {@code maxBytes}: a longer body fails with {@link RequestBodyTooLarge} once that much has been read.
 */
final class RepeatableBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    RepeatableBodyRequest(HttpServletRequest request, long maxBytes) throws IOException {
        super(request);
        byte[] read = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (read.length > maxBytes) {
            throw new RequestBodyTooLarge(maxBytes);
        }
        this.body = read;
    }

    byte[] body() {
        return body;
    }

    @Override
    public ServletInputStream getInputStream() {
        var input = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return input.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return input.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return input.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("The body is already in memory");
            }
        };
    }
}
