// Package assets holds the resources embedded in the binary: the app icon and
// the sample team.
package assets

import _ "embed"

// IconPNG is the application icon, 256×256 PNG.
//
//go:embed icon.png
var IconPNG []byte

// SampleTeamJSON is a realistic sample team file: people across awkward time
// zones, two rotations and an escalation policy.
//
//go:embed sample-team.json
var SampleTeamJSON []byte
