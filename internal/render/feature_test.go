package render

import (
	"bytes"
	"html/template"
	"testing"
	"testing/fstest"

	"vises/internal/config"
	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/i18n"
	"vises/internal/markdown"
	"vises/internal/theme"
)

// greeter is a feature: a template function, and a page of its own drawn through a layout
// with its data as .View and its own address in the other language.
type greeter struct{}

func (greeter) Funcs() template.FuncMap {
	return template.FuncMap{"greeting": func(c *Ctx) string { return "hello from " + c.Lang }}
}

func (greeter) Outputs(r *Renderer) []Output {
	var out []Output
	for _, lang := range r.Config().Languages {
		u := lang + "/hello/"
		out = append(out, Output{Name: u + "index.html", Render: func() ([]byte, error) {
			return r.Layout(LayoutPage{Layout: "hello", Page: r.Site().Home[lang], URL: u, View: "view of " + lang,
				Own: func(p *content.Page) string { return p.Lang + "/hello/" }})
		}})
	}
	return out
}

func TestFeatureAddsFunctionsAndPages(t *testing.T) {
	fsys := fstest.MapFS{
		"content/fr/_index.md":       {Data: []byte("---\ntitle: Accueil\n---\n")},
		"content/nl/_index.md":       {Data: []byte("---\ntitle: Home\n---\n")},
		"layouts/base.html":          {Data: []byte(`{{define "base"}}{{block "main" .}}{{end}}{{end}}`)},
		"layouts/home.html":          {Data: []byte(`{{define "main"}}{{greeting .}}{{end}}`)},
		"layouts/hello.html":         {Data: []byte(`{{define "main"}}{{greeting .}}|{{.View}}|{{range .Alternates}}{{.Href}} {{end}}{{end}}`)},
		"layouts/partials/body.html": {Data: []byte(`{{.Lang}} {{.Rel "fr/"}} {{.Rel "nl/"}} {{greeting .}}`)},
	}
	cfg := &config.Config{BaseURL: "https://x.example/", Languages: []string{"fr", "nl"}, DefaultLanguage: "fr"}
	var l diag.List
	mds := content.Markdowns{}
	for _, lang := range cfg.Languages {
		mds[lang] = markdown.New(markdown.Options{Lang: lang})
	}
	site := content.Load(fsys, cfg.Languages, mds, &l, content.LoadOptions{Workers: 1})
	ui, _ := i18n.Load(nil, cfg.Languages)
	funcs, err := Funcs(greeter{})
	if err != nil {
		t.Fatal(err)
	}
	tmpl, ds := theme.Load(theme.NewLayered(theme.Layer{Name: "t", FS: fsys}), funcs)
	if len(ds) > 0 || l.HasErrors() {
		t.Fatalf("loading: %v %v", ds, l.Items())
	}
	r := New(cfg, site, ui, tmpl, mds, nil, greeter{})
	r.Links(1)
	outs := r.Outputs()
	if len(outs) != 2 || outs[1].Name != "nl/hello/index.html" {
		t.Fatalf("outputs: %+v", outs)
	}
	got, err := outs[1].Render()
	if err != nil {
		t.Fatal(err)
	}
	want := "hello from nl|view of nl|https://x.example/fr/hello/ https://x.example/nl/hello/ https://x.example/ "
	if string(got) != want {
		t.Errorf("feature page:\n got %q\nwant %q", got, want)
	}
	var page bytes.Buffer
	if _, err := r.Page(&page, site.Home["fr"]); err != nil {
		t.Fatal(err)
	}
	if page.String() != "hello from fr" {
		t.Errorf("home page: %q, want the feature's function", page.String())
	}
	// A page drawn inside another output (as a handout in a pack): its addresses are seen
	// from that output, and a page standing as a part of it is an anchor.
	embedded, err := r.Embed(Embed{Layout: "hello", Partial: "partials/body.html", Page: site.Home["fr"], URL: "fr/hello/",
		Anchors: map[string]string{"nl/": "part-2"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "fr ../ #part-2 hello from fr"; string(embedded) != want {
		t.Errorf("embedded page: %q, want %q", embedded, want)
	}
	// Its kind, text and view may be given by the feature (as a pack gives its parts).
	fsys["layouts/partials/view.html"] = &fstest.MapFile{Data: []byte(`{{.Kind}} {{.Content}} {{.View}}`)}
	tmpl, _ = theme.Load(theme.NewLayered(theme.Layer{Name: "t", FS: fsys}), funcs)
	r = New(cfg, site, ui, tmpl, mds, nil, greeter{})
	r.Links(1)
	embedded, err = r.Embed(Embed{Layout: "hello", Partial: "partials/view.html", Page: site.Home["fr"], URL: "fr/hello/",
		Kind: "pack", Content: "<p>text</p>", View: "the pack"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "pack <p>text</p> the pack"; string(embedded) != want {
		t.Errorf("embedded page with its kind, text and view: %q, want %q", embedded, want)
	}
	if _, err := Funcs(greeter{}, greeter{}); err == nil {
		t.Error("two features giving the same function: no error")
	}
}
