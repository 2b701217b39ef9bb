package com.statalog.webhooks.registry.limit;

/** A create that would take an account past one of its limits; answered 409 naming the limit and its value. */
public class LimitReachedException extends RuntimeException {

    private final LimitedResource resource;
    private final int limit;

    LimitReachedException(LimitedResource resource, int limit) {
        super("the account has reached its limit of " + limit + " " + resource.wireName().replace('_', ' '), null, false, false);
        this.resource = resource;
        this.limit = limit;
    }

    public LimitedResource resource() {
        return resource;
    }

    public int limit() {
        return limit;
    }
}
