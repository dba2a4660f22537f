-- Sharing with the team: the servers the team's calendars and team bundle
-- are published to, and where a database that follows a team published by
-- someone else takes it from. Passwords are never stored here: they live in
-- the desktop keyring.
CREATE TABLE publish_targets (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind         TEXT NOT NULL CHECK (kind IN ('caldav', 'webdav')),
    url          TEXT NOT NULL,
    username     TEXT NOT NULL DEFAULT '',
    feed         TEXT NOT NULL,            -- "rotation:NAME", "member:NAME", "oncall", "meetings", "team"
    state        TEXT NOT NULL DEFAULT '', -- JSON: what the publish remembers of the server
    last_run_utc TEXT NOT NULL DEFAULT '', -- RFC 3339, UTC; '' before the first run
    last_result  TEXT NOT NULL DEFAULT '', -- JSON {"target","created",...,"error"}
    last_ok_utc  TEXT NOT NULL DEFAULT ''  -- when a run last ended without error
);

-- At most one row: this database follows the team bundle at url. While it
-- does, the team (members, time off, rotations, overrides, the escalation
-- policy) changes only through a refresh, which sets writing inside its own
-- transaction; the log stays this database's own.
CREATE TABLE following (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    url         TEXT NOT NULL,
    username    TEXT NOT NULL DEFAULT '',
    etag        TEXT NOT NULL DEFAULT '',
    updated_utc TEXT NOT NULL DEFAULT '', -- when the bundle last changed the team here
    checked_utc TEXT NOT NULL DEFAULT '', -- when a refresh last reached the server
    last_error  TEXT NOT NULL DEFAULT '', -- what the last failed refresh said
    writing     INTEGER NOT NULL DEFAULT 0 CHECK (writing IN (0, 1))
);

-- The team's tables refuse every write while this database follows a team,
-- except the refresh's (writing = 1): whatever path a change takes.
CREATE TRIGGER members_insert_following BEFORE INSERT ON members
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER members_update_following BEFORE UPDATE ON members
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER members_delete_following BEFORE DELETE ON members
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER time_off_insert_following BEFORE INSERT ON time_off
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER time_off_update_following BEFORE UPDATE ON time_off
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER time_off_delete_following BEFORE DELETE ON time_off
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER rotations_insert_following BEFORE INSERT ON rotations
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER rotations_update_following BEFORE UPDATE ON rotations
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER rotations_delete_following BEFORE DELETE ON rotations
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER rotation_members_insert_following BEFORE INSERT ON rotation_members
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER rotation_members_update_following BEFORE UPDATE ON rotation_members
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER rotation_members_delete_following BEFORE DELETE ON rotation_members
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER overrides_insert_following BEFORE INSERT ON overrides
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER overrides_update_following BEFORE UPDATE ON overrides
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER overrides_delete_following BEFORE DELETE ON overrides
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER escalation_policy_insert_following BEFORE INSERT ON escalation_policy
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER escalation_policy_update_following BEFORE UPDATE ON escalation_policy
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER escalation_policy_delete_following BEFORE DELETE ON escalation_policy
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER escalation_levels_insert_following BEFORE INSERT ON escalation_levels
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER escalation_levels_update_following BEFORE UPDATE ON escalation_levels
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER escalation_levels_delete_following BEFORE DELETE ON escalation_levels
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER escalation_targets_insert_following BEFORE INSERT ON escalation_targets
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER escalation_targets_update_following BEFORE UPDATE ON escalation_targets
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
CREATE TRIGGER escalation_targets_delete_following BEFORE DELETE ON escalation_targets
WHEN EXISTS (SELECT 1 FROM following WHERE writing = 0) BEGIN
    SELECT RAISE(ABORT, 'remotecto: read-only follower');
END;
