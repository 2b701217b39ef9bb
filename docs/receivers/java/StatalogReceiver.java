// A Statalog webhook receiver in plain Java 17: run it with `java StatalogReceiver.java`.
// POST /statalog checks the spec's X-Statalog-Signature; POST /standard checks the Standard
// Webhooks headers, with replay protection. Either answers 204 when the request is genuine,
// 401 otherwise. Environment: STATALOG_WEBHOOK_SECRET (the secret exactly as shown), PORT.
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

public class StatalogReceiver {

    /** How far webhook-timestamp may be from now: an older request is a replay. */
    static final long TOLERANCE_SECONDS = 5 * 60;

    /** The spec's scheme: "sha256=" + hex HMAC-SHA256 of the raw body, keyed with the whole secret string. */
    static boolean verifyStatalog(byte[] body, String signatureHeader, String secret) throws Exception {
        if (signatureHeader == null) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        // constant time: never String.equals for signatures
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signatureHeader.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Standard Webhooks: "v1," + base64 HMAC-SHA256 of "id.timestamp.body", keyed with the bytes the
     * base64 after "whsec_" decodes to; the header may list several (during a secret rotation).
     */
    static boolean verifyStandard(byte[] body, Headers headers, String secret) throws Exception {
        String id = headers.getFirst("webhook-id");
        String timestamp = headers.getFirst("webhook-timestamp");
        String signatures = headers.getFirst("webhook-signature");
        if (id == null || timestamp == null || signatures == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
        boolean valid = false;
        for (String candidate : signatures.split(" ")) {
            valid |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8));
        }
        return valid;
    }

    public static void main(String[] args) throws Exception {
        String secret = System.getenv("STATALOG_WEBHOOK_SECRET");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes(); // the raw bytes: verify before parsing
            boolean genuine;
            try {
                genuine = switch (exchange.getRequestURI().getPath()) {
                    case "/statalog" -> verifyStatalog(body, exchange.getRequestHeaders().getFirst("X-Statalog-Signature"), secret);
                    case "/standard" -> verifyStandard(body, exchange.getRequestHeaders(), secret);
                    default -> false;
                };
            } catch (Exception e) {
                genuine = false;
            }
            // when genuine, handle the event here, e.g. by its "event" field
            exchange.sendResponseHeaders(genuine ? 204 : 401, -1);
            exchange.close();
        });
        server.start();
        System.out.println("listening");
    }
}
