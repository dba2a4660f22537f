package timezone

import (
	_ "embed"
	"sort"
	"strings"
)

//go:embed zones.txt
var zonesText string

// Zones returns the canonical IANA zone names, sorted, for pickers.
func Zones() []string {
	var out []string
	for _, line := range strings.Split(zonesText, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	sort.Strings(out)
	return out
}

// SearchZones returns the zone names that contain every word of query,
// ignoring case, with "_" read as a space ("new york" finds America/New_York).
func SearchZones(query string) []string {
	words := strings.Fields(strings.ToLower(query))
	var out []string
	for _, z := range Zones() {
		name := strings.ToLower(strings.ReplaceAll(z, "_", " "))
		ok := true
		for _, w := range words {
			if !strings.Contains(name, w) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, z)
		}
	}
	return out
}
