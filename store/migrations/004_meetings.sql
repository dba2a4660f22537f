-- Saved meetings and meeting series from the overlap planner.
CREATE TABLE meeting_series (
    id       INTEGER PRIMARY KEY,
    title    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    zone     TEXT NOT NULL,             -- IANA zone the times were planned in (TZID on export)
    members  TEXT NOT NULL DEFAULT '[]', -- JSON list of member names
    uid      TEXT NOT NULL UNIQUE,      -- stable identity of the exported events
    sequence INTEGER NOT NULL DEFAULT 0 -- bumped on every change (SEQUENCE on export)
);

CREATE TABLE meeting_occurrences (
    series_id INTEGER NOT NULL REFERENCES meeting_series(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    start_utc TEXT NOT NULL, -- RFC 3339, UTC, no fraction: sorts as text
    end_utc   TEXT NOT NULL,
    PRIMARY KEY (series_id, position),
    CHECK (end_utc > start_utc)
);
CREATE INDEX meeting_occurrences_start ON meeting_occurrences(start_utc);
