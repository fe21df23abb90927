package io.graphmail.simulator.identity.protectedapis;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;

/**
 * A web API registered in the tenant (an app registration that exposes app roles), for which client credentials
 * requests get signed JWT access tokens.
 *
 * @param applicationIdUri the API's application id URI, e.g. {@code api://graphmail}; clients ask for
 *     {@code <applicationIdUri>/.default}
 * @param clientId the API's own client id, which v2.0 access tokens carry as {@code aud} (clients may also ask for
 *     {@code <clientId>/.default})
 * @param appRoleAssignments the app roles an administrator granted, by the client id of the calling app; they become
 *     the token's {@code roles} claim. A client without roles still gets a token, without the claim.
 */
record ApiRegistration(
        @NotBlank String applicationIdUri, @NotBlank String clientId, Map<String, List<String>> appRoleAssignments) {

    ApiRegistration {
        appRoleAssignments = appRoleAssignments == null ? Map.of() : Map.copyOf(appRoleAssignments);
    }

    /** The roles granted to the client, matched without regard to case as Entra ID matches client ids. */
    List<String> rolesOf(String callingClientId) {
        return appRoleAssignments.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(callingClientId))
                .flatMap(entry -> entry.getValue().stream())
                .distinct()
                .toList();
    }
}
