-- The emergency kit: how each member wants to be reached about something
-- urgent and how soon they answer; the emergency protocol's versions, its
-- reviews, review cadence and critical links; the chat webhooks alerts are
-- posted to.
ALTER TABLE members ADD COLUMN urgent_channel TEXT NOT NULL DEFAULT ''
    CHECK (urgent_channel IN ('', 'phone', 'email', 'chat'));
ALTER TABLE members ADD COLUMN response TEXT NOT NULL DEFAULT ''; -- '' means the default expectation

-- Every saved text of the protocol. The author is a name, not a reference,
-- so that the history outlives the member.
CREATE TABLE protocol_versions (
    id     INTEGER PRIMARY KEY,
    at_utc TEXT NOT NULL, -- RFC 3339, UTC, no fraction: sorts as text
    author TEXT NOT NULL DEFAULT '',
    text   TEXT NOT NULL
);
CREATE INDEX protocol_versions_at ON protocol_versions(at_utc);

CREATE TABLE protocol_reviews (
    id         INTEGER PRIMARY KEY,
    at_utc     TEXT NOT NULL,
    reviewer   TEXT NOT NULL DEFAULT '',
    version_id INTEGER REFERENCES protocol_versions(id) ON DELETE SET NULL
);
CREATE INDEX protocol_reviews_at ON protocol_reviews(at_utc);

-- One row: the review cadence (0 turns reviews off).
CREATE TABLE protocol_settings (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    review_every_days INTEGER NOT NULL DEFAULT 90 CHECK (review_every_days BETWEEN 0 AND 3650)
);

CREATE TABLE critical_links (
    position INTEGER PRIMARY KEY,
    title    TEXT NOT NULL,
    target   TEXT NOT NULL -- a URL or a vault path, never a secret
);

-- Chat webhooks. url and token are secrets, kept here in the database file
-- (mode 0600): see "Known limitations" in the README.
CREATE TABLE webhooks (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    service TEXT NOT NULL,
    url     TEXT NOT NULL,
    room    TEXT NOT NULL DEFAULT '', -- Matrix room ID
    token   TEXT NOT NULL DEFAULT ''  -- Matrix access token
);

-- The protocol written before this version becomes the first version on
-- record, by nobody in particular, as of the upgrade.
INSERT INTO protocol_versions(at_utc, author, text)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '', protocol FROM escalation_policy WHERE id = 1 AND protocol <> '';
