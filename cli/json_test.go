package cli

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteJSONArrayMatchesTheEncoder: the streamed array is byte for byte
// what encoding/json writes for the slice.
func TestWriteJSONArrayMatchesTheEncoder(t *testing.T) {
	type row struct {
		Name string   `json:"name"`
		Tags []string `json:"tags"`
		N    int      `json:"n,omitempty"`
	}
	lists := [][]row{
		{},
		{{Name: "Ana"}},
		{{Name: "<b>Bo</b> & co", Tags: []string{"a", "\x1b[2J"}}, {Name: "Chen\n", Tags: []string{}, N: 3}, {Name: "\u2028"}},
	}
	for _, list := range lists {
		for _, html := range []bool{true, false} {
			var want, got bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(html)
			if err := enc.Encode(list); err != nil {
				t.Fatal(err)
			}
			if err := writeJSONArray(&got, len(list), func(i int) any { return list[i] }, html); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%d rows, escapeHTML %v:\ngot  %q\nwant %q", len(list), html, got.String(), want.String())
			}
		}
	}
}
