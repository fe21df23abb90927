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

import io.graphmail.gateway.security.SignedInAsAdmin;
import io.graphmail.platform.secrets.SecretAliases;
import java.time.Instant;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@SignedInAsAdmin
@WebMvcTest(
        controllers = AccountsController.class,
        properties = "graphmail.accounts.secrets.contoso.env=CONTOSO_CLIENT_SECRET")
@AutoConfigureMockMvc(addFilters = false)
class AccountsControllerTests {

    @TestConfiguration
    @EnableConfigurationProperties(SecretAliases.class)
    static class Aliases {}

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ManagingAccounts managingAccounts;

    @MockitoBean
    Accounts accounts;

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
                .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString("s3cr3t-value"))));
    }

    @Test
    void refusesASecretAliasTheOperatorDidNotConfigure() throws Exception {
        register("""
                {"type":"application","mailbox":"a@contoso.com","tenant":"t1","clientId":"c1",
                 "clientSecretRef":"fabrikam"}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("clientSecretRef"));
        verify(managingAccounts, never()).register(any(), any());
    }

    @Test
    void refusesPathsAndVariablesAsSecretReferences() throws Exception {
        for (String reference : new String[] {"file:/dev/zero", "env:CONTOSO_CLIENT_SECRET", "../contoso", "Contoso"}) {
            register("""
                    {"type":"application","mailbox":"a@contoso.com","tenant":"t1","clientId":"c1",
                     "clientSecretRef":"%s"}""".formatted(reference))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("clientSecretRef"));
        }
        verify(managingAccounts, never()).register(any(), any());
    }

    @Test
    void registersAnApplicationAccountNamingAConfiguredAlias() throws Exception {
        Instant now = Instant.now();
        when(managingAccounts.register(any(), any()))
                .thenReturn(new Account(
                        "sales",
                        AccountType.APPLICATION,
                        "a@contoso.com",
                        "t1",
                        "c1",
                        "contoso",
                        null,
                        AccountStatus.ACTIVE,
                        null,
                        now,
                        now,
                        "test-admin"));

        register("""
                {"id":"sales","type":"application","mailbox":"a@contoso.com","tenant":"t1","clientId":"c1",
                 "clientSecretRef":"contoso"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.clientSecretRef").value("contoso"));
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

    private ResultActions register(String json) throws Exception {
        return mvc.perform(
                post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).content(json));
    }
}
