package render

import (
	"bytes"
	"strings"
)

// The partials written in Go (partials.go) escape values as html/template does in the same
// places, so that the bytes are the same (TestEscapersMatchHTMLTemplate checks it).

// escapeText escapes s as html/template does in HTML text and in quoted attribute values.
// The bytes it replaces are ASCII, so it looks at bytes: those of other characters (0x80 and
// above) are never replaced, valid UTF-8 or not.
func escapeText(b *bytes.Buffer, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		if repl := textEscapes[s[i]]; repl != "" {
			b.WriteString(s[written:i])
			b.WriteString(repl)
			written = i + 1
		}
	}
	b.WriteString(s[written:])
}

// textEscapes holds what escapeText writes in place of a byte, "" for the byte itself.
var textEscapes = [256]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// escapeURLAttr writes s as html/template writes a value that makes the whole of a quoted URL
// attribute (href="{{.}}"): unsafe schemes replaced, then normalized, then attribute-escaped.
func escapeURLAttr(b *bytes.Buffer, s string) {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			s = "#ZgotmplZ"
		}
	}
	escapeText(b, processURL(s, true))
}

// escapeURLPartAttr writes s as html/template writes a value in a quoted URL attribute after
// its start (href="#{{.}}"): URL-escaped, then attribute-escaped.
func escapeURLPartAttr(b *bytes.Buffer, s string) {
	escapeText(b, processURL(s, false))
}

// escapeURLPathAttr writes s as html/template writes a value in the path of a quoted URL
// attribute after its start (href="/x/{{.}}"): normalized, then attribute-escaped.
func escapeURLPathAttr(b *bytes.Buffer, s string) {
	escapeText(b, processURL(s, true))
}

// processURL percent-encodes the bytes of s that are not allowed in a URL (when norm) or in a
// part of a URL (when not), with lowercase hexadecimal digits, as html/template does. s is
// returned as it is when it has none.
func processURL(s string, norm bool) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 8)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
