package markdown

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// writeBoth writes src with goldmark's writer and with textWriter, by write (Write or RawWrite).
func writeBoth(src []byte, raw bool) (have, want []byte) {
	var h, w bytes.Buffer
	hw, ww := bufio.NewWriter(&h), bufio.NewWriter(&w)
	if raw {
		textWriter{html.DefaultWriter}.RawWrite(hw, src)
		html.DefaultWriter.RawWrite(ww, src)
	} else {
		textWriter{html.DefaultWriter}.Write(hw, src)
		html.DefaultWriter.Write(ww, src)
	}
	_, _ = hw.Flush(), ww.Flush()
	return h.Bytes(), w.Bytes()
}

func checkTextWriter(t *testing.T, src []byte) {
	t.Helper()
	for _, raw := range []bool{false, true} {
		if have, want := writeBoth(src, raw); !bytes.Equal(have, want) {
			t.Fatalf("raw %v, %q: textWriter wrote %q, goldmark %q", raw, src, have, want)
		}
	}
}

// TestTextWriterMatchesGoldmark compares textWriter with goldmark's writer on texts made of
// entities, escapes and the bytes around them.
func TestTextWriterMatchesGoldmark(t *testing.T) {
	pieces := []string{"a", "é", "mot ", "&", "&amp;", "&nbsp;", "&#39;", "&#x41;", "&#X4a;", "&#1234567;", "&#;", "&zz;", "#", "x", ";", "9",
		"\\", "\\*", "\\\\", "\\ ", "\x00", "\"", "<", ">", "'", "\n", "«\u202f"}
	for _, s := range []string{"", "plain text", "a & b", "\\", "&", "x\x00"} {
		checkTextWriter(t, []byte(s))
	}
	r := rand.New(rand.NewPCG(4, 2))
	for range 50000 {
		var b bytes.Buffer
		for range 1 + r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		checkTextWriter(t, b.Bytes())
	}
}

func FuzzTextWriter(f *testing.F) {
	for _, s := range []string{"plain", "a &amp; b", "\\*x", "&#x41;", "\x00<\">"} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkTextWriter)
}
