package com.statalog.webhooks.benchmark;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

import com.sun.management.ThreadMXBean;

/**
 * The delivery log at scale (docs/performance.md): a scratch database with the registry's schema
 * is loaded with {@code ATTEMPTS} attempts over 30 daily partitions, then measured with the
 * registry's own statements (read from its source): the insert cost per delivery (CPU of the
 * writer and of its PostgreSQL backend, WAL) of the service's way (COPY into a staging table,
 * then one upsert), of the same upsert as a JDBC batch of one row each (the way before), and of
 * the floor, COPY into a table without an index; the API's list latency (p50/p99) for a heavy and a light webhook, first and deep pages,
 * with and without a filter; retention (dropping a day against deleting it); and the size per day.
 * Prints key=value lines.
 */
public final class DeliveryLogBenchmark {

    private static final int DAYS = 30;
    /** Light webhooks: a prime, so that no light webhook gets only one kind of delivery. */
    private static final int WEBHOOKS = 997;
    /** One delivery in five (blocks of 100) belongs to one heavy webhook (the list's worst case); the rest are spread over the others. */
    private static final int HEAVY_SHARE = 5;
    /** Attempts per delivery in the load: 97 % one, 2 % three (delivered after retries), 1 % six (dropped). */
    private static final double ATTEMPTS_PER_DELIVERY = 0.97 + 0.02 * 3 + 0.01 * 6;
    private static final int BATCH = 500;
    private static final int INSERTED = 200_000;
    private static final int LIST_RUNS = 200;

    private final String url;
    private final String user;
    private final Path registrySources;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private DeliveryLogBenchmark(String url, String user, Path registrySources) {
        this.url = url;
        this.user = user;
        this.registrySources = registrySources;
    }

    public static void main(String[] args) throws Exception {
        long attempts = args.length > 2 ? Long.parseLong(args[2]) : 20_000_000L;
        new DeliveryLogBenchmark(args[0], args[1], Path.of(args.length > 3 ? args[3] : "registry-service/src/main/java"))
                .run(attempts);
    }

