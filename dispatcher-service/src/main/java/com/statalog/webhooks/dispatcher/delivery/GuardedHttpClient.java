package com.statalog.webhooks.dispatcher.delivery;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.handler.timeout.TimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;

import com.statalog.webhooks.dispatcher.DispatcherConfig;
import com.statalog.webhooks.dispatcher.egress.UrlPolicy;
import com.statalog.webhooks.dispatcher.egress.UrlVerdict;

/**
 * POSTs to customer endpoints, never anywhere else: the host is resolved and every address checked
 * by the {@link UrlPolicy} at each attempt, and the connection goes to a checked address (no
 * second lookup, so DNS rebinding cannot slip in) while Host and TLS SNI stay the URL's host. TLS
 * is verified, redirects are not followed, the attempt ends at its deadline (counted from its
 * start, resolution included), and only a short excerpt of the response body is read.
 */
@ApplicationScoped
public class GuardedHttpClient {

    private final Vertx vertx;
    private final UrlPolicy policy;
    private final HttpClient client;
    private final long timeoutMs;
    private final int excerptBytes;
    private final RecentVerdicts verdicts;
    /** Connections that have carried a whole exchange: a later request on one of them reuses it. */
    private final Set<HttpConnection> answered = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Inject
    GuardedHttpClient(Vertx vertx, UrlPolicy policy, DispatcherConfig config) {
        this(vertx, policy, config.delivery().timeout(), config.delivery().responseExcerptBytes(),
                config.delivery().addressCheckTtl(), config.delivery().maxInFlightPerHost());
    }

