package timezone

import (
	"fmt"
	"sort"

	"dev.remotecto/remotecto/internal/termsafe"
)

// ParseWeek reads a weekday-keyed map of hours ("mon": "09:00-17:00").
// Missing days are days off. field names the map in error messages.
func ParseWeek(field string, days map[string]string) (WeekHours, error) {
	var w WeekHours
	keys := make([]string, 0, len(days))
	for k := range days {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		wd, ok := ParseWeekday(k)
		if !ok {
			return w, fmt.Errorf("%s: %s is not a weekday (mon, tue, wed, thu, fri, sat, sun)", field, termsafe.Quote(k))
		}
		h, err := ParseDayHours(days[k])
		if err != nil {
			return w, fmt.Errorf("%s %s %s: %w", field, WeekdayKeys[wd], termsafe.Quote(days[k]), err)
		}
		w[wd] = h
	}
	return w, nil
}

// FormatWeek writes hours as a weekday-keyed map with every day present.
func FormatWeek(w WeekHours) map[string]string {
	out := make(map[string]string, 7)
	for i, d := range w {
		out[WeekdayKeys[i]] = d.String()
	}
	return out
}
