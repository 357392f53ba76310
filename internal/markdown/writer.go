package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter is goldmark's HTML writer, which escapes text and resolves its entities and
// backslash escapes byte by byte, with a shortcut: the part of a text before its first byte
// that can need it is written as it is. The rest goes to the writer, which would have written
// that part unchanged too (it carries no state over plain bytes), so the output is the same
// (TestTextWriterMatchesGoldmark, FuzzTextWriter); a page's text is mostly plain.
type textWriter struct{ html.Writer }

// special marks the bytes goldmark's writer can change or that start something it resolves:
// NUL, the characters HTML escapes, and the backslash.
var special = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true, '\\': true}

// plainPrefix returns the length of the part of b before its first special byte.
func plainPrefix(b []byte) int {
	for i, c := range b {
		if special[c] {
			return i
		}
	}
	return len(b)
}

func (t textWriter) Write(w util.BufWriter, src []byte) {
	n := plainPrefix(src)
	_, _ = w.Write(src[:n])
	if n < len(src) {
		t.Writer.Write(w, src[n:])
	}
}

func (t textWriter) RawWrite(w util.BufWriter, src []byte) {
	n := plainPrefix(src)
	_, _ = w.Write(src[:n])
	if n < len(src) {
		t.Writer.RawWrite(w, src[n:])
	}
}
