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
import java.util.Map;
import java.util.logging.Level;
import java.util.function.Function;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
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
 * Add Webhook (every refusal at its field, then the secret shown once), a failed delivery's
 * attempts, the chart and its period, Send Test and a filter in the log, the delivery opened (its
 * request and each answer) and replayed in place, edit, rotate, disable, delete, a slow and an
 * absent network. Every page is checked at 1280 px and 390 px wide, with axe-core and for console
 * errors; screenshots of both go to target/screenshots/.
 */
@QuarkusTest
@TestProfile(WithDeliveries.class)
class AdminPagesTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static WebDriver browser;
    /** axe-core's script (the registry's pom fetches the npm package). */
    private static String AXE;

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
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
        AXE = Files.readString(Path.of(System.getProperty("axe-core.script")));
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
    void fromSignInToAFailedDeliveryOpenedReplayedAndBack() throws Exception {
        Tenant tenant = Api.newTenant();
        try (Receiver receiver = new Receiver()) {
            receiver.answer("/crm", 500);
            receiver.answerHeader("/crm", "X-Receiver-Trace", "trace-7");
            openSignedOut();
            assertTrue(browser.getCurrentUrl().endsWith("/ui/"), browser.getCurrentUrl());
            assertFalse(waitFor(By.tagName("main")).getText().contains("null"), "a literal null on the sign-in page");
            page("01-sign-in");
            signIn(tenant.apiKey());
            click(By.id("add-webhook"));
            // the event picker is the API's catalogue: every event, with the spec's description
            String events = waitFor(By.id("events")).getText();
            for (EventType type : EventType.values()) {
                assertTrue(events.contains(type.wireName() + " — " + type.description()), events);
            }
            // what a goal webhook needs, and only that: one goal filter, no thresholds; the site from the account's
            assertTrue(browser.findElement(By.id("goals")).isDisplayed());
            assertFalse(browser.findElement(By.id("spike_threshold_pct")).isDisplayed());
            assertFalse(browser.findElement(By.id("drop_threshold_pct")).isDisplayed());
            browser.findElement(By.cssSelector("input[value='traffic.spike']")).click();
            assertTrue(browser.findElement(By.id("spike_threshold_pct")).isDisplayed());
            assertFalse(browser.findElement(By.id("drop_threshold_pct")).isDisplayed());
            browser.findElement(By.cssSelector("input[value='traffic.spike']")).click();
            assertEquals(List.of("", tenant.siteId()), new Select(browser.findElement(By.id("site_id"))).getOptions().stream()
                    .map(option -> option.getAttribute("value")).toList());
            page("02-add-webhook");
            checkboxesStayBesideTheirLabelsAt390();

            // every refusal at its field, at once, in words; the focus on the first
            click(By.id("save"));
            waitFor(By.id("form-summary"));
            for (String field : List.of("name", "url")) {
                assertFalse(browser.findElement(By.id(field + "-error")).getText().isBlank(), field);
                assertEquals("true", browser.findElement(By.id(field)).getAttribute("aria-invalid"), field);
            }
            assertEquals("name", browser.switchTo().activeElement().getAttribute("id"));
            String summary = browser.findElement(By.id("form-summary")).getText();
            assertTrue(summary.contains("2 fields") && summary.contains("Name") && summary.contains("Endpoint URL"), summary);
            page("03-every-refusal-at-its-field");

            type(By.id("name"), "CRM signup sync");
            type(By.id("url"), "ftp://crm.example.com/hook");
            click(By.id("save"));
            String refused = waitFor(By.id("url-error"), element -> !element.getText().isBlank()).getText();
            assertFalse(refused.matches(".*\\([a-z_]+\\)\\.?$"), "an error code shown to a person: " + refused);
            assertEquals("url", browser.switchTo().activeElement().getAttribute("id"));

            type(By.id("url"), receiver.url("/crm"));
            new Select(browser.findElement(By.id("site_id"))).selectByValue(tenant.siteId());
            type(By.id("goals"), "Signup\n17");
            click(By.id("save"));
            String secret = waitFor(By.id("signing-secret")).getText();
            assertTrue(secret.startsWith("whsec_"), secret);
            assertTrue(browser.findElement(By.cssSelector("[role=alert]")).getText().contains("will not be shown again"));
            String webhook = browser.getCurrentUrl().replaceAll(".*#/webhooks/", "");
            assertTrue(webhook.matches("[0-9a-f-]{36}"), "the secret's address is the webhook's, not #/new: " + browser.getCurrentUrl());
            page("04-secret-shown-once");
            // Back before "I have stored it" asks first; staying keeps the secret on screen
            browser.navigate().back();
            assertTrue(waitFor(By.id("confirm-question")).getText().contains("will not be shown again"));
            click(By.id("confirm-no"));
            assertEquals(secret, waitFor(By.id("signing-secret")).getText());
            assertTrue(browser.getCurrentUrl().endsWith("#/webhooks/" + webhook), browser.getCurrentUrl());
            click(By.id("secret-done"));
            waitFor(By.id("send-test"));
            assertFalse(browser.getPageSource().contains(secret), "the secret is rendered after creation");
            assertTrue(browser.findElement(By.tagName("main")).getText().contains("goals: Signup, 17"));

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
            // the chart reads its own counts, which may have been read just before the delivery ended
            refreshUntil(By.id("chart-caption"), caption -> caption.getText().contains("0% of 1"));
            assertTrue(browser.findElements(By.cssSelector("#chart text")).stream().anyMatch(label -> label.getText().equals("100%")));
            page("05-failed-delivery");

            new Select(browser.findElement(By.id("chart-period"))).selectByValue("7d");
            waitFor(By.id("chart-caption"), caption -> caption.getText().contains("0% of 1") && browser.getCurrentUrl().contains("period=7d"));
            browser.navigate().refresh();
            assertEquals("7d", new Select(waitFor(By.id("chart-period"))).getFirstSelectedOption().getAttribute("value"));

            // the log shows the Send Test without a reload
            click(By.id("send-test"));
            assertTrue(waitFor(By.id("test-result"), element -> element.getText().contains("500")).getText()
                    .startsWith("Test failed: 500 http_status"));
            waitFor(By.cssSelector("#deliveries tr[data-delivery]"), row -> row.getText().contains("(test)"));

            new Select(browser.findElement(By.id("filter-status"))).selectByValue("dropped");
            // the dropped delivery and the failed Send Test, logged as a test: nothing else
            List<WebElement> rows = waitFor(By.cssSelector("#deliveries tbody[data-loaded]"), body -> browser.getCurrentUrl()
                    .contains("status=dropped") && body.findElements(By.cssSelector("tr[data-delivery]")).size() == 2)
                    .findElements(By.cssSelector("tr[data-delivery]"));
            assertTrue(rows.stream().allMatch(row -> row.getText().contains("dropped")));
            assertEquals("filter-status", browser.switchTo().activeElement().getAttribute("id"));

            // open the real one: the request as sent, each answer
            rows.stream().filter(row -> !row.getText().contains("(test)")).findFirst().orElseThrow()
                    .findElement(By.cssSelector("td a")).click();
            String payload = waitFor(By.id("payload")).getText();
            assertTrue(payload.contains("\"event\": \"goal.converted\""), payload);
            assertEquals(3, browser.findElements(By.cssSelector("section.attempt")).size());
            Receiver.Received first = receiver.received("/crm").get(0);
            WebElement firstAttempt = browser.findElement(By.cssSelector("section.attempt[data-attempt='0-1']"));
            assertTrue(firstAttempt.getText().contains(first.header("X-Statalog-Signature")), firstAttempt.getText());
            assertTrue(firstAttempt.getText().contains("x-receiver-trace trace-7"), firstAttempt.getText());
            page("06-delivery-opened");
            click(By.id("payload-raw"));
            assertEquals(new String(first.body(), java.nio.charset.StandardCharsets.UTF_8), browser.findElement(By.id("payload")).getText());

            // replayed from there, its result in place
            receiver.answer("/crm", 200);
            click(By.id("replay"));
            waitFor(By.id("replay-result"), result -> result.getText().equals("Replayed: 200."));
            waitFor(By.cssSelector("section.attempt[data-attempt='1-1']"));
            page("07-replayed-in-place");
            // asked again, it is a new replay (a new Idempotency-Key), not the first one answered again
            click(By.id("replay"));
            waitFor(By.cssSelector("section.attempt[data-attempt='2-1']"));

            click(By.linkText("CRM signup sync"));
            click(By.id("edit"));
            type(By.id("name"), "CRM signups");
            click(By.id("save"));
            waitFor(By.tagName("h1"), heading -> heading.getText().equals("CRM signups"));
            assertEquals("Changes saved.", waitFor(By.id("flash")).getText());
            page("08-changes-saved");

            click(By.id("rotate"));
            click(By.id("confirm-yes"));
            String rotated = waitFor(By.id("signing-secret")).getText();
            assertTrue(rotated.startsWith("whsec_") && !rotated.equals(secret));
            click(By.id("secret-done"));
            waitFor(By.id("send-test"));
            assertFalse(browser.getPageSource().contains(rotated), "the rotated secret is rendered after it was shown");

            onASlowNetworkEveryNavigationShowsItIsLoading();
            offlineTheActionSaysSoInWords();

            click(By.id("toggle"));
            waitFor(By.id("toggle"), button -> button.getText().equals("Enable"));
            assertEquals("Webhook disabled.", waitFor(By.id("flash")).getText());
            click(By.linkText("Webhooks"));
            WebElement listed = waitFor(By.cssSelector("#webhooks tbody tr"));
            assertTrue(listed.getText().contains("CRM signups") && listed.getText().contains("disabled by you"), listed.getText());
            page("09-list-disabled");

            // an unknown webhook: no breadcrumb of the page before
            browser.get(browser.getCurrentUrl().replaceAll("#.*", "") + "#/webhooks/00000000-0000-0000-0000-000000000000");
            waitFor(By.tagName("h1"), heading -> heading.getText().equals("Not found"));
            assertFalse(browser.findElement(By.id("crumbs")).getText().contains("CRM signups"));
            page("10-not-found");

            browser.navigate().back();
            click(By.linkText("CRM signups"));
            click(By.id("delete"));
            click(By.id("confirm-yes"));
            waitFor(By.tagName("main"), main -> main.getText().contains("No webhooks yet."));
            assertFalse(browser.getPageSource().contains(secret));
        }
    }

    /** A page that takes 1.5 s to answer: the bar and the busy state show at once, and go when it has loaded. */
    private void onASlowNetworkEveryNavigationShowsItIsLoading() {
        network(false, 1500);
        try {
            click(By.id("edit"));
            assertTrue(waitFor(By.id("progress")).isDisplayed());
            assertEquals("true", browser.findElement(By.id("main")).getAttribute("aria-busy"));
            waitFor(By.id("name"));
            assertFalse(browser.findElement(By.id("progress")).isDisplayed());
        } finally {
            network(false, 0);
        }
        browser.navigate().back();
        waitFor(By.id("send-test"));
    }

    private void offlineTheActionSaysSoInWords() {
        network(true, 0);
        try {
            click(By.id("send-test"));
            assertTrue(waitFor(By.id("test-result"), result -> result.getText().contains("could not be reached")).getText()
                    .contains("Check your connection"));
            // the browser logs the request it could not send; the page adds nothing of its own
            assertTrue(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                    .allMatch(entry -> entry.getMessage().endsWith("net::ERR_INTERNET_DISCONNECTED")));
        } finally {
            network(false, 0);
        }
    }

    private static void network(boolean offline, long latencyMs) {
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", latencyMs,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** At 390 px wide, each event's checkbox stays on the line of its name. */
    private void checkboxesStayBesideTheirLabelsAt390() {
        narrow(() -> {
            for (WebElement choice : browser.findElements(By.cssSelector("label.choice"))) {
                int box = choice.findElement(By.tagName("input")).getRect().getY();
                int name = choice.findElement(By.className("event-name")).getRect().getY();
                assertTrue(Math.abs(box - name) < 12, "checkbox at " + box + ", its event at " + name);
            }
        });
    }

    /** The pages from the root address, with no API key left in the tab by an earlier test. */
    @Test
    void anAccountCreatesAKeyAndRevokesTheOldOneItSignedInWith() throws Exception {
        Tenant tenant = Api.newTenant();
        openSignedOut();
        signIn(tenant.apiKey());
        click(By.id("api-keys-link"));
        String oldPrefix = tenant.apiKey().substring(0, "slk_".length() + 8);
        assertTrue(waitFor(By.id("api-keys")).getText().contains(oldPrefix), "the key is listed by its prefix");
        assertFalse(browser.findElement(By.tagName("main")).getText().contains(tenant.apiKeySecret()), "a list never shows a key");

        click(By.id("create-key"));
        String created = waitFor(By.id("new-key-value")).getText();
        assertTrue(created.startsWith("slk_"), created);
        io.restassured.RestAssured.given().auth().oauth2(created).get("/api/v1/webhooks").then().statusCode(200);
        page("12-api-keys");

        click(By.id("revoke-" + oldPrefix));
        click(By.id("confirm-yes"));
        assertTrue(waitFor(By.cssSelector("[role=alert]")).getText().contains("revoked the key this tab signed in with"));
        assertTrue(browser.findElement(By.id("api-key")).isDisplayed(), "signed out");
        io.restassured.RestAssured.given().auth().oauth2(tenant.apiKey()).get("/api/v1/webhooks").then().statusCode(401);

        signIn(created);
        click(By.id("api-keys-link"));
        waitFor(By.id("api-keys"), table -> table.getText().contains(created.substring(0, "slk_".length() + 8))
                && !table.getText().contains(oldPrefix));
    }

    private void openSignedOut() {
        browser.get("http://127.0.0.1:" + port + "/");
        script("sessionStorage.clear()");
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

    /**
     * Checks the page on screen at 1280 px and at 390 px: a screenshot of each, no page wider than
     * the phone's screen, no serious or critical finding of axe-core, no error in the console.
     */
    private static void page(String name) throws IOException {
        screenshot(name + "-1280");
        assertAccessible(name + " at 1280 px");
        narrow(() -> {
            try {
                screenshot(name + "-390");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long pageWidth = (Long) script("return document.documentElement.scrollWidth");
            long screen = (Long) script("return window.innerWidth");
            assertTrue(pageWidth <= screen, name + ": the page is " + pageWidth + " px wide on a " + screen + " px screen");
            assertAccessible(name + " at 390 px");
        });
        assertNoConsoleErrors(name);
    }

    /** Runs {@code check} at a phone's width (390 px), then returns to the desktop's. */
    private static void narrow(Runnable check) {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            waitFor(By.tagName("body"), body -> (Long) script("return window.innerWidth") <= 390);
            check.run();
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1100));
        }
    }

    /** axe-core (the npm package, fetched by the build) run on the page: no serious or critical violation. */
    @SuppressWarnings("unchecked")
    private static void assertAccessible(String where) {
        if (script("return typeof axe") .equals("undefined")) {
            script(AXE);
        }
        List<String> violations = (List<String>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then((result) => done(result.violations
                    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));
                """);
        assertEquals(List.of(), violations, "axe-core on " + where);
    }

    /**
     * No error in the browser's console. Chrome also logs every answered request with a 4xx status
     * there ("Failed to load resource"): those are the refusals the test provokes and the page shows.
     */
    private static void assertNoConsoleErrors(String where) {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.matches("(?s).*Failed to load resource: the server responded with a status of 4\\d\\d.*"))
                .toList();
        assertEquals(List.of(), errors, "console errors on " + where);
    }

    private static Object script(String source) {
        return ((JavascriptExecutor) browser).executeScript(source);
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
