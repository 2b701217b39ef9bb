package com.statalog.webhooks.dispatcher.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** The kind of network an IP address belongs to, which decides whether a webhook may be sent there. */
enum AddressClass {

    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private-network address"),
    LINK_LOCAL("a link-local address"),
    METADATA("a cloud platform's metadata or internal service address"),
    UNSPECIFIED("an unspecified address"),
    MULTICAST("a multicast address"),
    RESERVED("a reserved or special-purpose address");

    // First match wins, so single addresses come before the blocks that contain them.
    private static final List<Block> IPV4 = List.of(
            block("169.254.169.254/32", METADATA), // AWS, GCP, Azure, OpenStack, ...
            block("100.100.100.200/32", METADATA), // Alibaba Cloud
            // Azure's WireServer (platform agent, DNS, health probes): a public-range address every Azure VM reaches
            block("168.63.129.16/32", METADATA),
            // IBM Cloud's service network (DNS, NTP, package mirrors) and private service endpoints: public-range blocks
            // that the internet does not route, reachable only from inside IBM Cloud
            block("161.26.0.0/16", METADATA),
            block("166.8.0.0/14", METADATA),
            block("0.0.0.0/8", UNSPECIFIED),
            block("127.0.0.0/8", LOOPBACK),
            block("10.0.0.0/8", PRIVATE),
            block("172.16.0.0/12", PRIVATE),
            block("192.168.0.0/16", PRIVATE),
            block("169.254.0.0/16", LINK_LOCAL),
            block("224.0.0.0/4", MULTICAST),
            block("240.0.0.0/4", RESERVED), // includes the broadcast address 255.255.255.255
            block("100.64.0.0/10", RESERVED), // carrier-grade NAT: the provider's network, not the internet
            block("192.0.0.0/24", RESERVED), // IETF protocol assignments
            block("192.0.2.0/24", RESERVED), // documentation
            block("198.51.100.0/24", RESERVED), // documentation
            block("203.0.113.0/24", RESERVED), // documentation
            block("198.18.0.0/15", RESERVED)); // benchmarking

    private static final List<Block> IPV6 = List.of(
            block("::/128", UNSPECIFIED),
            block("::1/128", LOOPBACK),
            block("fd00:ec2::254/128", METADATA), // AWS
            block("fc00::/7", PRIVATE), // unique local
            block("fe80::/10", LINK_LOCAL),
            block("ff00::/8", MULTICAST),
            block("2001::/23", RESERVED), // IETF protocol assignments, including Teredo 2001::/32
            block("2001:db8::/32", RESERVED), // documentation
            block("3fff::/20", RESERVED)); // documentation

    // Only 2000::/3 is handed out for global unicast; outside it everything left, such as the discard prefix
    // 100::/64 and the deprecated site-local fec0::/10, is reserved.
    private static final Block GLOBAL_UNICAST = block("2000::/3", PUBLIC);

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    static AddressClass of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return lookup(IPV4, bytes, PUBLIC);
        }
        byte[] embedded = embeddedIpv4(bytes);
        if (embedded != null) {
            return lookup(IPV4, embedded, PUBLIC);
        }
        return lookup(IPV6, bytes, GLOBAL_UNICAST.contains(bytes) ? PUBLIC : RESERVED);
    }

    /** A description that completes "the host … points to " or "the host 10.0.0.1 is ". */
    String description() {
        return description;
    }

    boolean isAllowed(boolean allowPrivateTargets) {
        return this == PUBLIC || (allowPrivateTargets && (this == LOOPBACK || this == PRIVATE));
    }

    /**
     * The IPv4 address an IPv6 address stands for, or null. These forms reach the IPv4 host through the kernel or a
     * translator, so they must be judged as that host; Java turns only textual IPv4-mapped forms into Inet4Address.
     */
    private static byte[] embeddedIpv4(byte[] ipv6) {
        ByteBuffer buffer = ByteBuffer.wrap(ipv6);
        long high = buffer.getLong(0);
        int third = buffer.getInt(8);
        int low = buffer.getInt(12);
        boolean inLast32Bits = (high == 0 && third == 0xffff) // ::ffff:0:0/96, IPv4-mapped
                || (high == 0 && third == 0 && low != 0 && low != 1) // ::/96, IPv4-compatible; :: and ::1 are themselves
                || (high == 0x0064_ff9b_0000_0000L && third == 0) // 64:ff9b::/96, NAT64
                // 64:ff9b:1::/48, local-use NAT64, in the /96 layout DNS64 synthesises; other layouts are left
                // outside 2000::/3 and so reserved, because the embedded address cannot be located
                || (high == 0x0064_ff9b_0001_0000L && third == 0);
        if (inLast32Bits) {
            return Arrays.copyOfRange(ipv6, 12, 16);
        }
        if ((high >>> 48) == 0x2002) { // 2002::/16, 6to4
            return Arrays.copyOfRange(ipv6, 2, 6);
        }
        return null;
    }

    private static AddressClass lookup(List<Block> blocks, byte[] address, AddressClass otherwise) {
        return blocks.stream()
                .filter(block -> block.contains(address))
                .map(Block::addressClass)
                .findFirst()
                .orElse(otherwise);
    }

    /** The IPv4 blocks refused in production, as CIDRs. */
    static List<String> refusedIpv4() {
        return IPV4.stream().filter(block -> block.addressClass() != PUBLIC).map(Block::cidr).toList();
    }

    /** The blocks refused in production inside 2000::/3, the only IPv6 space handed out for global unicast. */
    static List<String> refusedIpv6InGlobalUnicast() {
        return IPV6.stream().filter(block -> block.addressClass() != PUBLIC && GLOBAL_UNICAST.contains(block.network()))
                .map(Block::cidr).toList();
    }

    static String globalUnicast() {
        return GLOBAL_UNICAST.cidr();
    }

    private static Block block(String cidr, AddressClass addressClass) {
        int slash = cidr.indexOf('/');
        try {
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            return new Block(cidr, network, Integer.parseInt(cidr.substring(slash + 1)), addressClass);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address block: " + cidr, e);
        }
    }

    /** Whether the address lies in the block of {@code network}'s first {@code prefixLength} bits (same family only). */
    static boolean inBlock(byte[] network, int prefixLength, byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private record Block(String cidr, byte[] network, int prefixLength, AddressClass addressClass) {

        boolean contains(byte[] address) {
            return inBlock(network, prefixLength, address);
        }
    }
}
