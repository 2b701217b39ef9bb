package com.statalog.webhooks.dispatcher.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicy form of the URL policy lets through exactly the addresses the policy allows
 * in production: checked at every block's edges (first, last, and the addresses just outside)
 * and at 100 000 seeded random addresses of every family and embedding.
 */
class EgressBlocksTest {

    private final Random random = new Random(20_261_129);

    @Test
    void theBlocksAllowExactlyWhatThePolicyAllowsInProduction() throws Exception {
        List<InetAddress> samples = new ArrayList<>();
        for (EgressBlocks.IpBlock block : EgressBlocks.allowed()) {
            edges(block.cidr(), samples);
            for (String excluded : block.except()) {
                edges(excluded, samples);
            }
        }
        for (int i = 0; i < 20_000; i++) {
            samples.add(InetAddress.getByAddress(bytes(4)));
            samples.add(InetAddress.getByAddress(bytes(16)));
            samples.add(InetAddress.getByAddress(withPrefix("2000::", 3)));
            samples.add(InetAddress.getByAddress(withPrefix("2002::", 16)));
            for (String prefix : List.of("::", "64:ff9b::", "64:ff9b:1::")) {
                samples.add(InetAddress.getByAddress(withPrefix(prefix, 96)));
            }
        }
        List<String> disagreements = new ArrayList<>();
        for (InetAddress address : samples) {
            boolean policy = AddressClass.of(address).isAllowed(false);
            if (policy != EgressBlocks.allows(address)) {
                disagreements.add(address.getHostAddress() + (policy ? " allowed by the policy only" : " allowed by the blocks only"));
            }
        }
        assertTrue(samples.size() > 100_000);
        assertEquals(List.of(), disagreements.stream().limit(20).toList());
    }

    @Test
    void embeddedBlocksAreWrittenInTheirShortestForm() {
        EgressBlocks.IpBlock nat64 = EgressBlocks.allowed().stream().filter(block -> block.cidr().equals("64:ff9b::/96")).findFirst()
                .orElseThrow();
        assertTrue(nat64.except().contains("64:ff9b::a00:0/104"), nat64.except().toString());
        assertTrue(nat64.except().contains("64:ff9b::a9fe:a9fe/128"), nat64.except().toString());
    }

    /** The block's first and last address and the ones just outside it. */
    private static void edges(String cidr, List<InetAddress> into) throws Exception {
        int slash = cidr.indexOf('/');
        InetAddress network = InetAddress.getByName(cidr.substring(0, slash));
        int bits = network.getAddress().length * 8;
        int length = Integer.parseInt(cidr.substring(slash + 1));
        BigInteger first = new BigInteger(1, network.getAddress());
        if (cidr.startsWith("::ffff:")) {
            first = first.or(BigInteger.valueOf(0xffffL).shiftLeft(32));
            bits = 128;
        }
        BigInteger last = first.or(BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE));
        for (BigInteger value : List.of(first, last, first.subtract(BigInteger.ONE), last.add(BigInteger.ONE))) {
            if (value.signum() >= 0 && value.bitLength() <= bits) {
                into.add(InetAddress.getByAddress(toBytes(value, bits / 8)));
            }
        }
    }

    private static byte[] toBytes(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, bytes, size - copy, copy);
        return bytes;
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A random IPv6 address under the prefix's first {@code length} bits. */
    private byte[] withPrefix(String prefix, int length) throws Exception {
        byte[] network = InetAddress.getByName(prefix).getAddress();
        byte[] address = bytes(16);
        for (int bit = 0; bit < length; bit++) {
            int mask = 0x80 >>> (bit % 8);
            address[bit / 8] = (byte) ((address[bit / 8] & ~mask) | (network[bit / 8] & mask));
        }
        return address;
    }
}
