-- Exact distinct visitors: one row per (site, UTC day, visitor). A re-delivered pageview hits
-- the primary key and changes nothing.
CREATE TABLE site_day_visitor (
    site_id     text NOT NULL,
    day         date NOT NULL,
    visitor_id  text NOT NULL,
    PRIMARY KEY (site_id, day, visitor_id)
);

-- The daily totals, kept in step with site_day_visitor by the same statement, so that reading a
-- day's total never counts rows. imported = the total was set by an operator (history import).
CREATE TABLE daily_visitors (
    site_id   text    NOT NULL,
    day       date    NOT NULL,
    visitors  bigint  NOT NULL,
    imported  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (site_id, day)
);
