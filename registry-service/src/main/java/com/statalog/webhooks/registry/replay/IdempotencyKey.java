package com.statalog.webhooks.registry.replay;

import com.statalog.webhooks.registry.problem.InvalidFieldException;

/** The optional {@code Idempotency-Key} request header: 1 to 255 visible ASCII characters. */
final class IdempotencyKey {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /** The key, or null when there is none; a malformed key is refused. */
    static String check(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw InvalidFieldException.badRequest(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        return key;
    }
}
