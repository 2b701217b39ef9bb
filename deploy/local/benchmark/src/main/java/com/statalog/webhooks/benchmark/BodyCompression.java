package com.statalog.webhooks.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.ToIntFunction;
import java.util.zip.Deflater;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * What compressing a delivery's body in the registry would save in the log, and what it would cost:
 * bodies of the delivery-log benchmark's shape (~390 bytes of JSON with three random ids),
 * compressed one by one with Deflate (level 1) and LZ4, after a warm-up. Prints key=value lines.
 * (PostgreSQL itself compresses no value of a row this small: it compresses rows over ~2 KB only —
 * {@code deploy/local/bench/toast-probe.sql}.)
 */
public final class BodyCompression {

    private BodyCompression() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        byte[][] bodies = new byte[count][];
        for (int i = 0; i < count; i++) {
            bodies[i] = ("{\"type\":\"goal.converted\",\"id\":\"" + hex() + "\",\"created_at\":\"2026-11-01T00:00:" + (10 + i % 50)
                    + ".123456Z\",\"data\":{\"site_id\":\"ST-" + i % 997 + "\",\"goal_id\":" + i % 50
                    + ",\"goal_name\":\"Signup\",\"visitor_id\":\"" + hex() + "\",\"session_id\":\"" + hex()
                    + "\",\"url\":\"https://example.com/pricing\",\"referrer\":\"https://www.google.com/\",\"country\":\"DE\","
                    + "\"device\":\"desktop\",\"browser\":\"Firefox\"}}").getBytes(StandardCharsets.UTF_8);
        }
        byte[] out = new byte[4096];
        Deflater deflater = new Deflater(1, true);
        measure("deflate", bodies, body -> {
            deflater.reset();
            deflater.setInput(body);
            deflater.finish();
            return deflater.deflate(out);
        });
        LZ4Compressor lz4 = LZ4Factory.fastestJavaInstance().fastCompressor();
        measure("lz4", bodies, body -> lz4.compress(body, 0, body.length, out, 0, out.length));
    }

    private static void measure(String name, byte[][] bodies, ToIntFunction<byte[]> compress) {
        long in = 0;
        long compressed = 0;
        long nanos = 0;
        for (int round = 0; round < 5; round++) {
            in = 0;
            compressed = 0;
            long start = System.nanoTime();
            for (byte[] body : bodies) {
                in += body.length;
                compressed += compress.applyAsInt(body);
            }
            nanos = System.nanoTime() - start;
        }
        DispatchBenchmark.print(name + "_body_bytes", (double) in / bodies.length);
        DispatchBenchmark.print(name + "_compressed_bytes", (double) compressed / bodies.length);
        DispatchBenchmark.print(name + "_ratio", (double) compressed / in);
        DispatchBenchmark.print(name + "_us_per_body", nanos / 1e3 / bodies.length);
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
