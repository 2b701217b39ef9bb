package com.statalog.webhooks.registry.outbox;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while no batch of the outbox relay hangs: a batch waits at most 30 s for Kafka's
 * acknowledgements and fails fast when PostgreSQL is down, so one running for {@link #STUCK} is
 * stuck, and with it every configuration change of every account. Restarting the process is then
 * the way out; a relay that merely fails (Kafka or PostgreSQL down) stays live and retries.
 */
@Liveness
@ApplicationScoped
public class OutboxRelayLiveness implements HealthCheck {

    static final Duration STUCK = Duration.ofMinutes(3);

    private final OutboxRelay relay;

    OutboxRelayLiveness(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<Duration> running = relay.batchRunningFor();
        boolean stuck = running.isPresent() && running.get().compareTo(STUCK) > 0;
        return HealthCheckResponse.named("outbox-relay").status(!stuck)
                .withData("batch", running.map(duration -> "running for " + duration.toSeconds() + " s").orElse("none running"))
                .build();
    }
}
