package com.statalog.webhooks.dispatcher.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses the URL policy lets the dispatcher connect to in production, written as the
 * {@code ipBlock}s of a Kubernetes NetworkPolicy: one rule for both, so that the cluster never
 * drops a connection the policy allowed (nor allows one it refused). Any port: the policy accepts
 * every port from 1 to 65535. IPv4: everything but the refused blocks. IPv6: global unicast
 * (2000::/3) but its refused blocks, and 6to4 addresses embedding a refused IPv4 block; and the
 * forms carrying an IPv4 address in their last 32 bits (IPv4-mapped, IPv4-compatible, NAT64 and
 * local-use NAT64), which the policy judges by that address. deploy/kubernetes's ManifestsTest
 * holds the manifest to {@link #allowed()}; EgressBlocksTest holds this to the policy.
 */
public final class EgressBlocks {

    /** A block and the blocks inside it that are excluded, as in a NetworkPolicy. */
    public record IpBlock(String cidr, List<String> except) {
    }

    /** The IPv6 prefixes whose last 32 bits are an IPv4 address that the policy judges. */
    private static final List<String> IPV4_IN_LAST_32_BITS = List.of("::ffff:0:0", "::", "64:ff9b::", "64:ff9b:1::");
    private static final String SIX_TO_FOUR = "2002::";

    private EgressBlocks() {
    }

    public static List<IpBlock> allowed() {
        List<String> refusedIpv4 = AddressClass.refusedIpv4();
        List<IpBlock> blocks = new ArrayList<>();
        blocks.add(new IpBlock("0.0.0.0/0", refusedIpv4));
        List<String> refusedGlobal = new ArrayList<>(AddressClass.refusedIpv6InGlobalUnicast());
        refusedIpv4.forEach(ipv4 -> refusedGlobal.add(embed(SIX_TO_FOUR, 16, ipv4)));
        blocks.add(new IpBlock(AddressClass.globalUnicast(), refusedGlobal));
        for (String prefix : IPV4_IN_LAST_32_BITS) {
            blocks.add(new IpBlock(prefix + "/96", refusedIpv4.stream().map(ipv4 -> embed(prefix, 96, ipv4)).toList()));
        }
        return blocks;
    }

    /** Whether these blocks let a connection to the address through. */
    static boolean allows(InetAddress address) {
        byte[] bytes = address.getAddress();
        return allowed().stream().anyMatch(block -> contains(block.cidr(), bytes)
                && block.except().stream().noneMatch(excluded -> contains(excluded, bytes)));
    }

    /** The IPv4 block written inside an IPv6 prefix at bit {@code at} (a whole byte), as a CIDR in the shortest form. */
    private static String embed(String ipv6Prefix, int at, String ipv4Cidr) {
        byte[] address = parse(ipv6Prefix);
        byte[] ipv4 = parse(ipv4Cidr.substring(0, ipv4Cidr.indexOf('/')));
        System.arraycopy(ipv4, 0, address, at / 8, 4);
        int length = at + Integer.parseInt(ipv4Cidr.substring(ipv4Cidr.indexOf('/') + 1));
        return shortest(address) + "/" + length;
    }

    private static boolean contains(String cidr, byte[] address) {
        int slash = cidr.indexOf('/');
        return AddressClass.inBlock(parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)), address);
    }

    private static byte[] parse(String literal) {
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            // Java reads "::ffff:a.b.c.d" as an IPv4 address; in a prefix it is the IPv6 form
            if (bytes.length == 4 && literal.contains(":")) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + literal, e);
        }
    }

    /** An IPv6 address with its longest run of zero groups written as "::" (RFC 5952). */
    private static String shortest(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j - 1);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
