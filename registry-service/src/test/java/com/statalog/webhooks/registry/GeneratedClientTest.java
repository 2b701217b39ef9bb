package com.statalog.webhooks.registry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.client.ApiClient;
import com.statalog.webhooks.client.ApiException;
import com.statalog.webhooks.client.api.AccountsApi;
import com.statalog.webhooks.client.api.ApiKeysApi;
import com.statalog.webhooks.client.api.WebhooksApi;
import com.statalog.webhooks.client.model.ApiKeyView;
import com.statalog.webhooks.client.model.DeliveryView;
import com.statalog.webhooks.client.model.NewAccount;
import com.statalog.webhooks.client.model.NewApiKey;
import com.statalog.webhooks.client.model.NewApiKeyRequest;
import com.statalog.webhooks.client.model.NewSite;
import com.statalog.webhooks.client.model.NewWebhook;
import com.statalog.webhooks.client.model.SendTestResult;
import com.statalog.webhooks.client.model.WebhookView;
import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * A user's first hour, through the Java client that openapi-generator makes from the checked-in
 * document (module registry-client) and nothing else: the operator creates an account, its site
 * and an API key; the account reads the event catalogue, creates a webhook, sends a test, has a
 * real goal conversion delivered, signed with the secret it was shown, and reads both in the log.
 * A document a generator cannot turn into a working client fails here.
 */
@QuarkusTest
@TestProfile(WithDeliveries.class)
class GeneratedClientTest {

    @TestHTTPResource("/")
    URL registry;

    @Test
    void fromAnAccountToADeliveryInTheLog() throws Exception {
        AccountsApi operator = new AccountsApi(client(Api.OPERATOR));
        UUID account = operator.createAccount(new NewAccount().name("Generated client")).getId();
        String site = "ST-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertEquals(site, operator.addSite(account, new NewSite().siteId(site)).getSiteId());
        WebhooksApi webhooks = new WebhooksApi(client(operator.issueApiKey(account, null).getKey()));

        assertEquals(EventType.wireNames(), webhooks.listEventTypes().getItems().stream().map(type -> type.getType()).toList());
        try (Receiver receiver = new Receiver()) {
            WebhookView webhook = webhooks.createWebhook(new NewWebhook().name("CRM signup sync").url(receiver.url("/crm"))
                    .events(List.of("goal.converted")).siteId(site));
            assertTrue(webhook.getSecret().startsWith("whsec_"), "the secret is shown once, on creation");
            receiver.verifyingWith(webhook.getSecret());

            SendTestResult test = webhooks.sendTestDelivery(webhook.getId().toString());
            assertEquals(200, test.getStatusCode());
            assertNull(test.getError());

            Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook.getId().toString());
            TestKafkaClient.send("statalog.events", site, TestEvents.goal(site));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("/crm").stream()
                    .anyMatch(delivery -> delivery.signatureValid() && !new String(delivery.body()).contains("\"test\"")));

            List<DeliveryView> log = await().atMost(Duration.ofSeconds(30))
                    .until(() -> webhooks.listDeliveries(webhook.getId().toString(), null, null, null, null).getItems(),
                            items -> items.size() == 2 && items.stream().allMatch(item -> "delivered".equals(item.getStatus())));
            assertEquals(List.of("goal.converted", "test"), log.stream().map(DeliveryView::getEvent).sorted().toList());
            assertEquals(200, log.get(0).getAttempts().get(0).getStatusCode());
        }

        ApiException refused = assertThrows(ApiException.class, () -> webhooks.createWebhook(new NewWebhook().name("x")
                .url("ftp://crm.example.com").events(List.of("goal.converted"))));
        assertEquals(422, refused.getCode());
        assertTrue(refused.getResponseBody().contains("\"field\":\"url\""), refused.getResponseBody());
    }

    @Test
    void anAccountRotatesItsKey() throws Exception {
        AccountsApi operator = new AccountsApi(client(Api.OPERATOR));
        UUID account = operator.createAccount(new NewAccount().name("Rotating")).getId();
        NewApiKey old = operator.issueApiKey(account, new NewApiKeyRequest().expiresAt(OffsetDateTime.parse("2099-01-01T00:00:00Z")));
        ApiKeysApi oldKeys = new ApiKeysApi(client(old.getKey()));

        NewApiKey fresh = oldKeys.createApiKey(null);
        ApiKeysApi freshKeys = new ApiKeysApi(client(fresh.getKey()));
        freshKeys.revokeApiKey(old.getId().toString());

        assertEquals(List.of(fresh.getId()), freshKeys.listApiKeys().getItems().stream().map(ApiKeyView::getId).toList());
        ApiException revoked = assertThrows(ApiException.class, oldKeys::listApiKeys);
        assertEquals(401, revoked.getCode());
    }

    private ApiClient client(String bearer) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(registry.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
        return client;
    }
}
