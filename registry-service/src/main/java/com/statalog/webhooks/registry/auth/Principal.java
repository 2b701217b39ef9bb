package com.statalog.webhooks.registry.auth;

import java.util.UUID;

/** Who is calling: the operator, one account (through one of its API keys), or another of our services. */
public sealed interface Principal {

    record Operator() implements Principal {
    }

    record Account(UUID accountId) implements Principal {
    }

    record Service() implements Principal {
    }
}
