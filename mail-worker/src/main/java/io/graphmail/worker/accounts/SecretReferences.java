package io.graphmail.worker.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a client secret reference ({@code env:NAME} or {@code file:/path}); secrets are never stored. */
final class SecretReferences {

    private SecretReferences() {}

    static String resolve(String reference) {
        if (reference == null) {
            throw new IllegalArgumentException("No client secret reference");
        }
        if (reference.startsWith("env:")) {
            String value = System.getenv(reference.substring(4));
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("Environment variable " + reference.substring(4) + " is not set");
            }
            return value.trim();
        }
        if (reference.startsWith("file:")) {
            try {
                return Files.readString(Path.of(reference.substring(5))).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the client secret file", e);
            }
        }
        throw new IllegalArgumentException("A client secret reference starts with env: or file:");
    }
}
