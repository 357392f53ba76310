package content

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// Most pages' front matter is a few lines of "key: value" with plain values (a title, a
// weight, a one-line description). decodeSimple reads such front matter straight into a
// FrontMatter, a tenth of the time of the YAML decoder; it reports false, having changed
// nothing, for anything else (quotes, multi-line values, lists, comments, blank lines,
// unknown or repeated keys, values YAML would read as something other than a string, such as
// true, 12 or ~), which then goes to the YAML decoder. TestDecodeSimpleMatchesYAML,
// FuzzDecodeSimple and TestDecodeSimpleOnRealPages check that both give the same FrontMatter.
func decodeSimple(src []byte, fm *FrontMatter) bool {
	var out FrontMatter
	var seen [7]bool
	for len(src) > 0 {
		nl := bytes.IndexByte(src, '\n')
		if nl < 0 {
			nl = len(src)
		}
		line := src[:nl]
		src = src[min(nl+1, len(src)):]
		colon := bytes.Index(line, []byte(": "))
		if colon <= 0 {
			return false
		}
		key, value := string(line[:colon]), line[colon+2:]
		field := -1
		var str *string
		switch key {
		case "title":
			field, str = 0, &out.Title
		case "description":
			field, str = 1, &out.Description
		case "summary":
			field, str = 2, &out.Summary
		case "slug":
			field, str = 3, &out.Slug
		case "translationKey":
			field, str = 4, &out.TranslationKey
		case "weight":
			field = 5
		case "draft":
			field = 6
		default:
			return false
		}
		if seen[field] {
			return false
		}
		seen[field] = true
		switch {
		case str != nil:
			if !plainString(value) {
				return false
			}
			*str = string(value)
		case key == "weight":
			if len(value) == 0 || len(value) > 9 || value[0] == '0' && len(value) > 1 {
				return false
			}
			n, err := strconv.Atoi(string(value))
			if err != nil || n < 0 {
				return false
			}
			out.Weight = n
		default: // draft
			switch string(value) {
			case "true":
				out.Draft = true
			case "false":
			default:
				return false
			}
		}
	}
	*fm = out
	return true
}

// plainString reports whether v, written after "key: " on one line, is a plain YAML scalar
// that YAML reads as the string v itself.
func plainString(v []byte) bool {
	if len(v) == 0 {
		return false
	}
	// Not an indicator, a number, a special value or white space at either end.
	switch c := v[0]; {
	case bytes.IndexByte([]byte("-?:,[]{}#&*!|>'\"%@`=<.+~ \t"), c) >= 0:
		return false
	case '0' <= c && c <= '9':
		return false
	}
	if last := v[len(v)-1]; last == ' ' || last == '\t' || last == ':' || last == '\r' {
		return false
	}
	switch string(bytes.ToLower(v)) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf":
		return false
	}
	if bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(" #")) || bytes.Contains(v, []byte("\t")) {
		return false
	}
	// Printable characters only, as YAML wants them.
	for i := 0; i < len(v); {
		r, w := utf8.DecodeRune(v[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			return false
		case r < 0x20 || r == 0x7f || 0x80 <= r && r < 0xa0:
			return false
		case 0xd800 <= r && r < 0xe000 || r == 0xfeff || r == 0xfffe || r == 0xffff || r == 0x2028 || r == 0x2029:
			return false
		}
		i += w
	}
	return true
}
