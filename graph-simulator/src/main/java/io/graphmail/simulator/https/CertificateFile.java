package io.graphmail.simulator.https;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Writes the certificate to {@code graphmail.simulator.certificate-file}, if set, once the server runs. */
@Component
class CertificateFile {

    private static final Logger log = LoggerFactory.getLogger(CertificateFile.class);

    private final HttpsProperties properties;
    private final SimulatorCertificate certificate;

    CertificateFile(HttpsProperties properties, SimulatorCertificate certificate) {
        this.properties = properties;
        this.certificate = certificate;
    }

    @EventListener(ApplicationStartedEvent.class)
    void write() {
        Path target = properties.certificateFile();
        if (target == null) {
            return;
        }
        try {
            Path absolute = target.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempFile(absolute.getParent(), ".graph-simulator", ".pem");
            Files.writeString(temporary, certificate.pem(), StandardCharsets.US_ASCII);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("Wrote the HTTPS certificate to {}", absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the certificate to " + target, e);
        }
    }
}
