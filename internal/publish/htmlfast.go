package publish

import (
	"bytes"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	parsehtml "github.com/tdewolff/parse/v2/html"
)

// The pages vises renders are made of a small part of HTML: the default theme's elements and
// attributes and what Markdown gives, double-quoted, without comments, styles or inline
// scripts. fastHTML minifies such a page in one pass, as the HTML minifier of NewMinifier
// does, for less than half its time: it reads tags and text with a few byte searches, and
// transforms text and attribute values with the same functions as that minifier. Anything it
// does not know (an element or attribute outside its tables, a comment, an inline script,
// SVG, a single-quoted value...) makes it give up, and the page goes through the minifier.
// TestFastHTMLMatchesMinifier and FuzzFastHTML check that both give the same bytes.

// Traits of elements, as the minifier knows them.
const (
	inlineTag   = 1 << iota // phrasing: spaces around it are kept
	blockTag                // spaces around it are removed
	objectTag               // keeps the space after it
	rawTag                  // script: its text is not HTML
	voidTag                 // has no end tag
	phrasingTag             // the minifier's "normal" tags: an empty one keeps the space after it
)

// fastTags are the elements fastHTML knows, with the minifier's traits.
var fastTags = map[string]int{
	"html": blockTag, "head": blockTag, "body": inlineTag | phrasingTag, "title": blockTag,
	"meta": inlineTag | phrasingTag | voidTag, "link": inlineTag | phrasingTag | voidTag, "script": rawTag,
	"main": blockTag, "nav": blockTag, "header": blockTag, "footer": blockTag, "div": blockTag,
	"p": blockTag, "ul": blockTag, "ol": blockTag, "li": blockTag, "h1": blockTag, "h2": blockTag,
	"h3": blockTag, "h4": blockTag, "h5": blockTag, "h6": blockTag, "table": blockTag,
	"thead": blockTag, "tbody": blockTag, "tr": blockTag, "th": blockTag, "td": blockTag,
	"pre": blockTag, "blockquote": blockTag, "hr": blockTag | voidTag, "br": blockTag | voidTag,
	"form": blockTag, "section": blockTag, "article": blockTag, "aside": blockTag, "dl": blockTag,
	"dt": blockTag, "dd": blockTag, "figure": blockTag, "figcaption": blockTag,
	"fieldset": blockTag, "legend": blockTag, "details": blockTag, "summary": blockTag,
	"a": inlineTag, "del": inlineTag, "label": inlineTag,
	"span": inlineTag | phrasingTag, "em": inlineTag | phrasingTag, "strong": inlineTag | phrasingTag,
	"code": inlineTag | phrasingTag, "s": inlineTag | phrasingTag, "sup": inlineTag | phrasingTag,
	"sub": inlineTag | phrasingTag, "small": inlineTag | phrasingTag, "abbr": inlineTag | phrasingTag,
	"kbd": inlineTag | phrasingTag, "mark": inlineTag | phrasingTag, "time": inlineTag | phrasingTag,
	"img": objectTag | voidTag, "input": objectTag | voidTag, "button": objectTag,
}

// Traits of attributes, as the minifier knows them.
const (
	plainAttr   = 0
	booleanAttr = 1 << iota
	urlAttr
	trimAttr
	typeAttr // a media type
)

// fastAttrs are the attributes fastHTML knows (besides data-* and aria-*, plain), with the
// minifier's traits.
var fastAttrs = map[string]int{
	"id": plainAttr, "class": trimAttr, "lang": trimAttr, "hreflang": trimAttr, "rel": trimAttr,
	"media": trimAttr, "type": trimAttr, "charset": trimAttr, "tabindex": trimAttr, "for": trimAttr,
	"method": trimAttr, "spellcheck": trimAttr, "autocomplete": trimAttr, "hidden": trimAttr,
	"start": trimAttr, "scope": trimAttr, "colspan": trimAttr, "rowspan": trimAttr,
	"min": trimAttr, "max": trimAttr, "step": trimAttr, "rows": trimAttr, "cols": trimAttr,
	"accept": trimAttr | typeAttr, "width": trimAttr, "height": trimAttr, "target": trimAttr,
	"href": urlAttr, "src": urlAttr, "action": urlAttr, "cite": urlAttr,
	"defer": booleanAttr, "async": booleanAttr, "checked": booleanAttr, "disabled": booleanAttr,
	"selected": booleanAttr, "required": booleanAttr, "readonly": booleanAttr, "open": booleanAttr,
	"name": plainAttr, "content": plainAttr, "role": plainAttr, "title": plainAttr,
	"placeholder": plainAttr, "value": plainAttr, "alt": plainAttr, "align": plainAttr,
	"datetime": trimAttr,
}

