package publish

import (
	"bytes"
	"math/rand"
	"sort"
	"strings"
	"testing"
)

// randomHTML writes a document of the kind fastHTML reads, and some it must give up on: the
// elements and attributes of its tables (and a few others), text with spaces, line breaks and
// character references, nested at random.
func randomHTML(r *rand.Rand) []byte {
	var tags, attrs []string
	for t := range fastTags {
		tags = append(tags, t)
	}
	for a := range fastAttrs {
		attrs = append(attrs, a)
	}
	sort.Strings(tags)
	sort.Strings(attrs)
	attrs = append(attrs, "data-x", "aria-label")
	// Now and then something fastHTML gives up on.
	oddTags := []string{"svg", "textarea", "custom-el", "iframe", "B"}
	oddAttrs := []string{"style", "onclick", "dir", "xml:lang"}
	oddValues := []string{"data:x", "a\"b", "DATA:y"}
	texts := []string{" ", "  ", "\n", "\t", "a", "Coût", "l’ESS", "&amp;", "&lt;b&gt;", "&#34;", "&#39;", "&quot;", "&#43;", "&nbsp;", "&eacute;", "&", "«\u202fx\u202f»", "x &amp;y", "&amp;lt;", "\r\n", "é", ";", " : "}
	values := []string{"", " ", "x", "a b", " pad ", "../fr/", "https://x.example/a?b=1&amp;c=2", "HTTP://X.example", "Https://y", "#id", "text/html ; charset=UTF-8", "radio", "on", "a'b", "&#34;q&#34;", "&#39;", "width=device-width, initial-scale=1", "viewport", "keywords", "  a  b  ",
		"httpS://z", "http:", "https:", "http:/x", "hTtp://a", "http", "httpx://b", "https:y", "../a b/", "\nx", "x\n", "data:", "Data:z", "mailto:a@b"}
	var b strings.Builder
	if r.Intn(2) == 0 {
		b.WriteString("<!DOCTYPE html>\n")
	}
	var open []string
	for n := r.Intn(60); n > 0; n-- {
		switch r.Intn(5) {
		case 0, 1:
			b.WriteString(texts[r.Intn(len(texts))])
		case 2, 3:
			t := tags[r.Intn(len(tags))]
			if r.Intn(200) == 0 {
				t = oddTags[r.Intn(len(oddTags))]
			}
			b.WriteString("<" + t)
			for k := r.Intn(4); k > 0; k-- {
				b.WriteString([]string{" ", " ", "\n", "  "}[r.Intn(4)])
				if r.Intn(200) == 0 {
					b.WriteString(oddAttrs[r.Intn(len(oddAttrs))])
				} else {
					b.WriteString(attrs[r.Intn(len(attrs))])
				}
				if r.Intn(4) > 0 {
					v := values[r.Intn(len(values))]
					if r.Intn(200) == 0 {
						v = oddValues[r.Intn(len(oddValues))]
					}
					b.WriteString(`="` + v + `"`)
				}
			}
			b.WriteString(">")
			switch {
			case (t == "title" || t == "script") && r.Intn(20) > 0:
				// Text only (a script is empty), as in the pages fastHTML is for.
				if t == "title" {
					b.WriteString(texts[r.Intn(len(texts))])
				}
				b.WriteString("</" + t + ">")
			case fastTags[t]&voidTag == 0:
				open = append(open, t)
			}
		case 4:
			if len(open) > 0 {
				t := open[len(open)-1]
				open = open[:len(open)-1]
				b.WriteString("</" + t + ">")
			}
		}
	}
	for len(open) > 0 {
		b.WriteString("</" + open[len(open)-1] + ">")
		open = open[:len(open)-1]
	}
	return []byte(b.String())
}

