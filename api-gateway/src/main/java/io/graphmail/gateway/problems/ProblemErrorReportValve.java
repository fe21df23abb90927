package io.graphmail.gateway.problems;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error page for what it refuses before any filter runs (an encoded slash or backslash, a NUL byte, an
 * overlong UTF-8 sequence, a request target that disagrees with {@code Host}, the {@code CONNECT} method) as
 * problem+json instead of an HTML page naming the server.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 501 && "CONNECT".equals(request.getMethod())) {
            // No resource of the API takes CONNECT: the method is not allowed, rather than a server shortcoming.
            status = 405;
            response.setStatus(status);
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String type = status == 400 ? "malformed-request" : status == 405 ? "method-not-allowed" : "http-" + status;
        String detail = status == 400 ? "The request's path or headers are not accepted" : title;
        String json = "{\"type\":\"" + Problems.type(type) + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response was committed meanwhile: nothing left to tell it.
        }
    }
}