// tagTable and attrTable hold fastTags and fastAttrs for looking names up.
var tagTable, attrTable = newNameTable(fastTags), newNameTable(fastAttrs)

// nameTable is a small open-addressing table of names and their traits: quicker to look a
// name up in than a map, for the few dozen names of fastTags or fastAttrs.
type nameTable [256]struct {
	name   string
	traits int
}

func newNameTable(m map[string]int) *nameTable {
	var t nameTable
	for name, traits := range m {
		i := nameHash(name)
		for t[i].name != "" {
			i++ // wraps around
		}
		t[i].name, t[i].traits = name, traits
	}
	return &t
}

func nameHash[T string | []byte](b T) uint8 {
	return uint8(len(b)*7 + int(b[0])*3 + int(b[len(b)-1]))
}

// get returns the traits of name, and whether the table has it.
func (t *nameTable) get(name []byte) (int, bool) {
	if len(name) == 0 {
		return 0, false
	}
	for i := nameHash(name); t[i].name != ""; i++ {
		if t[i].name == string(name) {
			return t[i].traits, true
		}
	}
	return 0, false
}

var newline, space = []byte{'\n'}, []byte{' '}

// unchanged reports whether b is left as it is by parse.ReplaceMultipleWhitespaceAndEntities
// (and so by parse.ReplaceEntities): it has no character reference, no white space other than
// a space or a line break, and no two of those in a row. Eight bytes at a time, their classes
// looked up independently of each other.
func unchanged(b []byte) bool {
	prev := uint8(classOther) // the class of the byte before b
	for len(b) >= 8 {
		c0, c1, c2, c3 := byteClass[b[0]], byteClass[b[1]], byteClass[b[2]], byteClass[b[3]]
		c4, c5, c6, c7 := byteClass[b[4]], byteClass[b[5]], byteClass[b[6]], byteClass[b[7]]
		if (c0|c1|c2|c3|c4|c5|c6|c7)&classStop != 0 {
			return false
		}
		// Without classStop, a class ANDed with the one before it is classSpace for two
		// spaces in a row only.
		if prev&c0|c0&c1|c1&c2|c2&c3|c3&c4|c4&c5|c5&c6|c6&c7 != 0 {
			return false
		}
		prev, b = c7, b[8:]
	}
	for _, c := range b {
		cl := byteClass[c]
		if cl&classStop != 0 || prev&cl != 0 {
			return false
		}
		prev = cl
	}
	return true
}

// The classes of byteClass are bits: classOther has none.
const (
	classOther = 0
	classSpace = 1 // a space or a line break
	classStop  = 2 // other white space, or & (which may start a character reference)
)

var byteClass = func() (t [256]uint8) {
	t[' '], t['\n'] = classSpace, classSpace
	t['\t'], t['\r'], t['\f'], t['&'] = classStop, classStop, classStop, classStop
	return t
}()

// urlAsIs reports whether the URL below leaves val as it is (val has no character reference
// nor white space at its ends): it neither starts with a scheme "http" or "https" written
// with a capital, nor with "data:", on which fastHTML gives up.
func urlAsIs(val []byte) bool {
	if len(val) <= 5 || bytes.HasPrefix(val, []byte("http:")) || bytes.HasPrefix(val, []byte("https:")) {
		return true
	}
	return !parse.EqualFold(val[:4], []byte("http")) && !parse.EqualFold(val[:5], []byte("data:"))
}

// mediaTypeOn are the elements whose type attribute the minifier reads as a media type.
var mediaTypeOn = map[string]bool{"a": true, "link": true, "script": true}

