package render

import (
	"os"
	"testing"

	"vises/internal/theme"
)

// TestDefaultThemeIsWrittenInGo checks that the default theme's own layouts and partials are
// the ones written in Go, so that TestLayoutsWrittenInGoMatchTheirTemplates (in build)
// compares the Go writers with the templates rather than the templates with themselves.
func TestDefaultThemeIsWrittenInGo(t *testing.T) {
	tmpl, ds := theme.Load(theme.NewLayered(theme.Layer{Name: "themes/default", FS: os.DirFS("../../themes/default")}), nil)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	for name := range goLayouts {
		if !tmpl.Own(name) {
			t.Errorf("layout %s is not the default theme's own", name)
		}
	}
	for name := range goPartials {
		if !tmpl.Default(name) {
			t.Errorf("partial %s is not the default theme's", name)
		}
	}
	if !tmpl.Default("partials/navlist.html") {
		t.Error("partial navlist.html is not the default theme's")
	}
}
