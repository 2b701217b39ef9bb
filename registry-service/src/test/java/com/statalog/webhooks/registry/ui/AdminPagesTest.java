package com.statalog.webhooks.registry.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.DispatcherTestResource;
import com.statalog.webhooks.registry.WithDeliveries;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * Account → Webhooks in a real browser (Debian's headless Chromium through its chromedriver), on
 * the registry with the real dispatcher delivering to a real receiver: sign in with an API key,
 * Add Webhook (a refusal shown at its field, then the secret shown once), a failed delivery's
 * attempts with their codes, Send Test inline, the success-rate chart, a filter, a replay,
 * disable with its reason, delete with confirmation. Screenshots go to target/screenshots/.
 */
@QuarkusTest
@TestProfile(WithDeliveries.class)
class AdminPagesTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static WebDriver browser;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1100", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(executable("chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    /** A program on the PATH (Debian installs chromium and chromedriver in /usr/bin). */
    private static String executable(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not on the PATH: deploy/local/test.sh installs it (Debian: chromium, chromium-driver)");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aWrongApiKeyIsRefusedAtSignIn() {
        openSignedOut();
        signIn("slk_00000000000000000000000000000000_wrongwrongwrongwrongwrongwrongwrongwrongwro");
        assertTrue(waitFor(By.cssSelector("[role=alert]")).getText().contains("not accepted"));
        assertTrue(browser.findElement(By.id("api-key")).isDisplayed());
    }

    @Test
    void fromSignInToAFailedDeliverysAttemptsAndBack() throws Exception {
        Tenant tenant = Api.newTenant();
        try (Receiver receiver = new Receiver()) {
            receiver.answer("/crm", 500);
            openSignedOut();
            assertTrue(browser.getCurrentUrl().endsWith("/ui/"), browser.getCurrentUrl());
            signIn(tenant.apiKey());
            click(By.id("add-webhook"));
            // the event picker is the API's catalogue: every event, with the spec's description
            String events = waitFor(By.id("events")).getText();
            for (EventType type : EventType.values()) {
                assertTrue(events.contains(type.wireName() + " — " + type.description()), events);
            }
            screenshot("01-add-webhook");

            // the API's refusal appears at its field
            type(By.id("name"), "CRM signup sync");
            type(By.id("url"), "ftp://crm.example.com/hook");
            click(By.id("save"));
            assertFalse(waitFor(By.id("url-error"), element -> !element.getText().isBlank()).getText().isBlank());
            assertEquals("true", browser.findElement(By.id("url")).getAttribute("aria-invalid"));
            screenshot("02-refused-url");

            type(By.id("url"), receiver.url("/crm"));
            click(By.id("save"));
            String secret = waitFor(By.id("signing-secret")).getText();
            assertTrue(secret.startsWith("whsec_"), secret);
            assertTrue(browser.findElement(By.cssSelector("[role=alert]")).getText().contains("will not be shown again"));
            screenshot("03-secret-shown-once");
            click(By.id("secret-done"));
            waitFor(By.id("send-test"));
            String webhook = browser.getCurrentUrl().replaceAll(".*#/webhooks/", "");
            assertFalse(browser.getPageSource().contains(secret), "the secret is rendered after creation");

            // a real delivery that fails three times
            receiver.verifyingWith(secret);
            Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook);
            TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
            WebElement failed = refreshUntil(By.cssSelector("#deliveries tr[data-delivery]"),
                    row -> row.getText().contains("dropped") && row.getText().contains("attempt 3"));
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertTrue(failed.getText().contains("attempt " + attempt + ": 500 (http_status)"), failed.getText());
            }
            assertTrue(receiver.received("/crm").get(0).signatureValid(), "signed with the secret the page showed");
            // the chart comes from its own read of the log, which may have been made just before the delivery ended
            refreshUntil(By.id("chart-caption"), caption -> caption.getText().contains("0% of 1"));
            screenshot("04-failed-delivery-attempts");

            click(By.id("send-test"));
            assertTrue(waitFor(By.id("test-result"), element -> element.getText().contains("500")).getText()
                    .startsWith("Test failed: 500 http_status"));

            new Select(browser.findElement(By.id("filter-status"))).selectByValue("dropped");
            waitFor(By.cssSelector("#deliveries tr[data-delivery]"), row -> row.getText().contains("(test)"));
            List<WebElement> rows = browser.findElements(By.cssSelector("#deliveries tr[data-delivery]"));
            assertEquals(2, rows.size(), "the dropped delivery and the failed Send Test, logged as a test");
            assertTrue(rows.stream().allMatch(row -> row.getText().contains("dropped")));
            screenshot("05-filtered-and-tested");

            // replay the real one, the endpoint fixed
            receiver.answer("/crm", 200);
            rows.stream().filter(row -> !row.getText().contains("(test)")).findFirst().orElseThrow()
                    .findElement(By.cssSelector("button.replay")).click();
            waitFor(By.cssSelector("#deliveries tr[data-delivery]"), row -> row.getText().contains("Replay requested."));
            new Select(browser.findElement(By.id("filter-status"))).selectByValue("");
            refreshUntil(By.cssSelector("#deliveries tr[data-delivery]"),
                    row -> row.getText().contains("delivered") && row.getText().contains("replay 1, attempt 1: 200"));
            screenshot("06-replayed");

            click(By.id("edit"));
            type(By.id("name"), "CRM signups");
            click(By.id("save"));
            waitFor(By.tagName("h1"), heading -> heading.getText().equals("CRM signups"));

            click(By.id("rotate"));
            click(By.id("confirm-yes"));
            String rotated = waitFor(By.id("signing-secret")).getText();
            assertTrue(rotated.startsWith("whsec_") && !rotated.equals(secret));
            click(By.id("secret-done"));
            waitFor(By.id("send-test"));
            assertFalse(browser.getPageSource().contains(rotated), "the rotated secret is rendered after it was shown");

            click(By.id("toggle"));
            waitFor(By.id("toggle"), button -> button.getText().equals("Enable"));
            click(By.linkText("Webhooks"));
            WebElement listed = waitFor(By.cssSelector("#webhooks tbody tr"));
            assertTrue(listed.getText().contains("CRM signups") && listed.getText().contains("disabled by you"), listed.getText());
            screenshot("07-list-disabled");

            click(By.linkText("CRM signups"));
            click(By.id("delete"));
            click(By.id("confirm-yes"));
            waitFor(By.tagName("main"), main -> main.getText().contains("No webhooks yet."));
            assertFalse(browser.getPageSource().contains(secret));
            screenshot("08-deleted");
        }
    }

    /** The pages from the root address, with no API key left in the tab by an earlier test. */
    private void openSignedOut() {
        browser.get("http://127.0.0.1:" + port + "/");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
    }

    @Test
    void theRootLeadsToThePagesWhichLoadNothingFromElsewhere() {
        io.restassured.RestAssured.given().redirects().follow(false).get("/").then().statusCode(303).header("Location", "/ui/");
        io.restassured.RestAssured.given().get("/ui/").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff");
    }

    private void signIn(String apiKey) {
        type(By.id("api-key"), apiKey);
        click(By.id("sign-in"));
    }

    private static WebElement waitFor(By locator) {
        return waitFor(locator, WebElement::isDisplayed);
    }

    private static WebElement waitFor(By locator, Function<WebElement, Boolean> condition) {
        return new WebDriverWait(browser, WITHIN).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> driver.findElements(locator).stream().filter(condition::apply).findFirst().orElse(null));
    }

    /**
     * Reloads the webhook page until an element matches: the log shows what the dispatcher has done
     * by then. Each reload is judged only once the page has loaded its deliveries.
     */
    private static WebElement refreshUntil(By locator, Function<WebElement, Boolean> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofSeconds(1))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
                    waitFor(By.cssSelector("#deliveries tbody[data-loaded]"));
                    WebElement found = driver.findElements(locator).stream().filter(condition::apply).findFirst().orElse(null);
                    if (found == null) {
                        driver.navigate().refresh();
                    }
                    return found;
                });
    }

    private static void click(By locator) {
        waitFor(locator, element -> element.isDisplayed() && element.isEnabled()).click();
    }

    private static void type(By locator, String text) {
        WebElement input = waitFor(locator);
        input.clear();
        input.sendKeys(text);
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
