package com.statalog.webhooks.registry.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.Api.Tenant;

/**
 * The registry refuses a target URL when the dispatcher's egress rules do, on create and on URL
 * change. Names resolve through the hosts file of DispatcherTestResource; the rules themselves are
 * tested exhaustively in the dispatcher (UrlPolicyTest).
 */
@QuarkusTest
class TargetUrlRulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://hooks.example.com/statalog, 201, ",
            "https://hooks.example.com:8443/a?b=c, 201, ",
            "http://hooks.example.com/statalog, 422, invalid_url",
            "ftp://hooks.example.com/statalog, 422, invalid_url",
            "https://user:pass@hooks.example.com/, 422, invalid_url",
            "/relative/path, 422, invalid_url",
            "https://nowhere.example.com/, 422, host_not_public",
            "https://intranet.example.com/, 422, host_not_public",
            "https://metadata.example.com/latest/meta-data, 422, host_not_public",
            "https://loopback.example.com/, 422, host_not_public",
            "https://cgnat.example.com/, 422, host_not_public",
            "https://mixed.example.com/, 422, host_not_public",
            "https://127.0.0.1/, 422, blocked_address",
            "https://2130706433/, 422, blocked_address",
            "https://0x7f000001/, 422, blocked_address",
            "https://10.0.0.1/, 422, blocked_address",
            "https://169.254.169.254/, 422, blocked_address",
            "https://168.63.129.16/, 422, blocked_address",
            "https://161.26.0.10/, 422, blocked_address",
            "https://[::1]/, 422, blocked_address",
            "https://[::ffff:10.0.0.1]/, 422, blocked_address",
            "https://localhost./, 422, host_not_public",
    })
    void createChecksTheTargetWithTheDispatcher(String url, int status, String errorKind) {
        Tenant tenant = Api.newTenant();
        var response = tenant.request()
                .body(Map.of("name", "target", "url", url, "events", List.of("goal.converted")))
                .when().post("/api/v1/webhooks")
                .then().statusCode(status);
        if (errorKind != null) {
            response.contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"))
                    .body("detail", containsString(errorKind));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://other.example.com/new, 200",
            "https://intranet.example.com/, 422",
            "http://other.example.com/, 422",
    })
    void aUrlChangeIsCheckedToo(String url, int status) {
        Tenant tenant = Api.newTenant();
        String id = tenant.createWebhook("moving");
        tenant.request().body(Map.of("url", url)).when().patch("/api/v1/webhooks/{id}", id).then().statusCode(status);
    }
}
