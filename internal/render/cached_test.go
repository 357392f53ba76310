package render

import (
	"html/template"
	"reflect"
	"strings"
	"testing"
)

// TestTextHolesMatchTemplates executes small templates that write a text where html/template
// escapes it in different ways, once with a text hole and once with each of a few texts. Where
// the hole is found, filling it must give what the template gives; where the escaping would
// change a character of textProbe, the hole must not be found (the partial is then executed
// for every page).
func TestTextHolesMatchTemplates(t *testing.T) {
	texts := []string{
		"Évaluer l’impact social\u202f: une démarche en cinq étapes",
		"Maatschappelijke impact (sociale economie) – begeleiding",
		"Cœur, « valeur » et 3,5\u00a0°C ?",
		"SOC-43 · Accidents du travail (100\u00a0% [a|b] {x} @ 5\u00a0€) „zo” ‹x› §2",
	}
	unsafe := []string{"Rock & roll", `Le "VISES"`, "l'impact", "a<b", "1+1", "x\u2028y", "😀", ""}
	cases := []struct {
		name, src string
		found     bool
	}{
		{"text", `<p>{{.}}</p>`, true},
		{"quoted attribute", `<a title="{{.}}">x</a>`, true},
		{"title element", `<title>{{.}} · site</title>`, true},
		{"unquoted attribute", `<a title={{.}}>x</a>`, false},
		{"address", `<a href="{{.}}">x</a>`, false},
		{"query", `<a href="/s?q={{.}}">x</a>`, false},
		{"script", `<script>var t = {{.}};</script>`, true},
		{"style", `<p style="color: {{.}}">x</p>`, false},
		{"style element", `<style>p::before { content: "{{.}}" }</style>`, false},
	}
	for _, c := range cases {
		tmpl := template.Must(template.New("t").Parse(c.src))
		rec := &recorder[string]{}
		var b strings.Builder
		if err := tmpl.Execute(&b, rec.textHole("x", func(v string) string { return v })); err != nil {
			t.Fatal(err)
		}
		f := cut(b.String(), rec)
		if found := f != nil; found != c.found {
			t.Errorf("%s: hole found %v, want %v (output %q)", c.name, found, c.found, b.String())
			continue
		}
		if f == nil {
			continue
		}
		for _, text := range texts {
			var want strings.Builder
			if err := tmpl.Execute(&want, text); err != nil {
				t.Fatal(err)
			}
			got, ok := f.appendTo(nil, text)
			if !ok || string(got) != want.String() {
				t.Errorf("%s: filled with %q: %q (%v), template gives %q", c.name, text, got, ok, want.String())
			}
		}
		for _, text := range unsafe {
			if got, ok := f.appendTo(nil, text); ok {
				t.Errorf("%s: a hole filled with %q (%q): it must be executed", c.name, text, got)
			}
		}
	}
}

// TestChangedMarkersAreRefused: a template function that changes a marker (case, length)
// leaves a partial that cannot be cut, rather than one that writes the marker on a page.
func TestChangedMarkersAreRefused(t *testing.T) {
	funcs := template.FuncMap{"upper": strings.ToUpper, "short": func(s string) string { return s[:len(s)/2] }}
	for _, src := range []string{`<p>{{upper .}}</p>`, `<p>{{short .}}</p>`} {
		tmpl := template.Must(template.New("t").Funcs(funcs).Parse(src))
		for _, kind := range []string{"address", "text"} {
			rec := &recorder[string]{}
			m := rec.hole(func(v string) string { return v })
			if kind == "text" {
				rec = &recorder[string]{}
				m = rec.textHole("x", func(v string) string { return v })
			}
			var b strings.Builder
			if err := tmpl.Execute(&b, m); err != nil {
				t.Fatal(err)
			}
			if f := cut(b.String(), rec); f != nil {
				t.Errorf("%s, %s hole: cut %q into %q", src, kind, b.String(), f.parts)
			}
		}
	}
}

func TestPlainValues(t *testing.T) {
	for _, c := range []struct {
		kind byte
		v    string
		want bool
	}{
		{holeAddress, "../../methode/", true},
		{holeAddress, "https://kit.example/fr/", true},
		{holeAddress, "javascript:alert(1)", false},
		{holeID, "etape-2_bis", true},
		{holeID, "a/b", false},
		{holeID, "", false},
		{holeText, "Étape 2\u202f: mesurer", true},
		{holeText, "A & B", false},
		{holeText, "", false},
		{holeHTML, "<li>x</li>", true},
	} {
		if got := fits(c.kind, c.v); got != c.want {
			t.Errorf("fits(%c, %q) = %v, want %v", c.kind, c.v, got, c.want)
		}
	}
}

// TestLinkShapeHasEveryField: a link that differs from an empty one in any single field has
// another key (appendLink), so that a field added to Link cannot be left out of the key of
// the cached partials and navigation entries that show it (texts, address and list are holes:
// whether they are empty is what the key holds).
func TestLinkShapeHasEveryField(t *testing.T) {
	empty := string(appendLink(nil, &Link{}))
	typ := reflect.TypeOf(Link{})
	for i := range typ.NumField() {
		var l Link
		f := reflect.ValueOf(&l).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Slice:
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
		default:
			t.Fatalf("field %s: a %s, which this test does not know how to set", typ.Field(i).Name, f.Kind())
		}
		if got := string(appendLink(nil, &l)); got == empty {
			t.Errorf("field %s is not part of a link's key (%q)", typ.Field(i).Name, got)
		}
	}
}
