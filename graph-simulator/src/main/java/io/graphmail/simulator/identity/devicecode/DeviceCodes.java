package io.graphmail.simulator.identity.devicecode;

import io.graphmail.simulator.identity.SignedInUser;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Device code flows by device code; a user code finds its flow when the user consents. */
@Component
public class DeviceCodes {

    private static final String USER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int USER_CODE_LENGTH = 9;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, DeviceAuthorization> flows = new ConcurrentHashMap<>();

    DeviceAuthorization start(String tenant, String clientId, Set<String> scopes, Instant expiresAt) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String deviceCode = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var flow = new DeviceAuthorization(deviceCode, newUserCode(), tenant, clientId, scopes, expiresAt, null);
        flows.put(deviceCode, flow);
        return flow;
    }

    public Optional<DeviceAuthorization> find(String deviceCode) {
        return Optional.ofNullable(flows.get(deviceCode));
    }

    /** Records consent for a pending, unexpired flow; empty when no such flow waits for {@code userCode}. */
    public Optional<DeviceAuthorization> approve(String userCode, String mailbox, String name) {
        String wanted = normalised(userCode);
        var now = Instant.now();
        return flows.values().stream()
                .filter(flow -> flow.userCode().equals(wanted) && !flow.approved() && !flow.expiredAt(now))
                .findFirst()
                .map(flow -> {
                    var approved = flow.approvedBy(SignedInUser.of(mailbox, name, flow.tenant()));
                    return flows.replace(flow.deviceCode(), flow, approved) ? approved : null;
                });
    }

    /** Ends an approved flow; only one of several concurrent polls wins it. */
    public boolean redeem(DeviceAuthorization flow) {
        return flows.remove(flow.deviceCode(), flow);
    }

    /** Flows still waiting for consent, oldest first. */
    public List<DeviceAuthorization> pending() {
        var now = Instant.now();
        return flows.values().stream()
                .filter(flow -> !flow.approved() && !flow.expiredAt(now))
                .sorted(Comparator.comparing(DeviceAuthorization::expiresAt))
                .toList();
    }

    public void clear() {
        flows.clear();
    }

    private String newUserCode() {
        var code = new StringBuilder(USER_CODE_LENGTH);
        for (int i = 0; i < USER_CODE_LENGTH; i++) {
            code.append(USER_CODE_ALPHABET.charAt(random.nextInt(USER_CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String normalised(String userCode) {
        return userCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
