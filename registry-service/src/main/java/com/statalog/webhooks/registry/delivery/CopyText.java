package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Rows of the delivery log in PostgreSQL's COPY text format, in the column order of
 * {@code DeliveryLog.COLUMNS}: tab-separated, {@code \N} for NULL, and every backslash, tab,
 * newline and carriage return in a value escaped — a response excerpt is whatever an endpoint
 * answered. NUL characters, which no PostgreSQL text may hold, are dropped rather than failing the
 * batch for ever.
 */
final class CopyText {

    private static final String NULL = "\\N";

    private CopyText() {
    }

    static String of(List<LogRow> rows, Function<List<DeliveryDetail.Attempt>, String> attemptsJson) {
        StringBuilder text = new StringBuilder(rows.size() * 768);
        for (LogRow row : rows) {
            text.append(row.webhookId()).append('\t').append(row.id()).append('\t').append(row.accountId()).append('\t')
                    .append(row.createdAt()).append('\t').append(instant(row.endedAt())).append('\t').append(row.replay())
                    .append('\t').append(row.lastAttempt()).append(row.test() ? "\tt\t" : "\tf\t");
            escaped(text, row.event()).append('\t');
            escaped(text, row.siteId()).append('\t');
            escaped(text, row.status()).append('\t');
            escaped(text, attemptsJson.apply(row.attempts())).append('\t');
            // bytea in hex: "\x…", its backslash escaped for COPY
            text.append(row.body() == null ? NULL : "\\\\x" + HexFormat.of().formatHex(row.body())).append('\n');
        }
        return text.toString();
    }

    private static String instant(Instant at) {
        return at == null ? NULL : at.toString();
    }

    private static StringBuilder escaped(StringBuilder text, String value) {
        if (value == null) {
            return text.append(NULL);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\0' -> { }
                default -> text.append(c);
            }
        }
        return text;
    }
}
