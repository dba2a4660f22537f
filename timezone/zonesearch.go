package timezone

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// ErrNoZone reports an empty zone where one is needed.
var ErrNoZone = errors.New("choose a time zone")

// ErrAmbiguousZone reports typed text that matches more than one zone.
var ErrAmbiguousZone = errors.New("matches several time zones; choose one from the list")

// City returns the place a zone is named after, as people write it: the last
// element of the IANA name with underscores as spaces ("America/St_Johns"
// is "St Johns", "America/Argentina/Buenos_Aires" is "Buenos Aires"). "UTC"
// stays "UTC".
func City(zone string) string {
	if i := strings.LastIndex(zone, "/"); i >= 0 {
		zone = zone[i+1:]
	}
	return strings.ReplaceAll(zone, "_", " ")
}

// FindZones returns the zones whose name matches query, best first: the
// city itself ("toronto"), then cities that start with it, then names that
// start with it ("europe/be"), then names that contain every word of it.
// Case, accents, underscores, dots and apostrophes do not matter, so
// "st. john's", "sao paulo" and "new_york" all find their zone. An empty
// query matches nothing.
func FindZones(query string) []string {
	q := foldZoneText(query)
	if q == "" {
		return nil
	}
	words := strings.Fields(q)
	type hit struct {
		name string
		rank int
	}
	var hits []hit
	for _, z := range zoneIndex() {
		rank := -1
		switch {
		case z.city == q:
			rank = 0
		case strings.HasPrefix(z.city, q):
			rank = 1
		case strings.HasPrefix(z.full, q):
			rank = 2
		case containsAll(z.full, words):
			rank = 3
		}
		if rank >= 0 {
			hits = append(hits, hit{z.name, rank})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].rank < hits[j].rank })
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.name
	}
	return out
}

// ResolveZone reads a zone typed by a person: an IANA name in any case
// ("europe/lisbon"), or text that names exactly one zone ("toronto",
// "st johns"). It returns the IANA name. Empty text is ErrNoZone; text that
// matches several zones and names none exactly is ErrAmbiguousZone; text that
// matches none is ErrUnknownZone.
func ResolveZone(text string) (string, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return "", ErrNoZone
	}
	if _, err := LoadZone(t); err == nil {
		return t, nil
	}
	q := foldZoneText(t)
	found := FindZones(t)
	var exact []string
	for _, z := range found {
		if foldZoneText(z) == q || foldZoneText(City(z)) == q {
			exact = append(exact, z)
		}
	}
	switch {
	case len(exact) == 1:
		return exact[0], nil
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		return "", fmt.Errorf("%q %w", t, ErrAmbiguousZone)
	}
	return "", fmt.Errorf("%q: %w", t, ErrUnknownZone)
}

type indexedZone struct{ name, city, full string }

var zoneIndex = sync.OnceValue(func() []indexedZone {
	zs := Zones()
	out := make([]indexedZone, len(zs))
	for i, z := range zs {
		out[i] = indexedZone{name: z, city: foldZoneText(City(z)), full: foldZoneText(z)}
	}
	return out
})

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// foldZoneText lower-cases s, drops accents, dots and apostrophes, and reads
// underscores and hyphens as spaces, so that what people type and zone names
// compare alike.
func foldZoneText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '_' || r == '-':
			b.WriteRune(' ')
		case r == '.' || r == '\'' || r == '’':
		default:
			if plain, ok := accentFree[r]; ok {
				r = plain
			}
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// accentFree maps the accented letters of city names to plain ones.
var accentFree = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ç': 'c', 'é': 'e', 'è': 'e', 'ê': 'e',
	'ë': 'e', 'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'õ': 'o',
	'ö': 'o', 'ø': 'o', 'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ý': 'y',
}
