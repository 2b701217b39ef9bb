-- The registry's configuration, as far as traffic anomalies need it (from statalog.webhook-config).
CREATE TABLE site_account (
    site_id     text PRIMARY KEY,
    account_id  uuid NOT NULL
);

-- Enabled webhooks subscribed to traffic.spike and/or traffic.drop; site_id NULL = all the account's sites.
CREATE TABLE traffic_subscription (
    webhook_id           uuid          PRIMARY KEY,
    account_id           uuid          NOT NULL,
    site_id              text,
    spike                boolean       NOT NULL,
    drop                 boolean       NOT NULL,
    spike_threshold_pct  numeric(9,2)  NOT NULL,
    drop_threshold_pct   numeric(9,2)  NOT NULL
);
CREATE INDEX traffic_subscription_site_idx ON traffic_subscription (site_id);
CREATE INDEX traffic_subscription_account_idx ON traffic_subscription (account_id) WHERE site_id IS NULL;

-- Exactly one event per (site, day, event type): the row is claimed before the event is published.
CREATE TABLE anomaly_ledger (
    site_id             text          NOT NULL,
    day                 date          NOT NULL,
    event_type          text          NOT NULL,
    visitors_yesterday  bigint        NOT NULL,
    visitors_average    numeric(20,1) NOT NULL,
    change_pct          numeric(12,1) NOT NULL,
    evaluated_at        timestamptz   NOT NULL,
    published_at        timestamptz,
    PRIMARY KEY (site_id, day, event_type)
);
CREATE INDEX anomaly_ledger_unpublished_idx ON anomaly_ledger (evaluated_at) WHERE published_at IS NULL;

-- Days whose evaluation completed, so that a start after downtime knows which days it missed.
CREATE TABLE evaluation_run (
    day           date        PRIMARY KEY,
    completed_at  timestamptz NOT NULL
);
