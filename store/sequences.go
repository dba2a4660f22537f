package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// AssignSequences returns the SEQUENCE of every event about to be exported,
// in one transaction. Event i has the UID uids[i] and the content hash
// contentHashes[i] (a digest of what the export writes about it); the
// result has one number per event, in the same order. A UID seen for the
// first time starts at 0; a UID whose content changed since its last
// export goes up by one; an unchanged one keeps its number. Events sharing
// a UID (a recurring event and its overrides) share one number. It
// implements calendar.Sequencer.
func (db *DB) AssignSequences(ctx context.Context, uids, contentHashes []string) ([]int, error) {
	if len(uids) != len(contentHashes) {
		return nil, fmt.Errorf("assign calendar sequences: %d uids but %d content hashes", len(uids), len(contentHashes))
	}
	hashes := map[string][]string{}
	for i, uid := range uids {
		hashes[uid] = append(hashes[uid], contentHashes[i])
	}
	seq := make(map[string]int, len(hashes))
	now := FormatInstant(db.Now())
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		get, err := tx.PrepareContext(ctx, `SELECT hash, sequence FROM calendar_sequences WHERE uid = ?`)
		if err != nil {
			return err
		}
		defer get.Close()
		put, err := tx.PrepareContext(ctx, `INSERT INTO calendar_sequences(uid, hash, sequence, changed_utc)
			VALUES (?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET hash = excluded.hash,
			sequence = excluded.sequence, changed_utc = excluded.changed_utc`)
		if err != nil {
			return err
		}
		defer put.Close()
		for uid, hs := range hashes {
			sum := combine(hs)
			var old string
			var n int
			err := get.QueryRowContext(ctx, uid).Scan(&old, &n)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				n = 0
			case err != nil:
				return fmt.Errorf("sequence of uid %q: %w", uid, err)
			case old == sum:
				seq[uid] = n
				continue
			default:
				n++
			}
			if _, err := put.ExecContext(ctx, uid, sum, n, now); err != nil {
				return fmt.Errorf("sequence of uid %q: %w", uid, err)
			}
			seq[uid] = n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("assign calendar sequences: %w", err)
	}
	out := make([]int, len(uids))
	for i, uid := range uids {
		out[i] = seq[uid]
	}
	return out, nil
}

// combine is one digest of several, independent of their order.
func combine(hs []string) string {
	if len(hs) == 1 {
		return hs[0]
	}
	s := append([]string(nil), hs...)
	sort.Strings(s)
	sum := sha256.Sum256([]byte(strings.Join(s, ",")))
	return hex.EncodeToString(sum[:])
}
