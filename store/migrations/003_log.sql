-- The 1:1 and async update log: 1:1s with action items, a cadence per member,
-- async updates with tags, and a full-text index over all of their text.
CREATE TABLE one_on_ones (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE RESTRICT,
    at_utc    TEXT NOT NULL, -- RFC 3339, UTC, no fraction: sorts as text
    notes     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX one_on_ones_member ON one_on_ones(member_id, at_utc);
CREATE INDEX one_on_ones_at ON one_on_ones(at_utc);

-- An action item is listed under one 1:1; carrying it forward moves it to
-- the next 1:1, and raised keeps the date it was first agreed.
CREATE TABLE action_items (
    id            INTEGER PRIMARY KEY,
    one_on_one_id INTEGER NOT NULL REFERENCES one_on_ones(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    owner         TEXT NOT NULL DEFAULT '',
    due           TEXT NOT NULL DEFAULT '', -- "2026-12-01" or '' for none
    done          INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    raised        TEXT NOT NULL             -- "2026-11-02"
);
CREATE INDEX action_items_one_on_one ON action_items(one_on_one_id, position);
CREATE INDEX action_items_open ON action_items(done, due);

CREATE TABLE updates (
    id        INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES members(id) ON DELETE RESTRICT,
    at_utc    TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('status', 'decision', 'blocker', 'win')),
    text      TEXT NOT NULL
);
CREATE INDEX updates_at ON updates(at_utc);
CREATE INDEX updates_kind ON updates(kind, at_utc);
CREATE INDEX updates_author ON updates(author_id, at_utc);

CREATE TABLE update_tags (
    update_id INTEGER NOT NULL REFERENCES updates(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (update_id, tag)
);
CREATE INDEX update_tags_tag ON update_tags(tag);

-- A member's 1:1 rhythm; no row means no cadence.
CREATE TABLE cadences (
    member_id   INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    every_weeks INTEGER NOT NULL CHECK (every_weeks IN (1, 2, 4)),
    meet_at     TEXT NOT NULL DEFAULT '10:00', -- agreed local time in the member's zone
    minutes     INTEGER NOT NULL DEFAULT 30 CHECK (minutes BETWEEN 5 AND 480)
);

-- Full-text index over notes, action items and updates. The rowid says what
-- a row indexes: id * 4 + 1 for a 1:1's notes, + 2 for an action item, + 3
-- for an update. The triggers below keep it in step in the same transaction.
CREATE VIRTUAL TABLE log_search USING fts5(body, tags, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER one_on_ones_ai AFTER INSERT ON one_on_ones BEGIN
    INSERT INTO log_search(rowid, body, tags) VALUES (new.id * 4 + 1, new.notes, '');
END;
CREATE TRIGGER one_on_ones_au AFTER UPDATE OF notes ON one_on_ones
WHEN old.notes IS NOT new.notes BEGIN
    UPDATE log_search SET body = new.notes WHERE rowid = new.id * 4 + 1;
END;
CREATE TRIGGER one_on_ones_ad AFTER DELETE ON one_on_ones BEGIN
    DELETE FROM log_search WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER action_items_ai AFTER INSERT ON action_items BEGIN
    INSERT INTO log_search(rowid, body, tags) VALUES (new.id * 4 + 2, new.text, new.owner);
END;
CREATE TRIGGER action_items_au AFTER UPDATE OF text, owner ON action_items
WHEN old.text IS NOT new.text OR old.owner IS NOT new.owner BEGIN
    UPDATE log_search SET body = new.text, tags = new.owner WHERE rowid = new.id * 4 + 2;
END;
CREATE TRIGGER action_items_ad AFTER DELETE ON action_items BEGIN
    DELETE FROM log_search WHERE rowid = old.id * 4 + 2;
END;

CREATE TRIGGER updates_ai AFTER INSERT ON updates BEGIN
    INSERT INTO log_search(rowid, body, tags) VALUES (new.id * 4 + 3, new.text, '');
END;
CREATE TRIGGER updates_au AFTER UPDATE OF text ON updates BEGIN
    UPDATE log_search SET body = new.text WHERE rowid = new.id * 4 + 3;
END;
CREATE TRIGGER updates_ad AFTER DELETE ON updates BEGIN
    DELETE FROM log_search WHERE rowid = old.id * 4 + 3;
END;

CREATE TRIGGER update_tags_ai AFTER INSERT ON update_tags BEGIN
    UPDATE log_search SET tags = (SELECT group_concat(tag, ' ') FROM update_tags WHERE update_id = new.update_id)
        WHERE rowid = new.update_id * 4 + 3;
END;
CREATE TRIGGER update_tags_ad AFTER DELETE ON update_tags BEGIN
    UPDATE log_search SET tags = coalesce((SELECT group_concat(tag, ' ') FROM update_tags WHERE update_id = old.update_id), '')
        WHERE rowid = old.update_id * 4 + 3;
END;

-- Rank hits with bm25, text counting twice as much as tags and owners.
INSERT INTO log_search(log_search, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
