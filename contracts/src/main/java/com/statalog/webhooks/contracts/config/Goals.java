package com.statalog.webhooks.contracts.config;

import java.util.List;

/** A goal.converted filter: goals by id or by name; absent (null) means every goal. */
public record Goals(List<Long> ids, List<String> names) {

    public Goals {
        ids = ids == null ? List.of() : List.copyOf(ids);
        names = names == null ? List.of() : List.copyOf(names);
    }
}
