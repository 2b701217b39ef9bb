package com.statalog.webhooks.registry.dispatcher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.statalog.webhooks.contracts.internal.UrlCheck;
import com.statalog.webhooks.contracts.internal.UrlCheckRequest;
import com.statalog.webhooks.registry.problem.InvalidFieldException;

/** Asks the dispatcher whether a webhook may target a URL, when a webhook is saved with a new URL. */
@ApplicationScoped
public class TargetUrls {

    private static final Logger LOG = Logger.getLogger(TargetUrls.class);

    private final DispatcherClient dispatcher;

    TargetUrls(@RestClient DispatcherClient dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Returns if the URL is acceptable; else 422 naming the url field, or 503 if the dispatcher cannot be asked. */
    public void requireAllowed(String url) {
        UrlCheck check;
        try {
            check = dispatcher.checkUrl(new UrlCheckRequest(url));
        } catch (ProcessingException | WebApplicationException e) {
            LOG.warnf("cannot ask the dispatcher to check a target URL: %s", e.getMessage());
            throw new ServiceUnavailableException(5L,
                    new IllegalStateException("the dispatcher, which checks target URLs, cannot be asked right now; retry shortly"));
        }
        if (!check.allowed()) {
            throw new InvalidFieldException(422, "url", check.reason() + " (" + check.error() + ")");
        }
    }
}
