package io.graphmail.simulator.https;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Control API: the certificate to trust, in PEM. */
@RestController
class CertificateController {

    private final SimulatorCertificate certificate;

    CertificateController(SimulatorCertificate certificate) {
        this.certificate = certificate;
    }

    @GetMapping(path = "/_sim/certificate", produces = MediaType.TEXT_PLAIN_VALUE)
    String certificate() {
        return certificate.pem();
    }
}