    GuardedHttpClient(Vertx vertx, UrlPolicy policy, Duration timeout, int excerptBytes, Duration addressCheckTtl, int perHost) {
        this.vertx = vertx;
        this.policy = policy;
        this.timeoutMs = timeout.toMillis();
        this.excerptBytes = excerptBytes;
        this.verdicts = new RecentVerdicts(addressCheckTtl, 100_000, System::nanoTime);
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setName("webhook-deliveries")
                // no trace context goes to a customer's endpoint: its span is DeliveryTraces', and a traceparent header
                // would hand our trace ids to third parties and change the spec's request
                .setTracingPolicy(TracingPolicy.IGNORE)
                // a pool per host: the lanes let at most max-in-flight-per-host requests reach it at a time
                .setMaxPoolSize(perHost)
                .setMaxWaitQueueSize(perHost)
                .setConnectTimeout((int) timeoutMs)
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setVerifyHost(true)
                .setForceSni(true)
                .setTrustAll(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * One attempt; never fails: every problem is an outcome with its error kind. The deadline runs
     * from here: resolving the host, checking its addresses, connecting, TLS and the status line all
     * count in it.
     */
    public CompletionStage<AttemptOutcome> post(String url, Map<String, String> headers, byte[] body) {
        Attempt attempt = new Attempt();
        UrlVerdict recent = verdicts.get(url);
        if (recent != null) {
            proceed(attempt, recent, headers, body);
            return attempt.outcome;
        }
        // the check may resolve a name: never on the caller's thread, which may be an event loop
        vertx.<UrlVerdict> executeBlocking(() -> policy.check(url), false).onComplete(checked -> {
            if (checked.failed()) {
                attempt.end(AttemptOutcome.ofError(AttemptOutcome.DNS, attempt.elapsed()));
            } else {
                verdicts.put(url, checked.result());
                proceed(attempt, checked.result(), headers, body);
            }
        });
        return attempt.outcome;
    }

    /** One attempt's state: it ends once, with its outcome or at its deadline, whichever comes first. */
    private final class Attempt {
        final long start = System.nanoTime();
        final CompletableFuture<AttemptOutcome> outcome = new CompletableFuture<>();
        final AtomicBoolean finished = new AtomicBoolean();
        /** The exchange under way; replaced when a stale connection makes the attempt start over. */
        volatile CompletableFuture<HttpClientRequest> request = new CompletableFuture<>();
        volatile boolean startedOver;
        final long deadline;

        Attempt() {
            deadline = vertx.setTimer(timeoutMs, fired -> {
                if (end(AttemptOutcome.ofError(AttemptOutcome.TIMEOUT, elapsed()))) {
                    request.thenAccept(HttpClientRequest::reset);
                }
            });
        }

        /** Ends the attempt with {@code result} unless it has ended already; answers whether this call ended it. */
        boolean end(AttemptOutcome result) {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            vertx.cancelTimer(deadline);
            outcome.complete(result);
            return true;
        }

        long elapsed() {
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    private void proceed(Attempt attempt, UrlVerdict verdict, Map<String, String> headers, byte[] body) {
        if (attempt.finished.get()) {
            return; // the deadline passed while the address was checked
        }
        if (verdict.allowed()) {
            send(attempt, verdict, headers, body);
        } else {
            String kind = UrlVerdict.DNS.equals(verdict.errorKind()) ? AttemptOutcome.DNS : AttemptOutcome.BLOCKED_ADDRESS;
            attempt.end(AttemptOutcome.ofError(kind, attempt.elapsed()));
        }
    }

    private void send(Attempt attempt, UrlVerdict verdict, Map<String, String> headers, byte[] body) {
        URI uri = verdict.uri();
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(verdict.addresses().get(0), port)))
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(path)
                .setFollowRedirects(false);
        headers.forEach(options::putHeader);

        CompletableFuture<HttpClientRequest> exchange = attempt.request;
        boolean[] reused = new boolean[1];
        client.request(options)
                .onSuccess(request -> {
                    reused[0] = answered.contains(request.connection());
                    exchange.complete(request);
                })
                .compose(sending -> sending.send(Buffer.buffer(body)))
                .onSuccess(response -> {
                    if (!attempt.finished.get()) {
                        // the status arrived in time: the outcome is that status, whatever the body does next
                        vertx.cancelTimer(attempt.deadline);
                        readExcerpt(attempt, response);
                    }
                })
                .onFailure(failure -> {
                    boolean onPooledConnection = reused[0] || !exchange.isDone();
                    if (onPooledConnection && !attempt.startedOver && !attempt.finished.get() && closedByPeer(failure)) {
                        // a pooled connection closed as it was taken (by the receiver, which drops idle keep-alive
                        // connections on its own clock, or by an abandoned exchange's reset): nobody can have answered
                        // this request, so the attempt starts over once, on another connection, within its deadline
                        attempt.startedOver = true;
                        attempt.request = new CompletableFuture<>();
                        send(attempt, verdict, headers, body);
                    } else {
                        attempt.end(AttemptOutcome.ofError(errorKind(failure), attempt.elapsed()));
                    }
                });
    }

    private void readExcerpt(Attempt attempt, HttpClientResponse response) {
        int status = response.statusCode();
        long duration = attempt.elapsed();
        Duration retryAfter = RetryAfter.parse(response.getHeader("Retry-After"), Instant.now());
        Map<String, String> responseHeaders = ResponseHeaders.of(response.headers());
        Buffer excerpt = Buffer.buffer();
        long[] bodyTimer = new long[1];
        Runnable complete = () -> {
            vertx.cancelTimer(bodyTimer[0]);
            attempt.end(AttemptOutcome.ofStatus(status, duration, new String(excerpt.getBytes(), StandardCharsets.UTF_8), retryAfter,
                    responseHeaders));
        };
        // An exchange is abandoned by resetting its request, which closes the connection; once the
        // response has ended the connection goes back to the pool, and a reset then would close it
        // under the next attempt that took it. These handlers and the body timer share the
        // request's context, so checking "ended" here is never late.
        AtomicBoolean ended = new AtomicBoolean();
        Runnable abandon = () -> {
            complete.run();
            if (!ended.get()) {
                response.request().reset();
            }
        };
        // a body that drips slowly gets what is left of the deadline, then is cut off
        bodyTimer[0] = vertx.setTimer(Math.max(1, timeoutMs - duration), fired -> abandon.run());
        response.handler(chunk -> {
            int room = excerptBytes - excerpt.length();
            excerpt.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            if (excerpt.length() >= excerptBytes) {
                // enough: the rest of the body is never read, and the connection is not reused
                abandon.run();
            }
        });
        response.endHandler(end -> {
            ended.set(true);
            answered.add(response.request().connection());
            complete.run();
        });
        response.exceptionHandler(error -> complete.run());
    }

    /** A connection closed or reset by the other side, not by this client's own reset. */
    private static boolean closedByPeer(Throwable failure) {
        return !(failure instanceof StreamResetException) && AttemptOutcome.CONNECTION_RESET.equals(errorKind(failure));
    }

    private static String errorKind(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return AttemptOutcome.TLS;
            }
            if (cause instanceof ConnectException) {
                return cause.getMessage() != null && cause.getMessage().contains("timed out")
                        ? AttemptOutcome.TIMEOUT : AttemptOutcome.CONNECTION_REFUSED;
            }
            if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
                return AttemptOutcome.TIMEOUT;
            }
            if (cause instanceof UnknownHostException) {
                return AttemptOutcome.DNS;
            }
        }
        // closed or reset mid-exchange (HttpClosedException, "Connection reset", ...)
        return AttemptOutcome.CONNECTION_RESET;
    }
}
