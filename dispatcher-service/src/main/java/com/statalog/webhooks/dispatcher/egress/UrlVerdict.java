package com.statalog.webhooks.dispatcher.egress;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * What {@link UrlPolicy} decided about a webhook URL.
 *
 * @param allowed   whether the URL may be connected to
 * @param errorKind null when allowed, else {@link #INVALID_URL}, {@link #DNS} or {@link #BLOCKED_ADDRESS}; or, as
 *                  accounts are told it of a name, {@link #HOST_NOT_PUBLIC}
 * @param reason    null when allowed, else a short explanation that may name the host but nothing secret
 * @param uri       the URL with its host in normalised ASCII form; null when the URL is invalid
 * @param addresses the checked addresses, to be connected to without a second lookup (a second one could be
 *                  answered differently: DNS rebinding); empty when refused
 */
public record UrlVerdict(boolean allowed, String errorKind, String reason, URI uri, List<InetAddress> addresses) {

    public static final String INVALID_URL = "invalid_url";
    public static final String DNS = "dns";
    public static final String BLOCKED_ADDRESS = "blocked_address";
    /** A name that does not resolve, or resolves to an address that is refused: accounts are not told which. */
    public static final String HOST_NOT_PUBLIC = "host_not_public";

    public UrlVerdict {
        addresses = List.copyOf(addresses);
    }

    public static UrlVerdict allowed(URI uri, List<InetAddress> addresses) {
        return new UrlVerdict(true, null, null, uri, addresses);
    }

    /** A refusal of a URL that could not even be parsed. */
    public static UrlVerdict refused(String errorKind, String reason) {
        return refused(errorKind, reason, null);
    }

    public static UrlVerdict refused(String errorKind, String reason, URI uri) {
        return new UrlVerdict(false, errorKind, reason, uri, List.of());
    }
}
