-- What every exported calendar event looked like when it was last exported,
-- so that a changed event keeps its UID and gets a higher SEQUENCE.
CREATE TABLE calendar_sequences (
    uid       TEXT PRIMARY KEY,
    hash      TEXT NOT NULL,              -- calendar.ContentHash of the event(s)
    sequence  INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    changed_utc TEXT NOT NULL             -- when the sequence last changed
);
