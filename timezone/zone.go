package timezone

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zones resolve on machines without a zoneinfo database

	"dev.remotecto/remotecto/internal/termsafe"
)

// ErrUnknownZone reports a zone name that is not in the tz database.
var ErrUnknownZone = errors.New("unknown time zone")

// LoadZone loads an IANA zone such as "Europe/Lisbon". "UTC" is accepted; the
// empty name and "Local" are refused, because a stored zone must mean the same
// place on every computer.
func LoadZone(name string) (*time.Location, error) {
	n := strings.TrimSpace(name)
	if n == "" || n == "Local" || strings.HasPrefix(n, "/") || strings.Contains(n, "..") {
		return nil, fmt.Errorf("%s: %w", termsafe.Quote(name), ErrUnknownZone)
	}
	if loc, ok := zoneCache.Load(n); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(n)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", termsafe.Quote(name), ErrUnknownZone)
	}
	zoneCache.Store(n, loc)
	return loc, nil
}

// zoneCache keeps loaded zones: reading one from the embedded database costs
// tens of microseconds, and a *time.Location is safe to share.
var zoneCache sync.Map // name -> *time.Location
