package com.statalog.webhooks.dispatcher.egress;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether a webhook target URL may be connected to, so that subscribers cannot make the dispatcher reach
 * its own machine, the internal network or a cloud metadata service (SSRF).
 *
 * <p>A URL is allowed when it is an absolute https URL without credentials, and every address its host stands for
 * is public. With {@code allowPrivateTargets} (for local development), http is allowed too, and so are loopback
 * and private-network addresses; link-local, metadata and other special-purpose addresses never are.
 *
 * <p>Hosts written as IP addresses, in whatever form, are read here and never resolved; {@code localhost} and its
 * subdomains are loopback; other names are resolved once, and the verdict carries the addresses that were checked.
 */
public final class UrlPolicy {

    public static final int MAX_URL_LENGTH = 2048;

    private final boolean allowPrivateTargets;
    private final HostResolver resolver;

    public UrlPolicy(boolean allowPrivateTargets, HostResolver resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public UrlVerdict check(String url) {
        Target target;
        try {
            target = parse(url);
        } catch (InvalidUrlException e) {
            return UrlVerdict.refused(UrlVerdict.INVALID_URL, e.getMessage());
        }
        List<InetAddress> addresses;
        if (target.literal() != null) {
            addresses = List.of(target.literal());
        } else if (isLocalhost(target.host())) {
            // Never resolved: RFC 6761 reserves these names for loopback, whatever a resolver says.
            addresses = List.of(InetAddress.getLoopbackAddress());
        } else {
            try {
                addresses = resolver.resolve(target.host());
            } catch (UnknownHostException e) {
                addresses = List.of();
            }
            if (addresses.isEmpty()) {
                return UrlVerdict.refused(UrlVerdict.DNS, "the host " + target.host() + " could not be resolved",
                        target.uri());
            }
        }
        for (InetAddress address : addresses) {
            AddressClass addressClass = AddressClass.of(address);
            if (!addressClass.isAllowed(allowPrivateTargets)) {
                // the address a name resolves to is never named: the message reaches account users, and would
                // tell them the internal address of any name they try
                return UrlVerdict.refused(UrlVerdict.BLOCKED_ADDRESS, "the host " + target.host()
                        + (target.literal() != null ? " is " : " points to ") + addressClass.description(), target.uri());
            }
        }
        return UrlVerdict.allowed(target.uri(), addresses);
    }

    /**
     * The verdict as an account's user is told it when saving a URL. For a name, "does not resolve"
     * and "resolves to an internal address" are one answer: told apart, they would let anyone probe
     * which internal names exist. A literal address is judged in the open, as it reveals nothing.
     * Attempts keep {@link #check}'s finer kinds: their host was public when it was saved.
     */
    public UrlVerdict checkForAccounts(String url) {
        UrlVerdict verdict = check(url);
        if (verdict.allowed() || UrlVerdict.INVALID_URL.equals(verdict.errorKind()) || isLiteral(verdict.uri().getHost())) {
            return verdict;
        }
        return UrlVerdict.refused(UrlVerdict.HOST_NOT_PUBLIC,
                "the host " + verdict.uri().getHost() + " does not resolve to a public address", verdict.uri());
    }

    private static boolean isLiteral(String asciiHost) {
        return asciiHost.startsWith("[") || Ipv4Literal.endsInNumber(asciiHost);
    }

    /**
     * The URL's origin as the lanes group webhooks by: scheme, host in lower-case ASCII (IDNA, so
     * that every internationalised name has one of its own) and port, the scheme's default when
     * none is written. A URL this policy refuses to read is its own origin: it is never sent anyway.
     */
    public String origin(String url) {
        try {
            URI uri = parse(url).uri();
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return uri.getScheme() + "://" + uri.getHost() + ":" + port;
        } catch (InvalidUrlException e) {
            return url;
        }
    }

    /**
     * A syntactically valid target.
     *
     * @param uri     the URL rebuilt around the normalised host, which is what the caller connects with
     * @param host    the host in ASCII as written, for resolving and for messages
     * @param literal the address the host spells out, or null if it is a name
     */
    private record Target(URI uri, String host, InetAddress literal) {
    }

    private Target parse(String url) throws InvalidUrlException {
        if (url == null || url.isBlank()) {
            throw new InvalidUrlException("the URL is empty");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new InvalidUrlException("the URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidUrlException("the URL is not a valid URI");
        }
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivateTargets && scheme.equals("http"))) {
            throw new InvalidUrlException(allowPrivateTargets
                    ? "only absolute http and https URLs are allowed"
                    : "only absolute https URLs are allowed");
        }
        // The raw authority rather than URI.getHost(), which is null for IDN hosts and for short numeric forms
        // like 127.1: those must be judged, not waved through or resolved.
        String authority = uri.getRawAuthority();
        if (authority == null) {
            throw new InvalidUrlException("the URL has no host");
        }
        // Credentials would be sent to the target, and user@host is a classic way to disguise the real host.
        if (authority.contains("@")) {
            throw new InvalidUrlException("the URL must not contain credentials");
        }
        int hostEnd = authority.startsWith("[") ? authority.indexOf(']') + 1 : 0;
        int colon = authority.indexOf(':', hostEnd);
        String rawHost = colon < 0 ? authority : authority.substring(0, colon);
        int port = colon < 0 ? -1 : port(authority.substring(colon + 1));

        if (rawHost.startsWith("[")) {
            InetAddress literal = ipv6Literal(rawHost);
            String host = rawHost.toLowerCase(Locale.ROOT);
            return new Target(rebuild(uri, scheme, host, port), host, literal);
        }
        String host = asciiHost(rawHost);
        if (Ipv4Literal.endsInNumber(host)) {
            InetAddress literal = Ipv4Literal.parse(host)
                    .orElseThrow(() -> new InvalidUrlException("the host " + host + " is not a valid IPv4 address"));
            return new Target(rebuild(uri, scheme, literal.getHostAddress(), port), host, literal);
        }
        return new Target(rebuild(uri, scheme, host, port), host, null);
    }

