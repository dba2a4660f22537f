-- Who uses this database and how the desktop app reaches them: a key/value
-- settings table (who I am, reminder choices, the last instant the app was
-- running) and the reminders already shown, so that each fires once.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE fired_reminders (
    key       TEXT PRIMARY KEY, -- reminders.Reminder.Key: the event and lead time
    at_utc    TEXT NOT NULL,    -- when it was due: RFC 3339, UTC, no fraction
    fired_utc TEXT NOT NULL     -- when the app showed it
) WITHOUT ROWID;
CREATE INDEX fired_reminders_at ON fired_reminders(at_utc);

-- Deleting the member I am clears who I am, so that a member added later
-- under a reused id does not become me.
CREATE TRIGGER members_delete_me AFTER DELETE ON members BEGIN
    DELETE FROM settings WHERE key = 'me.member_id' AND value = CAST(old.id AS TEXT);
END;
