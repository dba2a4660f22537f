package timezone

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Local returns the computer's own zone loaded under its IANA name (read from
// TZ, /etc/localtime or /etc/timezone), so that labels and exports name a real
// place instead of "Local". When the name cannot be found it returns
// time.Local as it is.
func Local() *time.Location {
	if name := LocalName(); name != "" {
		if loc, err := LoadZone(name); err == nil {
			return loc
		}
	}
	return time.Local
}

// LocalName returns the IANA name of the computer's zone, or "" when it
// cannot be told.
func LocalName() string {
	if tz, ok := os.LookupEnv("TZ"); ok {
		tz = strings.TrimPrefix(tz, ":")
		if tz == "" {
			return "UTC" // an empty TZ means UTC to the C library and to Go
		}
		if _, err := LoadZone(tz); err == nil {
			return tz
		}
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if i := strings.Index(target, "zoneinfo/"); i >= 0 {
			name := filepath.ToSlash(target[i+len("zoneinfo/"):])
			if _, err := LoadZone(name); err == nil {
				return name
			}
		}
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		name := strings.TrimSpace(string(b))
		if _, err := LoadZone(name); err == nil {
			return name
		}
	}
	return ""
}

// Name returns the IANA name of loc; for time.Local, the computer's zone name
// when it can be told.
func Name(loc *time.Location) string {
	if loc == time.Local {
		if name := LocalName(); name != "" {
			return name
		}
	}
	return loc.String()
}