    private static int port(String text) throws InvalidUrlException {
        // At most five ASCII digits, so that parseInt can neither overflow nor accept a sign.
        int port = text.matches("[0-9]{1,5}") ? Integer.parseInt(text) : 0;
        if (port < 1 || port > 65535) {
            throw new InvalidUrlException("the port must be a number from 1 to 65535");
        }
        return port;
    }

    private static InetAddress ipv6Literal(String bracketed) throws InvalidUrlException {
        String inner = bracketed.endsWith("]") ? bracketed.substring(1, bracketed.length() - 1) : "";
        // A zone id names an interface of this machine: only useful to reach link-local neighbours.
        if (inner.contains("%")) {
            throw new InvalidUrlException("IPv6 zone ids are not allowed");
        }
        // With only these characters InetAddress parses the literal and never falls back to a lookup.
        if (!inner.contains(":")
                || !inner.chars().allMatch(c -> HexFormat.isHexDigit(c) || c == ':' || c == '.')) {
            throw new InvalidUrlException("the host is not a valid IPv6 address");
        }
        try {
            return InetAddress.getByName(bracketed);
        } catch (UnknownHostException e) {
            throw new InvalidUrlException("the host is not a valid IPv6 address");
        }
    }

    /** The host in lower-case ASCII; also folds look-alikes such as full-width digits into plain ones. */
    private static String asciiHost(String rawHost) throws InvalidUrlException {
        String host;
        try {
            host = IDN.toASCII(rawHost, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidUrlException("the host is not a valid host name");
        }
        if (host.isEmpty() || host.startsWith(".")) {
            throw new InvalidUrlException("the URL has no host");
        }
        return host;
    }

    /**
     * The URL with its host replaced by the normalised one, so that the host the caller sends (Host header, TLS
     * name) is the one that was checked. Refuses hosts java.net.URI cannot read as a server name, since the
     * caller could not connect to them anyway.
     */
    private static URI rebuild(URI uri, String scheme, String host, int port) throws InvalidUrlException {
        StringBuilder text = new StringBuilder(scheme).append("://").append(host);
        if (port != -1) {
            text.append(':').append(port);
        }
        text.append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            text.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            text.append('#').append(uri.getRawFragment());
        }
        try {
            URI rebuilt = new URI(text.toString());
            if (rebuilt.getHost() != null) {
                return rebuilt;
            }
        } catch (URISyntaxException e) {
            // Reported below, like a host that parses as no host.
        }
        throw new InvalidUrlException("the host " + host + " is not a valid host name");
    }

    private static boolean isLocalhost(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return name.equals("localhost") || name.endsWith(".localhost");
    }

    private static final class InvalidUrlException extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidUrlException(String reason) {
            super(reason, null, false, false);
        }
    }
}
