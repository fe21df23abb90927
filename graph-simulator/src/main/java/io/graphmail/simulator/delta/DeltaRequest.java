package io.graphmail.simulator.delta;

import io.graphmail.simulator.messages.Preferences;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A delta request: a {@code $skiptoken} continues a round, a {@code $deltatoken} begins the next one, neither begins
 * the first; the query options count only then.
 */
record DeltaRequest(String deltaToken, String skipToken, DeltaOptions options, Preferences preferences) {

    static DeltaRequest of(Map<String, String> params, List<String> preferHeaders) {
        var query = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        query.putAll(params);
        String deltaToken = query.get("$deltatoken");
        String skipToken = query.get("$skiptoken");
        boolean initial = deltaToken == null && skipToken == null;
        return new DeltaRequest(
                deltaToken, skipToken, initial ? DeltaOptions.parse(params) : null, Preferences.parse(preferHeaders));
    }
}
