package build

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"vises/internal/config"
)

// TestTooWideTableIsReportedAtItsLine prints a pack holding a table too wide for an A4 page,
// even with its words broken: the build warns at the table's Markdown line, once, and a table
// that fits is not reported.
func TestTooWideTableIsReportedAtItsLine(t *testing.T) {
	requireTools(t)
	head := "|" + strings.Repeat(" Colonne |", 40) + "\n|" + strings.Repeat(" --- |", 40) + "\n"
	row := "|" + strings.Repeat(" x |", 40) + "\n"
	fsys := fstest.MapFS{
		"site.yaml":                        {Data: []byte("baseURL: https://kit.example/\nlanguages: [fr]\ntitle: {fr: Kit test}\n")},
		"content/fr/_index.md":             {Data: []byte("---\ntitle: Accueil\n---\n")},
		"content/fr/formation/_index.md":   {Data: []byte("---\ntitle: Formation\n---\n")},
		"content/fr/formation/atelier.md":  {Data: []byte("---\ntitle: Atelier\nhandouts:\n  - tableaux.md\n---\nUne matinée.\n")},
		"content/fr/formation/tableaux.md": {Data: []byte("---\ntitle: Tableaux\n---\nUn tableau qui tient :\n\n| Mot | Sens |\n| --- | --- |\n| a | b |\n\nUn tableau trop large :\n\n" + head + row)},
	}
	out := filepath.Join(t.TempDir(), "public")
	res := Run(Options{FS: fsys, Publish: true, PDF: true, Overrides: config.Overrides{OutDir: out}})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	var wide []string
	for _, d := range res.Diags.Items() {
		if strings.Contains(d.Msg, "this table needs") {
			wide = append(wide, d.Error())
		}
	}
	if len(wide) != 1 || !strings.HasPrefix(wide[0], "content/fr/formation/tableaux.md:12:") {
		t.Errorf("warnings about wide tables: %q; want one, at content/fr/formation/tableaux.md:12", wide)
	}
}
