package render

import (
	"bytes"
	"html/template"
	"math/rand"
	"strings"
	"testing"
)

// TestEscapersMatchHTMLTemplate writes strings with html/template and with the escapers of
// the lists written in Go, in the three places those lists put values.
func TestEscapersMatchHTMLTemplate(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<a href="{{.}}">{{.}}</a><a href="#{{.}}"></a><a href="/x/{{.}}"></a>`))
	inputs := []string{"", "a", "../methode/", "./", "#x", "fr/cas/cooperative-energie/", "Coût & bénéfices « 12 % » l’ESS",
		`"quoted" 'single' <b>+</b>`, "javascript:alert(1)", "JavaScript:x", "mailto:a@b.c", "HTTPS://x.example/a b",
		"%41%zz%4", "a/b:c", "\x00nul", "é\xffinvalid", "100%", "?q=1&r=2#frag", "ǅ\u202f»", "a\tb\nc"}
	r := rand.New(rand.NewSource(1))
	alphabet := []rune("aZ09-._~!#$&*+,/:;=?@[]%'\"<>() \t\n\x00éœ’«»\u202f")
	for i := 0; i < 3000; i++ {
		n := r.Intn(20)
		var s strings.Builder
		for j := 0; j < n; j++ {
			s.WriteRune(alphabet[r.Intn(len(alphabet))])
		}
		inputs = append(inputs, s.String())
	}
	for _, in := range inputs {
		var want bytes.Buffer
		if err := tmpl.Execute(&want, in); err != nil {
			t.Fatal(err)
		}
		var have bytes.Buffer
		have.WriteString(`<a href="`)
		escapeURLAttr(&have, in)
		have.WriteString(`">`)
		escapeText(&have, in)
		have.WriteString(`</a><a href="#`)
		escapeURLPartAttr(&have, in)
		have.WriteString(`"></a><a href="/x/`)
		escapeURLPathAttr(&have, in)
		have.WriteString(`"></a>`)
		if have.String() != want.String() {
			t.Fatalf("%q:\nhave %s\nwant %s", in, have.String(), want.String())
		}
	}
}
