package theme

import (
	"testing"
	"testing/fstest"
)

// TestOwn checks which layouts count as the default theme's through and through, those that
// vises may write in Go instead of executing them.
func TestOwn(t *testing.T) {
	def := fstest.MapFS{
		"layouts/base.html":          {Data: []byte(`{{define "base"}}<title>{{block "title" .}}{{.}}{{end}}</title>{{block "scripts" .}}{{end}}{{block "main" .}}{{end}}{{block "sidebar" .}}{{end}}{{end}}`)},
		"layouts/page.html":          {Data: []byte(`{{define "main"}}<p>{{.}}</p>{{end}}`)},
		"layouts/section.html":       {Data: []byte(`{{define "main"}}<ul></ul>{{end}}`)},
		"layouts/partials/toc.html":  {Data: []byte(`<nav></nav>`)},
		"layouts/partials/list.html": {Data: []byte(`<ul></ul>`)},
	}
	for _, tc := range []struct {
		name    string
		partner fstest.MapFS // nil: the default theme alone
		page    bool         // Own("page.html")
		section bool         // Own("section.html")
	}{
		{"default theme", nil, true, true},
		{"a byte-identical copy of page.html", fstest.MapFS{"layouts/page.html": def["layouts/page.html"]}, true, true},
		{"page.html changed", fstest.MapFS{"layouts/page.html": {Data: []byte(`{{define "main"}}<div>{{.}}</div>{{end}}`)}}, false, true},
		{"base.html changed", fstest.MapFS{"layouts/base.html": {Data: []byte(`{{define "base"}}{{block "title" .}}{{end}}{{block "scripts" .}}{{end}}{{block "main" .}}{{end}}{{block "sidebar" .}}{{end}}<footer></footer>{{end}}`)}}, false, false},
		{"a partial redefining the title", fstest.MapFS{"layouts/partials/list.html": {Data: []byte(`<ul></ul>{{define "title"}}T{{end}}`)}}, false, false},
		{"a partial redefining the sidebar", fstest.MapFS{"layouts/partials/toc.html": {Data: []byte(`{{define "sidebar"}}S{{end}}`)}}, false, false},
		{"a partial changed, no block redefined", fstest.MapFS{"layouts/partials/toc.html": {Data: []byte(`<nav class="x"></nav>`)}}, true, true},
	} {
		layers := []Layer{{Name: "themes/default", FS: def}}
		if tc.partner != nil {
			layers = append([]Layer{{Name: "themes/partner", FS: tc.partner}}, layers...)
		}
		tmpl, ds := Load(NewLayered(layers...), nil)
		if len(ds) > 0 {
			t.Fatalf("%s: %v", tc.name, ds)
		}
		if got := tmpl.Own("page.html"); got != tc.page {
			t.Errorf("%s: Own(page.html) = %v, want %v", tc.name, got, tc.page)
		}
		if got := tmpl.Own("section.html"); got != tc.section {
			t.Errorf("%s: Own(section.html) = %v, want %v", tc.name, got, tc.section)
		}
	}
}
