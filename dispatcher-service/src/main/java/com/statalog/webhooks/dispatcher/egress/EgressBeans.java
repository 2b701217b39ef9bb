package com.statalog.webhooks.dispatcher.egress;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.statalog.webhooks.dispatcher.DispatcherConfig;

/** The egress rules as a bean, with the system resolver and the configured private-target switch. */
public class EgressBeans {

    @Produces
    @Singleton
    UrlPolicy urlPolicy(DispatcherConfig config) {
        return new UrlPolicy(config.allowPrivateTargets(), HostResolver.system());
    }
}
