package com.statalog.webhooks.dispatcher.egress;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.contracts.internal.UrlCheck;
import com.statalog.webhooks.contracts.internal.UrlCheckRequest;
import com.statalog.webhooks.dispatcher.auth.ServiceAuthentication;

/** Lets the registry ask, when a webhook is saved, whether its URL may be a target: one set of egress rules, here. */
@Path("/internal/v1/url-checks")
@Tag(name = "Internal (service token)")
@RolesAllowed(ServiceAuthentication.SERVICE)
public class UrlCheckResource {

    private final UrlPolicy policy;

    UrlCheckResource(UrlPolicy policy) {
        this.policy = policy;
    }

    @POST
    @Operation(operationId = "checkTargetUrl", summary = "Check whether a target URL may be delivered to")
    public UrlCheck check(UrlCheckRequest request) {
        if (request == null || request.url() == null) {
            throw new BadRequestException("url is required");
        }
        UrlVerdict verdict = policy.checkForAccounts(request.url());
        return new UrlCheck(verdict.allowed(), verdict.errorKind(), verdict.reason());
    }
}