    private void run(long attempts) throws Exception {
        long deliveries = (long) Math.ceil(attempts / ATTEMPTS_PER_DELIVERY);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        load(today, deliveries);
        sizing(today);
        insertCost(today);
        listLatency();
        retention(today);
        figures.forEach((key, value) -> System.out.println(key + "=" + value));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    // ---- load ------------------------------------------------------------------------------------

    private void load(LocalDate today, long deliveries) throws Exception {
        long perDay = deliveries / DAYS;
        long started = System.nanoTime();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (int day = DAYS; day >= 0; day--) {
                statement.execute("SELECT delivery_partition(DATE '" + today.minusDays(day) + "')");
            }
        }
        // two loaders: one per core
        ExecutorService loaders = Executors.newFixedThreadPool(2);
        List<Future<?>> days = new ArrayList<>();
        for (int day = DAYS; day >= 1; day--) {
            LocalDate date = today.minusDays(day);
            days.add(loaders.submit(() -> loadDay(date, perDay)));
        }
        for (Future<?> day : days) {
            day.get();
        }
        loaders.shutdown();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE delivery");
            try (ResultSet counted = statement.executeQuery(
                    "SELECT count(*), sum(jsonb_array_length(attempts)) FROM delivery")) {
                counted.next();
                figures.put("loaded_deliveries", counted.getLong(1));
                figures.put("loaded_attempts", counted.getLong(2));
            }
        }
        figures.put("load_s", seconds(started));
    }

    private Void loadDay(LocalDate day, long perDay) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO delivery (webhook_id, id, account_id, created_at, ended_at, replay, last_attempt, test, event,
                                          site_id, status, attempts, body)
                    SELECT w, md5('%1$s/' || g)::uuid, md5('a' || w)::uuid, at, at + (n - 1) * interval '5 minutes', 0, n, false,
                           'goal.converted', 'ST-' || (g %% %3$s), CASE WHEN n = 6 THEN 'dropped' ELSE 'delivered' END,
                           (SELECT jsonb_agg(jsonb_build_object('replay', 0, 'attempt', a, 'at', at + (a - 1) * interval '5 minutes',
                                   'status_code', CASE WHEN a = 3 OR n = 1 THEN 200 ELSE 500 END,
                                   'error', CASE WHEN a = 3 OR n = 1 THEN NULL ELSE 'http_status' END,
                                   'duration_ms', 20 + g %% 200, 'response_excerpt', 'ok'))
                            FROM generate_series(1, n) a),
                           convert_to(format('{"type":"goal.converted","id":"%%s","created_at":"%%s","data":{"site_id":"ST-%%s",'
                               || '"goal_id":%%s,"goal_name":"Signup","visitor_id":"%%s","session_id":"%%s","url":"https://example.com/pricing",'
                               || '"referrer":"https://www.google.com/","country":"DE","device":"desktop","browser":"Firefox"}}',
                               md5('%1$s/' || g), at, g %% %3$s, g %% 50, md5('v' || g), md5('s' || g)), 'UTF8')
                    FROM (SELECT g,
                                 CASE WHEN (g / 100) %% %4$s = 0 THEN md5('heavy')::uuid ELSE md5('w' || (g %% %3$s))::uuid END AS w,
                                 TIMESTAMPTZ '%1$s 00:00:00+00' + (g * 86400.0 / %2$s) * interval '1 second' AS at,
                                 CASE WHEN g %% 100 = 0 THEN 6 WHEN g %% 100 < 3 THEN 3 ELSE 1 END AS n
                          FROM generate_series(0, %2$s - 1) g) rows
                    """.formatted(day, perDay, WEBHOOKS, HEAVY_SHARE));
        }
        return null;
    }

    // ---- insert cost -------------------------------------------------------------------------------

    /** One delivered-at-first-attempt record, as the registry binds it (attempts as the API's JSON). */
    private record Row(UUID webhook, UUID id, UUID account, Instant createdAt, String attempts, byte[] body) {
    }

    private List<Row> rows(Instant from, int count) {
        return rows(from, count, true);
    }

    /**
     * Rows as the service writes them; {@code headers} false: as it wrote them before attempts
     * carried their request and response headers (a delivery you can open, issue 25).
     */
    private List<Row> rows(Instant from, int count, boolean headers) {
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant at = from.plusNanos(i * 1_000L);
            UUID webhook = UUID.nameUUIDFromBytes(("w" + (i % 50)).getBytes());
            UUID delivery = UUID.randomUUID();
            String attempts = "[{\"replay\":0,\"attempt\":1,\"at\":\"" + at + "\",\"status_code\":200,\"error\":null,"
                    + "\"duration_ms\":" + (20 + i % 200) + ",\"response_excerpt\":\"ok\""
                    + (headers ? "," + headersJson(delivery, at) : "") + "}]";
            byte[] body = ("{\"type\":\"goal.converted\",\"id\":\"" + UUID.randomUUID() + "\",\"created_at\":\"" + at
                    + "\",\"data\":{\"site_id\":\"ST-" + i % 1000 + "\",\"goal_id\":7,\"goal_name\":\"Signup\",\"visitor_id\":\""
                    + UUID.randomUUID() + "\",\"session_id\":\"" + UUID.randomUUID() + "\",\"url\":\"https://example.com/pricing\","
                    + "\"referrer\":\"https://www.google.com/\",\"country\":\"DE\",\"device\":\"desktop\",\"browser\":\"Firefox\"}}")
                    .getBytes();
            rows.add(new Row(webhook, delivery, UUID.nameUUIDFromBytes(("a" + (i % 50)).getBytes()), at, attempts, body));
        }
        return rows;
    }

    /** An attempt's headers as the dispatcher sends them (both signatures) and a typical small answer's. */
    private static String headersJson(UUID delivery, Instant at) {
        String hmac = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
        return "\"request_headers\":{\"Content-Type\":\"application/json\",\"User-Agent\":\"Statalog-Webhooks/1.0.0\","
                + "\"X-Statalog-Event\":\"goal.converted\",\"X-Statalog-Delivery\":\"" + delivery + "\","
                + "\"X-Statalog-Signature\":\"sha256=" + HexFormat.of().formatHex(hmac.getBytes(), 0, 32) + "\","
                + "\"webhook-id\":\"" + delivery + "\",\"webhook-timestamp\":\"" + at.getEpochSecond() + "\","
                + "\"webhook-signature\":\"v1," + hmac + "\"},"
                + "\"response_headers\":{\"content-type\":\"application/json\",\"content-length\":\"11\","
                + "\"date\":\"Mon, 30 Nov 2026 14:29:50 GMT\"}";
    }

    private void insertCost(LocalDate today) throws Exception {
        String service = javaTextBlock("delivery/DeliveryLog.java", "UPSERT");
        String perRow = service.replaceFirst("SELECT .* FROM delivery_staging",
                "VALUES (?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, CAST(? AS jsonb), ?)");
        Instant base = today.atStartOfDay().toInstant(ZoneOffset.UTC).plus(1, ChronoUnit.HOURS);
        // a warm-up, then the measured runs; each variant writes rows of its own
        measure("insert_service", rows(base, 20_000), (connection, rows) -> copyThenUpsert(connection, service, rows));
        measure("insert_service", rows(base.plusSeconds(60), INSERTED), (connection, rows) -> copyThenUpsert(connection, service, rows));
        measure("insert_service_without_headers", rows(base.plusSeconds(90), INSERTED, false),
                (connection, rows) -> copyThenUpsert(connection, service, rows));
        measure("insert_jdbc_batch", rows(base.plusSeconds(120), INSERTED), (connection, rows) -> upsertBatches(connection, perRow, rows));
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE delivery_floor (LIKE delivery)");
        }
        measure("insert_floor_copy", rows(base.plusSeconds(180), INSERTED), (connection, rows) -> {
            for (int from = 0; from < rows.size(); from += BATCH) {
                copy(connection, "delivery_floor", rows.subList(from, Math.min(rows.size(), from + BATCH)));
                connection.commit();
            }
        });
    }

    @FunctionalInterface
    private interface Writer {
        void write(Connection connection, List<Row> rows) throws Exception;
    }

    /** Runs a writer and records its wall time, this thread's CPU, its backend's CPU and WAL, per delivery. */
    private void measure(String name, List<Row> rows, Writer writer) throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            long backend;
            String walBefore;
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT pg_backend_pid(), pg_current_wal_lsn()")) {
                result.next();
                backend = result.getLong(1);
                walBefore = result.getString(2);
            }
            connection.commit();
            double backendSeconds = StackProcesses.cpuSeconds(backend);
            long cpu = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            writer.write(connection, rows);
            double wall = (System.nanoTime() - started) / 1e3;
            double clientUs = (threads.getCurrentThreadCpuTime() - cpu) / 1e3;
            double serverUs = (StackProcesses.cpuSeconds(backend) - backendSeconds) * 1e6;
            long wal;
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT pg_current_wal_lsn() - '" + walBefore + "'::pg_lsn")) {
                result.next();
                wal = result.getLong(1);
            }
            connection.commit();
            int n = rows.size();
            figures.put(name + "_deliveries", n);
            figures.put(name + "_per_s", Math.round(n / (wall / 1e6)));
            figures.put(name + "_client_cpu_us", round(clientUs / n));
            figures.put(name + "_postgres_cpu_us", round(serverUs / n));
            figures.put(name + "_wal_bytes", wal / n);
        }
    }

    private static void upsertBatches(Connection connection, String upsert, List<Row> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                statement.setObject(1, row.webhook());
                statement.setObject(2, row.id());
                statement.setObject(3, row.account());
                statement.setObject(4, row.createdAt().atOffset(ZoneOffset.UTC));
                statement.setObject(5, row.createdAt().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                statement.setInt(6, 0);
                statement.setInt(7, 1);
                statement.setString(8, "goal.converted");
                statement.setString(9, "ST-1");
                statement.setString(10, "delivered");
                statement.setString(11, row.attempts());
                statement.setBytes(12, row.body());
                statement.addBatch();
                if ((i + 1) % BATCH == 0 || i == rows.size() - 1) {
                    statement.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    private void copyThenUpsert(Connection connection, String upsert, List<Row> rows) throws Exception {
        String staging = javaString("delivery/DeliveryLog.java", "STAGING");
        String lastDelivered = javaTextBlock("delivery/DeliveryLog.java", "LAST_DELIVERED");
        try (Statement statement = connection.createStatement()) {
            for (int from = 0; from < rows.size(); from += BATCH) {
                statement.execute(staging);
                copy(connection, "delivery_staging", rows.subList(from, Math.min(rows.size(), from + BATCH)));
                statement.execute(upsert);
                statement.execute(lastDelivered);
                connection.commit();
            }
        }
    }

    private static void copy(Connection connection, String table, List<Row> rows) throws Exception {
        StringBuilder text = new StringBuilder(rows.size() * 700);
        for (Row row : rows) {
            String at = row.createdAt().toString();
            text.append(row.webhook()).append('\t').append(row.id()).append('\t').append(row.account()).append('\t').append(at)
                    .append('\t').append(at).append("\t\\N\t0\t1\tf\tgoal.converted\tST-1\tdelivered\t")
                    .append(row.attempts().replace("\\", "\\\\")).append("\t\\\\x").append(hex(row.body())).append('\n');
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (webhook_id, id, account_id, created_at,"
                + " ended_at, replay_requested_at, replay, last_attempt, test, event, site_id, status, attempts, body) FROM STDIN",
                new StringReader(text.toString()));
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    // ---- list latency ------------------------------------------------------------------------------

    private void listLatency() throws Exception {
        String page = javaTextBlock("delivery/DeliveryHistory.java", "PAGE");
        try (Connection connection = connect()) {
            UUID heavy = uuid(connection, "SELECT md5('heavy')::uuid");
            UUID light = uuid(connection, "SELECT md5('w7')::uuid");
            for (Map.Entry<String, UUID> webhook : Map.of("heavy", heavy, "light", light).entrySet()) {
                UUID account = uuid(connection, "SELECT md5('a' || '" + webhook.getValue() + "')::uuid");
                try (PreparedStatement statement = connection.prepareStatement(page)) {
                    latency(statement, webhook.getKey() + "_first_page", webhook.getValue(), account, null, 0);
                    latency(statement, webhook.getKey() + "_page_20", webhook.getValue(), account, null, 19);
                    latency(statement, webhook.getKey() + "_dropped_first_page", webhook.getValue(), account, "dropped", 0);
                }
            }
        }
    }

    /** p50/p99 of fetching the page {@code skip} pages deep (following cursors, untimed) of 50 deliveries. */
    private void latency(PreparedStatement statement, String name, UUID webhook, UUID account, String status, int skip)
            throws SQLException {
        Object[] cursor = {Instant.parse("9999-12-31T00:00:00Z").atOffset(ZoneOffset.UTC), new UUID(-1L, -1L)};
        for (int i = 0; i < skip; i++) {
            cursor = fetch(statement, webhook, account, status, cursor);
        }
        List<Long> micros = new ArrayList<>();
        for (int run = 0; run < LIST_RUNS; run++) {
            long started = System.nanoTime();
            fetch(statement, webhook, account, status, cursor);
            micros.add((System.nanoTime() - started) / 1_000);
        }
        Collections.sort(micros);
        figures.put("list_" + name + "_p50_ms", micros.get(micros.size() / 2) / 1000.0);
        figures.put("list_" + name + "_p99_ms", micros.get(micros.size() * 99 / 100) / 1000.0);
    }

    /** Reads one page as the API does (51 rows, attempts parsed by the caller's JSON: here read as text); returns the next cursor. */
    private static Object[] fetch(PreparedStatement statement, UUID webhook, UUID account, String status, Object[] cursor)
            throws SQLException {
        statement.setObject(1, webhook);
        statement.setObject(2, account);
        statement.setObject(3, cursor[0]);
        statement.setObject(4, cursor[1]);
        statement.setObject(5, status, Types.VARCHAR);
        statement.setObject(6, status, Types.VARCHAR);
        statement.setObject(7, null, Types.VARCHAR);
        statement.setObject(8, null, Types.VARCHAR);
        statement.setInt(9, 51);
        Object[] next = cursor;
        int rows = 0;
        try (ResultSet result = statement.executeQuery()) {
            while (result.next() && ++rows <= 50) {
                result.getString("attempts");
                next = new Object[] {result.getObject("created_at", OffsetDateTime.class), UUID.fromString(result.getString("id"))};
            }
        }
        return next;
    }

    // ---- retention and sizing ------------------------------------------------------------------------

    private void retention(LocalDate today) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            long started = System.nanoTime();
            statement.execute("DROP TABLE " + partition(today.minusDays(DAYS)));
            figures.put("retention_drop_day_ms", round(seconds(started) * 1000));
            // the baseline: the next day's rows deleted, as retention by DELETE would
            started = System.nanoTime();
            long deleted = statement.executeUpdate("DELETE FROM " + partition(today.minusDays(DAYS - 1)));
            figures.put("retention_delete_day_s", round(seconds(started)));
            figures.put("retention_delete_day_rows", deleted);
        }
    }

    /** Rows and bytes per delivery over the loaded days, and what a day takes at 1 000 and 10 000 deliveries/s. */
    private void sizing(LocalDate today) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("""
                        SELECT sum(c.reltuples)::bigint, sum(pg_table_size(c.oid)), sum(pg_indexes_size(c.oid)), count(*)
                        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'delivery'::regclass AND c.relname <> '%s'
                        """.formatted(partition(today)))) {
            result.next();
            long rows = result.getLong(1);
            double table = (double) result.getLong(2) / rows;
            double indexes = (double) result.getLong(3) / rows;
            figures.put("size_days", result.getLong(4));
            figures.put("size_rows", rows);
            figures.put("size_table_bytes_per_delivery", round(table));
            figures.put("size_index_bytes_per_delivery", round(indexes));
            for (int rate : new int[] {1_000, 10_000}) {
                double perDay = rate * 86_400.0;
                figures.put("size_day_at_" + rate + "_per_s_rows", (long) perDay);
                figures.put("size_day_at_" + rate + "_per_s_table_gb", round(perDay * table / 1e9));
                figures.put("size_day_at_" + rate + "_per_s_index_gb", round(perDay * indexes / 1e9));
                figures.put("size_30_days_at_" + rate + "_per_s_tb", round(30 * perDay * (table + indexes) / 1e12));
            }
        }
    }

    private static String partition(LocalDate day) {
        return "delivery_" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** A {@code static final String NAME = """...""";} of the registry's source, formatted as the class does. */
    private String javaTextBlock(String file, String name) throws IOException {
        String source = Files.readString(registrySources.resolve("com/statalog/webhooks/registry").resolve(file));
        Matcher block = Pattern.compile("String " + name + " = \"\"\"\\n(.*?)\"\"\"(\\.formatted\\(([A-Z_, ]+)\\))?;", Pattern.DOTALL)
                .matcher(source);
        if (!block.find()) {
            return javaString(file, name);
        }
        String text = block.group(1).stripIndent();
        if (block.group(3) != null) {
            String[] arguments = block.group(3).split(",\\s*");
            Object[] values = new Object[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                values[i] = javaTextBlock(file, arguments[i]);
            }
            text = text.formatted(values);
        }
        return text;
    }

    /** A {@code static final String NAME = "..." + "...";} of the registry's source. */
    private String javaString(String file, String name) throws IOException {
        String source = Files.readString(registrySources.resolve("com/statalog/webhooks/registry").resolve(file));
        Matcher literal = Pattern.compile("String " + name + " = ((?:\\s*\\+?\\s*\"[^\"]*\")+);").matcher(source);
        if (!literal.find()) {
            throw new IllegalStateException(name + " not found in " + file);
        }
        StringBuilder text = new StringBuilder();
        Matcher part = Pattern.compile("\"([^\"]*)\"").matcher(literal.group(1));
        while (part.find()) {
            text.append(part.group(1));
        }
        return text.toString();
    }

    private static UUID uuid(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return UUID.fromString(result.getString(1));
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
