package io.graphmail.simulator.sending;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SendMailController {

    private final SendingMail sendingMail;

    SendMailController(SendingMail sendingMail) {
        this.sendingMail = sendingMail;
    }

    @PostMapping({"/v1.0/me/sendMail", "/v1.0/users/{userId}/sendMail"})
    ResponseEntity<Void> send(
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestBody(required = false) SendMailRequest request) {
        sendingMail.send(mailbox, request);
        return ResponseEntity.accepted().build();
    }
}
