package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
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
	// The UIDs in sorted order: the reads and writes walk the table's index
	// from one end to the other instead of jumping about in it.
	sorted := make([]string, 0, len(hashes))
	for uid := range hashes {
		sorted = append(sorted, uid)
	}
	sort.Strings(sorted)
	seq := make(map[string]int, len(hashes))
	now := FormatInstant(db.Now())
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		put, err := tx.PrepareContext(ctx, `INSERT INTO calendar_sequences(uid, hash, sequence, changed_utc)
			VALUES (?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET hash = excluded.hash,
			sequence = excluded.sequence, changed_utc = excluded.changed_utc`)
		if err != nil {
			return err
		}
		defer put.Close()
		type stored struct {
			hash string
			n    int
		}
		// When the table is not much larger than the export, one pass over
		// it is cheaper than looking every UID up.
		var rowsInTable int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM calendar_sequences`).Scan(&rowsInTable); err != nil {
			return fmt.Errorf("sequences: %w", err)
		}
		var all map[string]stored
		if rowsInTable <= 3*len(sorted) {
			all = make(map[string]stored, len(sorted))
			rows, err := tx.QueryContext(ctx, `SELECT uid, hash, sequence FROM calendar_sequences`)
			if err != nil {
				return fmt.Errorf("sequences: %w", err)
			}
			for rows.Next() {
				// Raw bytes: only the rows wanted become strings.
				var uid, hash sql.RawBytes
				var n int
				if err := rows.Scan(&uid, &hash, &n); err != nil {
					rows.Close()
					return fmt.Errorf("sequences: %w", err)
				}
				if _, want := hashes[string(uid)]; want {
					all[string(uid)] = stored{hash: string(hash), n: n}
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("sequences: %w", err)
			}
		}
		for len(sorted) > 0 {
			chunk := sorted[:min(sequenceChunk, len(sorted))]
			sorted = sorted[len(chunk):]
			// What was stored for this chunk, in one query.
			old := all
			if old == nil {
				old = make(map[string]stored, len(chunk))
				// An IN list, not a range: a range of UIDs can hold any number
				// of events exported in the past (a rotation's older shifts).
				args := make([]any, len(chunk))
				for i, uid := range chunk {
					args[i] = uid
				}
				rows, err := tx.QueryContext(ctx, `SELECT uid, hash, sequence FROM calendar_sequences WHERE uid IN (?`+
					strings.Repeat(", ?", len(chunk)-1)+`)`, args...)
				if err != nil {
					return fmt.Errorf("sequences: %w", err)
				}
				for rows.Next() {
					var uid string
					var st stored
					if err := rows.Scan(&uid, &st.hash, &st.n); err != nil {
						rows.Close()
						return fmt.Errorf("sequences: %w", err)
					}
					old[uid] = st
				}
				rows.Close()
				if err := rows.Err(); err != nil {
					return fmt.Errorf("sequences: %w", err)
				}
			}
			for _, uid := range chunk {
				sum := combine(hashes[uid])
				n := 0
				if st, ok := old[uid]; ok {
					if st.hash == sum {
						seq[uid] = st.n
						continue
					}
					n = st.n + 1
				}
				if _, err := put.ExecContext(ctx, uid, sum, n, now); err != nil {
					return fmt.Errorf("sequence of uid %q: %w", uid, err)
				}
				seq[uid] = n
			}
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

// sequenceChunk is how many UIDs one query looks up (well under SQLite's
// limit on parameters).
const sequenceChunk = 500

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
