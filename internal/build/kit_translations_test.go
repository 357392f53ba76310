package build

import (
	"io/fs"
	"os"
	"testing"

	"vises/internal/translation"
)

// TestKitTranslationsAreCurrent checks the kit as committed: no translation is stale or
// unmarked, none is orphaned, and every marked one has the source text it was marked from in
// translations/, so that vises translations diff can show what changes next. After merging
// content, `go run ./cmd/vises translations mark content` marks the kit again.
func TestKitTranslationsAreCurrent(t *testing.T) {
	root := os.DirFS("../..")
	res := Run(Options{FS: root})
	rep := res.Translations
	if rep == nil {
		t.Fatal(res.Diags.String())
	}
	current := 0
	for _, e := range rep.Entries {
		switch e.Status {
		case translation.Current:
			current++
			stored, err := fs.ReadFile(root, translation.StoreFile(e.Page))
			if err != nil || translation.Hash(string(stored)) != e.Marked {
				t.Errorf("%s: %s does not hold the source it was marked from", e.Page.File, translation.StoreFile(e.Page))
			}
		case translation.Missing:
			// vises check warns of it (TestKitChecksClean).
		default:
			t.Errorf("%s: %s (run: go run ./cmd/vises translations mark content, once the translations match their sources)", e.File(), e.Status)
		}
	}
	if current < 100 {
		t.Errorf("only %d current translations", current)
	}
}
