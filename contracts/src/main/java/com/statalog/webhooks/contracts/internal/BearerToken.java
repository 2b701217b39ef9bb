package com.statalog.webhooks.contracts.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * How a caller presents a token to a service's protected routes: {@code Authorization: Bearer
 * <token>} (scheme case-insensitive, RFC 6750); the answer to a missing or wrong one is 401 with
 * {@code WWW-Authenticate: Bearer}.
 */
public final class BearerToken {

    public static final String CHALLENGE = "Bearer";
    private static final String PREFIX = "Bearer ";

    private BearerToken() {
    }

    /** The token of an Authorization header value; empty text when there is none. */
    public static String of(String authorization) {
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
        return bearer ? authorization.substring(PREFIX.length()).trim() : "";
    }

    /** Whether the header carries exactly {@code expected}, compared in constant time (never true for an empty one). */
    public static boolean carries(String authorization, String expected) {
        return matches(of(authorization), expected);
    }

    /** Whether a presented token is exactly {@code expected}, compared in constant time (never true for an empty one). */
    public static boolean matches(String presented, String expected) {
        return !expected.isEmpty()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
