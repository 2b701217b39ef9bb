package com.statalog.webhooks.registry.ratelimit;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.statalog.webhooks.contracts.Problem;

/** The one 429 of the API: a problem body, {@code Retry-After}, and the rate the request went past. */
public final class TooManyRequests {

    private TooManyRequests() {
    }

    public static Response answer(Take take, String what) {
        long retryAfter = take.retryAfterSeconds();
        Response.ResponseBuilder response = Response.status(429).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, retryAfter)
                .entity(Problem.of(429, "Too Many Requests", what + " (" + take.policy().capacity() + " per "
                        + take.policy().window().toSeconds() + " s); retry in " + retryAfter + " s"));
        take.headers().forEach(response::header);
        return response.build();
    }
}
