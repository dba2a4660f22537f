-- The roster, time off, on-call rotations and the escalation policy.
CREATE TABLE members (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role       TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    chat       TEXT NOT NULL DEFAULT '',
    zone       TEXT NOT NULL,
    hours      TEXT NOT NULL DEFAULT '{}', -- JSON {"mon": "09:00-17:00", ...}
    acceptable TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE time_off (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    start_utc TEXT NOT NULL, -- RFC 3339, UTC, no fraction: sorts as text
    end_utc   TEXT NOT NULL,
    all_day   INTEGER NOT NULL DEFAULT 0,
    summary   TEXT NOT NULL DEFAULT '',
    source    TEXT NOT NULL DEFAULT '',
    uid       TEXT NOT NULL DEFAULT '', -- identity in the source calendar
    CHECK (end_utc > start_utc)
);
CREATE INDEX time_off_member ON time_off(member_id, start_utc);
CREATE UNIQUE INDEX time_off_uid ON time_off(member_id, uid) WHERE uid <> '';

CREATE TABLE rotations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    shift      TEXT NOT NULL,          -- "12h", "1d", "1w"
    handoff    TEXT NOT NULL,          -- "09:00"
    zone       TEXT NOT NULL,
    start_date TEXT NOT NULL,          -- "2026-03-02"
    coverage   TEXT NOT NULL DEFAULT '' -- "08:00-16:00" or '' for all day
);

CREATE TABLE rotation_members (
    rotation_id INTEGER NOT NULL REFERENCES rotations(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE RESTRICT,
    PRIMARY KEY (rotation_id, position)
);
CREATE INDEX rotation_members_member ON rotation_members(member_id);

CREATE TABLE overrides (
    id          INTEGER PRIMARY KEY,
    rotation_id INTEGER NOT NULL REFERENCES rotations(id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE RESTRICT,
    start_utc   TEXT NOT NULL,
    end_utc     TEXT NOT NULL,
    CHECK (end_utc > start_utc)
);
CREATE INDEX overrides_rotation ON overrides(rotation_id, start_utc);
CREATE INDEX overrides_member ON overrides(member_id);

-- One escalation policy for the team.
CREATE TABLE escalation_policy (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    repeat   INTEGER NOT NULL DEFAULT 0,
    protocol TEXT NOT NULL DEFAULT ''
);

CREATE TABLE escalation_levels (
    id            INTEGER PRIMARY KEY,
    position      INTEGER NOT NULL UNIQUE,
    after_minutes INTEGER NOT NULL
);

CREATE TABLE escalation_targets (
    level_id    INTEGER NOT NULL REFERENCES escalation_levels(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    rotation_id INTEGER REFERENCES rotations(id) ON DELETE RESTRICT,
    member_id   INTEGER REFERENCES members(id) ON DELETE RESTRICT,
    PRIMARY KEY (level_id, position),
    CHECK ((rotation_id IS NULL) <> (member_id IS NULL))
);
CREATE INDEX escalation_targets_rotation ON escalation_targets(rotation_id);
CREATE INDEX escalation_targets_member ON escalation_targets(member_id);