// fastHTML writes src minified to out, or reports false (out then holds a part of it) when src
// holds something it does not know.
func (m *Minifier) fastHTML(out *bytes.Buffer, src []byte) bool {
	if bytes.IndexByte(src, 0) >= 0 {
		return false
	}
	f, _ := m.pages.Get().(*fastMinifier)
	if f == nil {
		f = &fastMinifier{}
	}
	*f = fastMinifier{out: out, src: src, omitSpace: true, scratch: f.scratch[:0], quoted: f.quoted[:0]}
	if len(src) >= 15 && bytes.EqualFold(src[:15], []byte("<!DOCTYPE html>")) {
		out.WriteString("<!doctype html>")
		f.i = 15
	}
	defer func() {
		f.out, f.src = nil, nil // the pool keeps the buffers only
		m.pages.Put(f)
	}()
	for f.i < len(f.src) {
		var ok bool
		if f.src[f.i] == '<' {
			ok = f.tag()
		} else {
			ok = f.text()
		}
		if !ok {
			return false
		}
	}
	return true
}

type fastMinifier struct {
	out       *bytes.Buffer
	src       []byte
	i         int
	omitSpace bool // the next leading space is left out
	inPre     bool
	scratch   []byte // a copy of the text or value being transformed (src stays as it was)
	quoted    []byte // EscapeAttrVal's buffer
}

// textEnd returns the end of the text that starts at i: the next tag, or the end of src. ok
// is false when a < starts no tag fastHTML knows how to read.
func (f *fastMinifier) textEnd(i int) (end int, ok bool) {
	lt := bytes.IndexByte(f.src[i:], '<')
	if lt < 0 {
		return len(f.src), true
	}
	j := i + lt
	if j+1 < len(f.src) {
		c := f.src[j+1]
		if c == '/' && j+2 < len(f.src) {
			c = f.src[j+2]
		}
		if 'a' <= c && c <= 'z' {
			return j, true
		}
	}
	return 0, false
}

// text handles the text at f.i.
func (f *fastMinifier) text() bool {
	end, ok := f.textEnd(f.i)
	if !ok {
		return false
	}
	raw := f.src[f.i:end]
	f.i = end
	if f.inPre {
		f.out.Write(raw)
		return true
	}
	var data []byte
	switch {
	case len(raw) == 1 && (raw[0] == '\n' || raw[0] == '\r'):
		data = newline // the line break between two tags, as the function below makes it
	case len(raw) == 1 && parse.IsWhitespace(raw[0]):
		data = space
	case unchanged(raw):
		data = raw
	default:
		f.scratch = append(f.scratch[:0], raw...)
		data = parse.ReplaceMultipleWhitespaceAndEntities(f.scratch, html.EntitiesMap, html.TextRevEntitiesMap)
	}
	if f.omitSpace && len(data) > 0 && parse.IsWhitespace(data[0]) {
		data = data[1:]
	}
	f.omitSpace = false
	if len(data) == 0 {
		f.omitSpace = true
	} else if parse.IsWhitespace(data[len(data)-1]) {
		f.omitSpace = true
		trim, ok := f.trimBefore(end)
		if !ok {
			return false
		}
		if trim {
			data = data[:len(data)-1]
			f.omitSpace = false
		}
	}
	f.out.Write(data)
	return true
}

// trimBefore reports whether the space ending a text is left out, looking at what follows it
// from i: yes before the end or a block element, even after closing inline elements and spaces
// in between; no before other text or an inline element.
func (f *fastMinifier) trimBefore(i int) (trim, ok bool) {
	for n := 0; n < 50; n++ {
		if i >= len(f.src) {
			return true, true
		}
		if f.src[i] != '<' {
			end, ok := f.textEnd(i)
			if !ok {
				return false, false
			}
			if !parse.IsAllWhitespace(f.src[i:end]) {
				return false, true
			}
			i = end
			continue
		}
		_, traits, closing, end, ok := f.tagName(i)
		if !ok {
			return false, false
		}
		if traits&blockTag != 0 {
			return true, true
		}
		if !closing {
			return false, true
		}
		if f.src[end] != '>' {
			return false, false
		}
		i = end + 1
	}
	return false, false // too far: left to the minifier, which has its own limit
}

