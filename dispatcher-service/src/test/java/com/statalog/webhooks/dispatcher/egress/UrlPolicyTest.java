package com.statalog.webhooks.dispatcher.egress;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF rules for webhook targets, with a resolver the test controls: no real DNS, no network. */
class UrlPolicyTest {

    private static final InetAddress PUBLIC_V4 = ip("93.184.215.14");
    private static final InetAddress PUBLIC_V6 = ip("2606:4700:4700::1111");

    private final Map<String, List<InetAddress>> dns = Map.ofEntries(
            entry("example.com", List.of(PUBLIC_V4)),
            entry("example.com.", List.of(PUBLIC_V4)),
            entry("multi.example", List.of(PUBLIC_V4, PUBLIC_V6)),
            entry("xn--bcher-kva.example", List.of(PUBLIC_V4)),
            entry("xn--bcher-kva.internal", List.of(ip("192.168.7.7"))),
            entry("internal.example", List.of(ip("10.0.0.5"))),
            entry("metadata.example", List.of(ip("169.254.169.254"))),
            entry("metadata6.example", List.of(ip("fd00:ec2::254"))),
            entry("alibaba.example", List.of(ip("100.100.100.200"))),
            entry("linklocal.example", List.of(ip("169.254.10.20"))),
            entry("loopback.example", List.of(ip("127.0.0.1"))),
            entry("loopback6.example", List.of(ip("::1"))),
            entry("mapped.example", List.of(mappedInet6(127, 0, 0, 1))),
            entry("nat64.example", List.of(ip("64:ff9b::a9fe:a9fe"))),
            entry("sixtofour.example", List.of(ip("2002:a00:1::"))),
            entry("cgnat.example", List.of(ip("100.64.0.1"))),
            entry("zero.example", List.of(ip("0.0.0.0"))),
            entry("multicast.example", List.of(ip("ff02::1"))),
            entry("mixed.example", List.of(PUBLIC_V4, ip("192.168.1.1"))),
            entry("mixed6.example", List.of(PUBLIC_V6, ip("fe80::1"))),
            entry("empty.example", List.of()));

    private final List<String> lookups = new ArrayList<>();

    private final HostResolver resolver = host -> {
        lookups.add(host);
        List<InetAddress> addresses = dns.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    };

    private final UrlPolicy strict = new UrlPolicy(false, resolver);
    private final UrlPolicy lenient = new UrlPolicy(true, resolver);

    @Test
    void aPublicHttpsUrlIsAllowedWithExactlyTheResolvedAddresses() {
        UrlVerdict verdict = strict.check("https://example.com/hooks?site=ST-1#top");

        assertAllowed(verdict, List.of(PUBLIC_V4));
        assertEquals(URI.create("https://example.com/hooks?site=ST-1#top"), verdict.uri());
        assertEquals(List.of("example.com"), lookups);
    }

    @Test
    void everyResolvedAddressIsHandedBackInOrder() {
        UrlVerdict verdict = strict.check("https://multi.example:8443/x");

        assertAllowed(verdict, List.of(PUBLIC_V4, PUBLIC_V6));
        assertEquals(8443, verdict.uri().getPort());
    }

    @Test
    void schemeAndHostAreCaseInsensitive() {
        UrlVerdict verdict = strict.check("HTTPS://Example.COM/Path");

        assertAllowed(verdict, List.of(PUBLIC_V4));
        assertEquals(URI.create("https://example.com/Path"), verdict.uri());
    }

    @Test
    void aFullyQualifiedNameWithTrailingDotIsResolvedAsWritten() {
        assertAllowed(strict.check("https://example.com./"), List.of(PUBLIC_V4));
        assertEquals(List.of("example.com."), lookups);
    }