// TestFastHTMLMatchesMinifier minifies random documents both ways: when fastHTML does not give
// up, it must give the library's bytes. Most documents must take the fast way.
func TestFastHTMLMatchesMinifier(t *testing.T) {
	m := NewMinifier(true)
	r := rand.New(rand.NewSource(1))
	fast := 0
	const n = 20000
	for i := 0; i < n; i++ {
		doc := randomHTML(r)
		got, want, err := m.CompareHTML(doc)
		if err != nil {
			continue // the library refuses it too
		}
		if got == nil {
			continue
		}
		fast++
		if !bytes.Equal(got, want) {
			t.Fatalf("%q:\nfast    %q\nlibrary %q", doc, got, want)
		}
	}
	if fast < n/2 {
		t.Errorf("only %d documents of %d took the fast way", fast, n)
	}
	t.Logf("%d of %d documents minified the fast way", fast, n)
}

func FuzzFastHTML(f *testing.F) {
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 50; i++ {
		f.Add(randomHTML(r))
	}
	f.Add([]byte("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>A &amp; B</title>\n</head>\n<body class=\"x\">\n<p>a <em>b</em> </p>\n</body>\n</html>\n"))
	m := NewMinifier(true)
	f.Fuzz(func(t *testing.T, doc []byte) {
		got, want, err := m.CompareHTML(doc)
		if err != nil || got == nil {
			return
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%q:\nfast    %q\nlibrary %q", doc, got, want)
		}
	})
}

// TestNameTables checks that the look-up tables hold exactly the names of fastTags and
// fastAttrs.
func TestNameTables(t *testing.T) {
	for _, c := range []struct {
		table *nameTable
		names map[string]int
	}{{tagTable, fastTags}, {attrTable, fastAttrs}} {
		n := 0
		for _, slot := range c.table {
			if slot.name != "" {
				n++
			}
		}
		if n != len(c.names) {
			t.Errorf("table holds %d names, want %d", n, len(c.names))
		}
		for name, traits := range c.names {
			if got, ok := c.table.get([]byte(name)); !ok || got != traits {
				t.Errorf("get(%q) = %d, %v; want %d", name, got, ok, traits)
			}
		}
		for _, name := range []string{"", "x", "svg", "style", "tablex", "hreff", "dat", "aria"} {
			_, in := c.names[name]
			if _, ok := c.table.get([]byte(name)); ok != in {
				t.Errorf("get(%q) says %v", name, ok)
			}
		}
	}
}

// refUnchanged is unchanged as first written, a byte at a time.
func refUnchanged(b []byte) bool {
	prevSpace := false
	for _, c := range b {
		switch c {
		case ' ', '\n':
			if prevSpace {
				return false
			}
			prevSpace = true
		case '\t', '\r', '\f', '&':
			return false
		default:
			prevSpace = false
		}
	}
	return true
}

// TestUnchangedMatchesReference compares unchanged with refUnchanged on texts of every length
// up to 40 made of letters, spaces, line breaks, other white space and ampersands.
func TestUnchangedMatchesReference(t *testing.T) {
	r := rand.New(rand.NewSource(39))
	alphabet := []byte("ab  \n\n\t\r\f&é")
	for n := 0; n <= 40; n++ {
		for range 3000 {
			b := make([]byte, n)
			for i := range b {
				// Mostly letters, so that long texts still pass now and then.
				if r.Intn(4) == 0 {
					b[i] = alphabet[r.Intn(len(alphabet))]
				} else {
					b[i] = 'a' + byte(r.Intn(26))
				}
			}
			if have, want := unchanged(b), refUnchanged(b); have != want {
				t.Fatalf("unchanged(%q) = %v, want %v", b, have, want)
			}
		}
	}
}

func FuzzUnchanged(f *testing.F) {
	for _, s := range []string{"a b", "a  b", "12345678 \n", "1234567 \n", "&amp;", "tab\there"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if have, want := unchanged(b), refUnchanged(b); have != want {
			t.Fatalf("unchanged(%q) = %v, want %v", b, have, want)
		}
	})
}
