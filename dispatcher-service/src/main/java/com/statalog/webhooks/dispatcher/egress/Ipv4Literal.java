package com.statalog.webhooks.dispatcher.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Reads a host written as an IPv4 address in any of the forms that C resolvers (inet_aton) accept: one to four
 * parts, each decimal, octal (leading 0) or hexadecimal (leading 0x), as in {@code 2130706433}, {@code 0x7f.1} or
 * {@code 0177.0.0.1}, optionally with a trailing dot. The rules are those of the WHATWG URL standard's IPv4 parser.
 */
final class Ipv4Literal {

    private static final long TOO_LARGE = 1L << 32;

    private Ipv4Literal() {
    }

    /**
     * Whether the last label of the host is a number. No domain ends in one, so such a host must be read as an
     * address or refused: handing it to a resolver would let the resolver pick its own reading.
     */
    static boolean endsInNumber(String host) {
        String[] labels = labels(host);
        String last = labels[labels.length - 1];
        return !last.isEmpty() && (last.chars().allMatch(c -> c >= '0' && c <= '9') || number(last) >= 0);
    }

    static Optional<InetAddress> parse(String host) {
        String[] parts = labels(host);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            long value = number(parts[i]);
            boolean last = i == parts.length - 1;
            // Leading parts are one byte each; the last fills all the bytes left, so 127.1 is 127.0.0.1.
            long limit = last ? 1L << (8 * (4 - i)) : 256;
            if (value < 0 || value >= limit) {
                return Optional.empty();
            }
            address |= last ? value : value << (8 * (3 - i));
        }
        try {
            return Optional.of(InetAddress.getByAddress(ByteBuffer.allocate(4).putInt((int) address).array()));
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes always make an IPv4 address", e);
        }
    }

    private static String[] labels(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return name.split("\\.", -1);
    }

    /** The value of one part, -1 if it is not a number, or at least 2^32 if it is too large for any part. */
    private static long number(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return part.isEmpty() ? -1 : 0;
        }
        long value = 0;
        for (char c : digits.toCharArray()) {
            // Character.digit alone would also accept non-ASCII digits.
            int digit = c < 128 ? Character.digit(c, radix) : -1;
            if (digit < 0) {
                return -1;
            }
            // Saturating keeps arbitrarily long parts such as 000...0177 from overflowing.
            value = Math.min(value * radix + digit, TOO_LARGE);
        }
        return value;
    }
}
