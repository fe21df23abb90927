package io.graphmail.gateway.accounts;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.graphmail.gateway.security.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(AccountsController.class)
@AutoConfigureMockMvc(addFilters = false)
class AccountsControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ManagingAccounts managingAccounts;

    @MockitoBean
    Accounts accounts;

    @BeforeEach
    void signIn() {
        SignedIn.as(SignedIn.ADMIN);
    }

    @AfterEach
    void signOut() {
        SignedIn.signOut();
    }

    @Test
    void requiresMailboxAndSecretReferenceForApplicationAccounts() throws Exception {
        register("""
                {"type":"application","tenant":"contoso.onmicrosoft.com","clientId":"c1"}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'mailbox')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'clientSecretRef')]").exists());
        verify(managingAccounts, never()).register(any(), any());
    }

    @Test
    void refusesSecretsGivenInClearInsteadOfAReference() throws Exception {
        register("""
                {"type":"application","mailbox":"a@contoso.com","tenant":"t1","clientId":"c1",
                 "clientSecretRef":"s3cr3t-value"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("clientSecretRef"))
                .andExpect(jsonPath("$.detail")
                        .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("s3cr3t-value"))));
    }

    @Test
    void rejectsUnknownAccountType() throws Exception {
        register("""
                {"type":"imap","tenant":"consumers","clientId":"c1"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("type"));
    }

    @Test
    void answers404ForUnknownAccount() throws Exception {
        when(managingAccounts.usable(eq("nope"), any())).thenThrow(new AccountNotFound("nope"));

        mvc.perform(get("/api/v1/accounts/nope"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://graphmail.io/problems/account-not-found"));
    }

    @Test
    void answers409WhenConsentIsAskedForAnApplicationAccount() throws Exception {
        when(managingAccounts.startConsent(eq("app"), any()))
                .thenThrow(new AccountConflict("Application accounts need no consent"));

        mvc.perform(post("/api/v1/accounts/app/consent"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private org.springframework.test.web.servlet.ResultActions register(String json) throws Exception {
        return mvc.perform(
                post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).content(json));
    }
}
