package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// writeJSONArray writes n elements as an indented JSON array, the bytes
// json.Encoder with SetIndent("", "  ") writes for the whole slice, but one
// element at a time: a long list (a five-year rota of one-hour shifts, a
// log of 200,000 updates) is never held twice in memory as text. elem
// returns element i; escapeHTML is the encoder's SetEscapeHTML.
func writeJSONArray(w io.Writer, n int, elem func(i int) any, escapeHTML bool) error {
	if n == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(escapeHTML)
	bw.WriteString("[\n")
	for i := 0; i < n; i++ {
		buf.Reset()
		if err := enc.Encode(elem(i)); err != nil {
			return err
		}
		bw.WriteString("  ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		if i < n-1 {
			bw.WriteString(",\n")
		} else {
			bw.WriteString("\n")
		}
	}
	bw.WriteString("]\n")
	return bw.Flush()
}