// tagName reads the name of the tag at i, known to fastTags: end is the index after it.
func (f *fastMinifier) tagName(i int) (name []byte, traits int, closing bool, end int, ok bool) {
	j := i + 1
	if j < len(f.src) && f.src[j] == '/' {
		closing = true
		j++
	}
	k := j
	for k < len(f.src) && ('a' <= f.src[k] && f.src[k] <= 'z' || '0' <= f.src[k] && f.src[k] <= '9') {
		k++
	}
	if k == j || k >= len(f.src) {
		return nil, 0, false, 0, false
	}
	name = f.src[j:k]
	if traits, ok = tagTable.get(name); !ok {
		return nil, 0, false, 0, false
	}
	return name, traits, closing, k, true
}

// enter notes what an opening or closing tag of the element name changes for the text after
// it: inside pre, text is kept as it is; after an object element a leading space is kept,
// after a block element it is left out.
func (f *fastMinifier) enter(name []byte, traits int, closing bool) {
	if string(name) == "pre" {
		f.inPre = !closing
	}
	if traits&objectTag != 0 {
		f.omitSpace = false
	} else if traits&blockTag != 0 {
		f.omitSpace = true
	}
}

// tag handles the tag at f.i.
func (f *fastMinifier) tag() bool {
	name, traits, closing, end, ok := f.tagName(f.i)
	if !ok {
		return false
	}
	if closing {
		if f.src[end] != '>' || traits&voidTag != 0 {
			return false
		}
		f.enter(name, traits, true)
		f.out.Write(f.src[f.i : end+1])
		f.i = end + 1
		return true
	}
	// The attributes, read before anything is written.
	type attr struct{ name, val []byte }
	var attrs [12]attr
	n := 0
	j := end
	for {
		if j >= len(f.src) {
			return false
		}
		c := f.src[j]
		if c == '>' {
			break
		}
		if !parse.IsWhitespace(c) {
			return false
		}
		for j < len(f.src) && parse.IsWhitespace(f.src[j]) {
			j++
		}
		if j < len(f.src) && f.src[j] == '>' {
			break
		}
		k := j
		for k < len(f.src) && ('a' <= f.src[k] && f.src[k] <= 'z' || '0' <= f.src[k] && f.src[k] <= '9' || f.src[k] == '-') {
			k++
		}
		if k == j || k >= len(f.src) || n == len(attrs) {
			return false
		}
		a := attr{name: f.src[j:k]}
		if f.src[k] == '=' {
			if k+1 >= len(f.src) || f.src[k+1] != '"' {
				return false
			}
			q := bytes.IndexByte(f.src[k+2:], '"')
			if q < 0 {
				return false
			}
			a.val = f.src[k+2 : k+2+q]
			k += 2 + q + 1
		} else if f.src[k] != '>' && !parse.IsWhitespace(f.src[k]) {
			return false
		}
		attrs[n] = a
		n++
		j = k
	}
	tagEnd := j + 1
	// What the minifier does for some elements before writing their attributes.
	skip := -1 // an attribute left out
	switch string(name) {
	case "script":
		// Only an empty script with a source, such as the theme's <script src defer>.
		if n == 0 || !bytes.HasPrefix(f.src[tagEnd:], []byte("</script>")) {
			return false
		}
		for _, a := range attrs[:n] {
			if s := string(a.name); s != "src" && s != "defer" && s != "async" {
				return false
			}
		}
	case "title":
		// The lexer reads a title's content as text up to </title: it must hold no tag.
		end := bytes.Index(f.src[tagEnd:], []byte("</title"))
		if end < 0 || bytes.IndexByte(f.src[tagEnd:tagEnd+end], '<') >= 0 {
			return false
		}
	case "meta":
		var content, metaName *attr
		for k := range attrs[:n] {
			switch string(attrs[k].name) {
			case "content":
				content = &attrs[k]
			case "name":
				metaName = &attrs[k]
			case "http-equiv":
				return false
			}
		}
		if content != nil && metaName != nil {
			switch {
			case parse.EqualFold(parse.TrimWhitespace(metaName.val), []byte("viewport")):
				if string(content.val) != "width=device-width, initial-scale=1" {
					return false
				}
				content.val = []byte("width=device-width,initial-scale=1")
			case parse.EqualFold(parse.TrimWhitespace(metaName.val), []byte("keywords")):
				return false
			}
		}
	case "input":
		typ, value := -1, -1
		for k := range attrs[:n] {
			switch string(attrs[k].name) {
			case "type":
				typ = k
			case "value":
				value = k
			}
		}
		if typ >= 0 && value >= 0 {
			radio := parse.EqualFold(attrs[typ].val, []byte("radio"))
			if !radio && len(attrs[value].val) == 0 || radio && parse.EqualFold(attrs[value].val, []byte("on")) {
				skip = value
			}
		}
	case "a":
		hasID, hasName := false, false
		for _, a := range attrs[:n] {
			hasID = hasID || string(a.name) == "id"
			hasName = hasName || string(a.name) == "name"
		}
		if hasID && hasName {
			return false
		}
	}
	f.enter(name, traits, false)
	f.out.Write(f.src[f.i:end])
	for k, a := range attrs[:n] {
		if k == skip {
			continue
		}
		at, known := attrTable.get(a.name)
		if !known && !bytes.HasPrefix(a.name, []byte("data-")) && !bytes.HasPrefix(a.name, []byte("aria-")) {
			return false
		}
		if at&typeAttr == 0 && (string(a.name) != "type" || !mediaTypeOn[string(name)]) && len(a.val) > 0 &&
			unchanged(a.val) && (at&(trimAttr|urlAttr) == 0 || !parse.IsWhitespace(a.val[0]) && !parse.IsWhitespace(a.val[len(a.val)-1])) &&
			(at&urlAttr == 0 || urlAsIs(a.val)) {
			// Nothing for the functions below to change, and no quote in it: as it is.
			f.out.WriteByte(' ')
			f.out.Write(a.name)
			if at&booleanAttr == 0 {
				f.out.WriteString(`="`)
				f.out.Write(a.val)
				f.out.WriteByte('"')
			}
			continue
		}
		f.scratch = append(f.scratch[:0], a.val...)
		val := f.scratch
		if at&trimAttr != 0 {
			val = parse.TrimWhitespace(parse.ReplaceMultipleWhitespaceAndEntities(val, html.EntitiesMap, nil))
		} else {
			val = parse.ReplaceEntities(val, html.EntitiesMap, nil)
		}
		if len(val) == 0 {
			switch string(a.name) {
			case "class", "id", "name":
				continue
			case "action":
				if string(name) == "form" {
					continue
				}
			}
		}
		if at&typeAttr != 0 || string(a.name) == "type" && mediaTypeOn[string(name)] {
			val = minify.Mediatype(val)
		}
		if at&urlAttr != 0 {
			val = parse.TrimWhitespace(val)
			if 5 < len(val) {
				if parse.EqualFold(val[:4], []byte("http")) {
					if val[4] == ':' {
						parse.ToLower(val[:4])
					} else if (val[4] == 's' || val[4] == 'S') && val[5] == ':' {
						parse.ToLower(val[:5])
					}
				} else if parse.EqualFold(val[:5], []byte("data:")) {
					return false
				}
			}
		}
		f.out.WriteByte(' ')
		f.out.Write(a.name)
		if len(val) > 0 && at&booleanAttr == 0 {
			f.out.WriteByte('=')
			f.out.Write(parsehtml.EscapeAttrVal(&f.quoted, val, '"', true))
		}
	}
	f.out.WriteByte('>')
	f.i = tagEnd
	if traits&phrasingTag != 0 && traits&voidTag == 0 {
		// An empty phrasing element (<span></span>) keeps the space after it.
		if bytes.HasPrefix(f.src[f.i:], []byte("</")) && bytes.HasPrefix(f.src[f.i+2:], name) && f.i+2+len(name) < len(f.src) && f.src[f.i+2+len(name)] == '>' {
			f.omitSpace = false
		}
	}
	return true
}

// CompareHTML minifies an HTML page both ways: with fastHTML (fast is nil when it gives up) and
// with the library alone. Tests check that the two agree on the pages of real sites.
func (m *Minifier) CompareHTML(data []byte) (fast, library []byte, err error) {
	var b bytes.Buffer
	if m.fastHTML(&b, data) {
		fast = b.Bytes()
	}
	var l bytes.Buffer
	if err := m.m.Minify("text/html", &l, bytes.NewReader(data)); err != nil {
		return nil, nil, err
	}
	return fast, l.Bytes(), nil
}