    @Test
    void anIdnHostIsResolvedAndReturnedInAsciiForm() {
        UrlVerdict verdict = strict.check("https://Bücher.example/päth?q=%2F");

        assertAllowed(verdict, List.of(PUBLIC_V4));
        assertEquals(List.of("xn--bcher-kva.example"), lookups);
        assertEquals("xn--bcher-kva.example", verdict.uri().getHost());
        assertEquals("/päth", verdict.uri().getRawPath());
        assertEquals("q=%2F", verdict.uri().getRawQuery());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://93.184.215.14/,                93.184.215.14",
            "https://1572394766/,                   93.184.215.14",
            "https://0x5db8d70e/,                   93.184.215.14",
            "https://93.12113678/,                  93.184.215.14",
            "https://[2606:4700:4700::1111]/,       2606:4700:4700::1111",
            "https://[::ffff:8.8.8.8]/,             8.8.8.8",
            "https://[64:ff9b::808:808]/,           64:ff9b::808:808",
            "https://[64:ff9b:1::808:808]/,         64:ff9b:1::808:808",
            "https://[2002:808:808::1]/,            2002:808:808::1",
            "https://[2001:200::1]/,                2001:200::1",
    })
    void publicIpLiteralsAreAllowedWithoutAnyLookup(String url, String address) {
        assertAllowed(strict.check(url), List.of(ip(address)));
        assertTrue(lookups.isEmpty(), lookups::toString);
    }

    @Test
    void aNumericHostIsNormalisedInTheVerdictUri() {
        UrlVerdict verdict = lenient.check("http://0x7f.1:8443/p?q=1#f");

        assertAllowed(verdict, List.of(ip("127.0.0.1")));
        assertEquals(URI.create("http://127.0.0.1:8443/p?q=1#f"), verdict.uri());
    }

    @Test
    void aUrlOfExactlyTheMaximumLengthIsAllowedAndOneCharacterMoreIsNot() {
        String prefix = "https://example.com/";
        String longest = prefix + "a".repeat(UrlPolicy.MAX_URL_LENGTH - prefix.length());

        assertAllowed(strict.check(longest), List.of(PUBLIC_V4));
        assertRefused(strict.check(longest + "a"), UrlVerdict.INVALID_URL);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // loopback, in every spelling inet_aton accepts
            "https://127.0.0.1/",
            "https://127.0.0.1:443/",
            "https://127.0.0.1#@example.com/",
            "https://127.0.0.1?@example.com/",
            "https://127.0.0.1./",
            "https://2130706433/",
            "https://0x7f000001/",
            "https://0X7F000001/",
            "https://0x7f.0.0.1/",
            "https://0x7f.1/",
            "https://0177.0.0.1/",
            "https://0177.1/",
            "https://017700000001/",
            "https://00000000000000000177.0.0.1/",
            "https://127.1/",
            "https://127.0.1/",
            "https://127.1./",
            "https://127.255.255.254/",
            "https://１２７.0.0.1/",
            "https://127。0。0。1/",
            "https://localhost/",
            "https://localhost./",
            "https://LOCALHOST/",
            "https://localhost:8443/",
            "https://api.localhost/",
            "https://api.localhost./",
            "https://[::1]/",
            "https://[0:0:0:0:0:0:0:1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:7f00:1]/",
            "https://[::127.0.0.1]/",
            "https://[64:ff9b::127.0.0.1]/",
            "https://[64:ff9b::7f00:1]/",
            "https://[2002:7f00:1::]/",
            // private networks
            "https://10.0.0.1/",
            "https://012.0.0.1/",
            "https://167772161/",
            "https://172.16.0.1/",
            "https://172.31.255.255/",
            "https://192.168.1.1/",
            "https://0xc0a80101/",
            "https://[::ffff:192.168.1.1]/",
            "https://[64:ff9b:1::a00:1]/",
            "https://[2002:c0a8:101::1]/",
            "https://[fc00::1]/",
            "https://[fd12:3456::1]/",
            // metadata and link-local
            "https://169.254.169.254/",
            "https://2852039166/",
            "https://0xa9fea9fe/",
            "https://0251.0376.0251.0376/",
            "https://169.254.43518/",
            "https://100.100.100.200/",
            "https://168.63.129.16/machine?comp=goalstate",
            "https://[64:ff9b::a83f:8110]/",
            "https://161.26.0.10/",
            "https://166.9.12.1/",
            "https://169.254.0.1/",
            "https://[fd00:ec2::254]/",
            "https://[::ffff:169.254.169.254]/",
            "https://[64:ff9b::a9fe:a9fe]/",
            "https://[2002:a9fe:a9fe::]/",
            "https://[fe80::1]/",
            "https://[febf::1]/",
            // unspecified, multicast, broadcast, reserved
            "https://0/",
            "https://0.0.0.0/",
            "https://0x0/",
            "https://0.1.2.3/",
            "https://[::]/",
            "https://[::ffff:0.0.0.0]/",
            "https://224.0.0.1/",
            "https://239.255.255.250/",
            "https://[ff02::1]/",
            "https://255.255.255.255/",
            "https://4294967295/",
            "https://240.0.0.1/",
            "https://100.64.0.1/",
            "https://100.127.255.255/",
            "https://192.0.0.8/",
            "https://192.0.2.1/",
            "https://198.18.0.1/",
            "https://198.19.255.255/",
            "https://198.51.100.7/",
            "https://203.0.113.9/",
            "https://[2001:db8::1]/",
            "https://[3fff::1]/",
            "https://[2001::1]/",
            "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
            "https://[2001:2::1]/",
            "https://[100::1]/",
            "https://[fec0::1]/",
            "https://[64:ff9b:1:7f00:0:100::]/",
    })
    void internalIpLiteralsAreRefusedWithoutAnyLookup(String url) {
        assertRefused(strict.check(url), UrlVerdict.BLOCKED_ADDRESS);
        assertTrue(lookups.isEmpty(), lookups::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://internal.example/",
            "https://bücher.internal/",
            "https://metadata.example/",
            "https://metadata6.example/",
            "https://alibaba.example/",
            "https://linklocal.example/",
            "https://loopback.example/",
            "https://loopback6.example/",
            "https://mapped.example/",
            "https://nat64.example/",
            "https://sixtofour.example/",
            "https://cgnat.example/",
            "https://zero.example/",
            "https://multicast.example/",
            "https://mixed.example/",
            "https://mixed6.example/",
    })
    void namesThatResolveToAnyInternalAddressAreRefused(String url) {
        UrlVerdict verdict = strict.check(url);

        assertRefused(verdict, UrlVerdict.BLOCKED_ADDRESS);
        assertNotNull(verdict.uri());
        assertEquals(1, lookups.size());
    }

    @Test
    void theReasonNamesTheHostAndTheKindOfAddressButNeverTheAddressANameResolvesTo() {
        UrlVerdict verdict = strict.check("https://mixed.example/");

        assertEquals("the host mixed.example points to a private-network address", verdict.reason());
        assertFalse(verdict.reason().contains("192.168"), "an account user would learn the internal address of any name");
        assertEquals("the host 10.0.0.1 is a private-network address", strict.check("https://10.0.0.1/").reason());
    }

    @Test
    void accountsAreToldTheSameOfANameThatDoesNotResolveAndOfOneThatResolvesToAnInternalAddress() {
        UrlVerdict unknown = strict.checkForAccounts("https://unknown.example/");
        UrlVerdict internal = strict.checkForAccounts("https://mixed.example/");

        assertRefused(unknown, UrlVerdict.HOST_NOT_PUBLIC);
        assertRefused(internal, UrlVerdict.HOST_NOT_PUBLIC);
        assertEquals(unknown.reason().replace("unknown.example", "HOST"), internal.reason().replace("mixed.example", "HOST"));
        // the finer kinds are kept for attempts, and a literal address is judged in the open
        assertRefused(strict.check("https://unknown.example/"), UrlVerdict.DNS);
        assertRefused(strict.check("https://mixed.example/"), UrlVerdict.BLOCKED_ADDRESS);
        assertEquals(strict.check("https://10.0.0.1/"), strict.checkForAccounts("https://10.0.0.1/"));
        assertEquals(strict.check("https://[::1]/"), strict.checkForAccounts("https://[::1]/"));
        assertEquals(strict.check("ftp://mixed.example/"), strict.checkForAccounts("ftp://mixed.example/"));
        assertTrue(strict.checkForAccounts("https://example.com/").allowed());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://unknown.example/", "https://empty.example/"})
    void aHostThatDoesNotResolveIsADnsError(String url) {
        UrlVerdict verdict = strict.check(url);

        assertRefused(verdict, UrlVerdict.DNS);
        assertEquals(URI.create(url), verdict.uri());
        assertTrue(verdict.reason().contains(verdict.uri().getHost()), verdict.reason());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            // scheme
            "http://example.com/",
            "HTTP://example.com/",
            "ftp://example.com/",
            "file:///etc/passwd",
            "gopher://example.com:70/_GET",
            "dict://example.com:11211/",
            "ldap://example.com/",
            "javascript:alert(1)",
            "data:text/plain,hello",
            "//example.com/relative",
            "/just/a/path",
            "example.com",
            // credentials
            "https://example.com@127.0.0.1/",
            "https://user:pass@example.com/",
            "https://user@example.com/",
            "https://@example.com/",
            "https://example.com:443@evil.example/",
            "https://user@exa_mple.com/",
            // host
            "https:///path",
            "https:example.com",
            "https://:443/",
            "https://?q",
            "https://./",
            "https://a..b/",
            "https://.example.com/",
            "https://exa_mple.com/",
            "https://-bad.example/",
            "https://%31%32%37.0.0.1/",
            "https://example.1a/",
            // a label over the 63 characters DNS allows
            "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example/",
            // port
            "https://example.com:0/",
            "https://example.com:65536/",
            "https://example.com:99999/",
            "https://example.com:-1/",
            "https://example.com:/",
            "https://example.com:443x/",
            "https://example.com:1:2/",
            // numeric hosts that are no valid IPv4 address, and must not reach a resolver
            "https://256.0.0.1/",
            "https://127.0.0.256/",
            "https://1.2.3.4.5/",
            "https://127.65536.1/",
            "https://4294967296/",
            "https://0x100000000/",
            "https://08.0.0.1/",
            "https://0x7g.0.0.1/",
            "https://example.0x1/",
            "https://example.42/",
            "https://127.0.0.1../",
            // IPv6 literals
            "https://[fe80::1%25eth0]/",
            "https://[fe80::1%eth0]/",
            "https://[::1%251]/",
            "https://[::1/",
            "https://[::1]x/",
            "https://[1::2::3]/",
            "https://[127.0.0.1]/",
            "https://[example.com]/",
            "https://[::ffff:127.1]/",
            "https://[]/",
            "https://::1/",
            // not a URL at all
            "",
            "   ",
            "not a url",
            "https://exa mple.com/",
            "https://example.com/<script>",
    })
    void malformedOrForbiddenUrlsAreInvalid(String url) {
        UrlVerdict verdict = strict.check(url);

        assertRefused(verdict, UrlVerdict.INVALID_URL);
        assertNull(verdict.uri());
        assertTrue(lookups.isEmpty(), lookups::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://example.com@127.0.0.1/",
            "https://user:pass@example.com/",
            "https://@example.com/",
            "https://user@exa_mple.com/",
            "https://user@[::1]/",
    })
    void credentialsAreRefusedAsSuch(String url) {
        assertEquals("the URL must not contain credentials", strict.check(url).reason());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://[fe80::1%25eth0]/", "https://[fe80::1%eth0]/", "https://[::1%251]:8443/"})
    void ipv6ZoneIdsAreRefusedAsSuch(String url) {
        assertEquals("IPv6 zone ids are not allowed", strict.check(url).reason());
    }

    @Test
    void aNullUrlIsInvalid() {
        assertRefused(strict.check(null), UrlVerdict.INVALID_URL);
    }

    @Test
    void anOverlongUrlIsInvalidBeforeItIsParsed() {
        assertRefused(strict.check("https://example.com/" + "a".repeat(5000)), UrlVerdict.INVALID_URL);
    }

    @Test
    void reasonsNeverRepeatCredentials() {
        UrlVerdict verdict = strict.check("https://hookuser:s3cr3t-t0ken@example.com/");

        assertFalse(verdict.reason().contains("s3cr3t"), verdict.reason());
        assertFalse(verdict.reason().contains("hookuser"), verdict.reason());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http://127.0.0.1:8080/x,       127.0.0.1",
            "https://10.1.2.3/,             10.1.2.3",
            "https://172.16.5.4/,           172.16.5.4",
            "http://192.168.0.10/,          192.168.0.10",
            "http://2130706433/,            127.0.0.1",
            "https://[::1]/,                ::1",
            "https://[fd12:3456::1]/,       fd12:3456::1",
            "https://[::ffff:192.168.0.1]/, 192.168.0.1",
            "http://[64:ff9b::a00:1]:8080/, 64:ff9b::a00:1",
            "http://internal.example/,      10.0.0.5",
            "https://loopback6.example/,    ::1",
            "https://example.com/,          93.184.215.14",
    })
    void withPrivateTargetsAllowedLoopbackAndPrivateAddressesAreAllowed(String url, String address) {
        assertAllowed(lenient.check(url), List.of(ip(address)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://localhost/", "http://localhost.:3000/hook", "http://hooks.localhost/"})
    void withPrivateTargetsAllowedLocalhostIsLoopbackAndNeverResolved(String url) {
        UrlVerdict verdict = lenient.check(url);

        assertAllowed(verdict, List.of(InetAddress.getLoopbackAddress()));
        assertTrue(lookups.isEmpty(), lookups::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://169.254.169.254/latest/meta-data/",
            "http://169.254.169.254/",
            "http://2852039166/",
            "https://169.254.1.1/",
            "https://[fe80::1]/",
            "https://[fd00:ec2::254]/",
            "https://100.100.100.200/",
            "https://100.64.0.1/",
            "https://[::ffff:169.254.169.254]/",
            "https://[64:ff9b::a9fe:a9fe]/",
            "https://[2002:6440:1::]/",
            "https://0.0.0.0/",
            "https://[::]/",
            "https://224.0.0.1/",
            "https://255.255.255.255/",
            "https://192.0.2.1/",
            "https://[2001:db8::1]/",
            "https://[fec0::1]/",
            "https://metadata.example/",
            "https://linklocal.example/",
            "https://cgnat.example/",
            "https://mixed6.example/",
    })
    void withPrivateTargetsAllowedLinkLocalMetadataAndReservedAddressesStayRefused(String url) {
        assertRefused(lenient.check(url), UrlVerdict.BLOCKED_ADDRESS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "ftp://127.0.0.1/",
            "file:///etc/passwd",
            "gopher://localhost/",
            "http://user:pass@127.0.0.1/",
            "http://[fe80::1%25eth0]/",
            "http://127.0.0.1:0/",
    })
    void withPrivateTargetsAllowedTheUrlRulesStillApply(String url) {
        assertRefused(lenient.check(url), UrlVerdict.INVALID_URL);
    }

    @Test
    void theSystemResolverReadsLiteralsWithoutTheNetwork() throws UnknownHostException {
        assertEquals(List.of(ip("127.0.0.1")), HostResolver.system().resolve("127.0.0.1"));
    }

    private static void assertAllowed(UrlVerdict verdict, List<InetAddress> addresses) {
        assertAll(
                () -> assertTrue(verdict.allowed(), verdict::reason),
                () -> assertNull(verdict.errorKind()),
                () -> assertNull(verdict.reason()),
                () -> assertNotNull(verdict.uri()),
                () -> assertEquals(addresses, verdict.addresses()));
    }

    private static void assertRefused(UrlVerdict verdict, String errorKind) {
        assertAll(
                () -> assertFalse(verdict.allowed()),
                () -> assertEquals(errorKind, verdict.errorKind(), verdict::reason),
                () -> assertNotNull(verdict.reason()),
                () -> assertTrue(verdict.addresses().isEmpty()));
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** ::ffff:a.b.c.d kept as an Inet6Address, as a resolver may return it (InetAddress.getByName would not). */
    static InetAddress mappedInet6(int a, int b, int c, int d) {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        try {
            return Inet6Address.getByAddress(null, bytes, null);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
