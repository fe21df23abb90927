package io.graphmail.worker.graph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asks for immutable ids on every Graph call, so an id learnt once (a draft's, a synced message's) stays valid after
 * the message moves between folders, and folds all preferences into the one {@code Prefer} header that RFC 7240 and
 * Graph's documentation show ({@code Prefer: odata.maxpagesize=50, IdType="ImmutableId"}).
 */
final class PreferImmutableIds implements Interceptor {

    static final String IMMUTABLE_ID = "IdType=\"ImmutableId\"";

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(preferringImmutableIds(chain.request()));
    }

    static Request preferringImmutableIds(Request request) {
        List<String> preferences = new ArrayList<>();
        for (String header : request.headers("Prefer")) {
            for (String preference : header.split(",")) {
                String value = preference.strip();
                if (!value.isEmpty() && !preferences.contains(value)) {
                    preferences.add(value);
                }
            }
        }
        if (preferences.stream().noneMatch(PreferImmutableIds::isImmutableId)) {
            preferences.add(IMMUTABLE_ID);
        }
        return request.newBuilder()
                .header("Prefer", String.join(", ", preferences))
                .build();
    }

    private static boolean isImmutableId(String preference) {
        return preference.replace(" ", "").toLowerCase(Locale.ROOT).equals("idtype=\"immutableid\"");
    }
}
