package io.graphmail.gateway.accounts;

/** No worker answered, or the identity platform did not issue a device code. */
public class ConsentUnavailable extends RuntimeException {

    ConsentUnavailable(String message) {
        super(message);
    }
}
