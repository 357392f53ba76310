package content

import (
	"io/fs"
	"math/rand"
	"os"
	"reflect"
	"strings"
	"testing"

	"vises/internal/benchsite"
	"vises/internal/yamldecode"
)

// sameAsYAML checks that decodeSimple, when it reads src, gives what the YAML decoder gives.
func sameAsYAML(t *testing.T, src []byte) bool {
	t.Helper()
	var fast FrontMatter
	if !decodeSimple(src, &fast) {
		return false
	}
	var want FrontMatter
	ds, ok := yamldecode.Decode("x.md", 2, src, &want)
	if !ok || len(ds) > 0 {
		t.Fatalf("%q: read the simple way, but the YAML decoder says %v", src, ds)
	}
	if !reflect.DeepEqual(fast, want) {
		t.Fatalf("%q:\nsimple %+v\nYAML   %+v", src, fast, want)
	}
	return true
}

// randomFrontMatter writes lines of keys and values, most of them simple, some of them things
// decodeSimple must leave to the YAML decoder.
func randomFrontMatter(r *rand.Rand) []byte {
	keys := []string{"title", "description", "summary", "weight", "slug", "translationKey", "draft"}
	oddKeys := []string{"handouts", "other", "Title"}
	values := []string{"Coût & bénéfices", "L'ESS au « cœur »", "Étape 3a", "a",
		"a#b", "é\u00a0ü", "ok-value", "page-00012", "Une phrase, avec des virgules; et deux-points:b", "100 % social", "a?b", "a-b", "a/b"}
	oddValues := []string{"12", "0", "true", "false", "007", "-3", "yes", "No", "null", "~", "x: y", "a #b", "'quoted'", "\"dq\"", "[a, b]", "{a: b}", "> folded", "| lit",
		"*alias", "&anchor", "!tag x", "%x", "@x", "`x`", "trailing ", " leading", "tab\tin", "\u2028", "\x7f", "a\u0085b", ".5", "+1", "=",
		"<x", "x:", "1e3", "0x1F", "inf", ".inf", "!", "?", "#", "\xff", "a\r"}
	pick := func(common, odd []string) string {
		if r.Intn(8) == 0 {
			return odd[r.Intn(len(odd))]
		}
		return common[r.Intn(len(common))]
	}
	var b strings.Builder
	order := r.Perm(len(keys))
	for n := 1 + r.Intn(5); n > 0; n-- {
		if r.Intn(30) == 0 {
			b.WriteString([]string{"\n", "# comment\n", "  indented: x\n", "key\n", "title:\n"}[r.Intn(5)])
		}
		key := keys[order[n%len(order)]] // each key once, but now and then...
		if r.Intn(20) == 0 {
			key = pick(keys, oddKeys) // ...one again, or another
		}
		b.WriteString(key)
		b.WriteString(": ")
		var v string
		switch key {
		case "weight":
			v = pick([]string{"12", "0", "3", "250"}, []string{"007", "-3", "1.5", "x", "1e3", "0x1F", "99999999999"})
		case "draft":
			v = pick([]string{"true", "false"}, []string{"yes", "True", "1", "no"})
		default:
			v = pick(values, oddValues)
			if r.Intn(4) == 0 {
				v += " " + pick(values, oddValues)
			}
		}
		b.WriteString(v)
		if r.Intn(10) > 0 {
			b.WriteByte('\n')
		}
	}
	return []byte(b.String())
}

func TestDecodeSimpleMatchesYAML(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	simple := 0
	const n = 20000
	for i := 0; i < n; i++ {
		if sameAsYAML(t, randomFrontMatter(r)) {
			simple++
		}
	}
	if simple < n/3 {
		t.Errorf("only %d of %d front matters read the simple way", simple, n)
	}
	t.Logf("%d of %d front matters read the simple way", simple, n)
}

// TestDecodeSimpleOnRealPages reads the front matter of every page of the kit (mostly quoted
// titles and folded descriptions, left to the YAML decoder) and of a generated site (all
// simple) both ways.
func TestDecodeSimpleOnRealPages(t *testing.T) {
	gen := t.TempDir()
	if err := benchsite.Generate(gen, 100); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{"../../content", gen + "/content"} {
		pages, simple := 0, 0
		err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(root + "/" + p)
			if err != nil {
				return err
			}
			fm, _ := splitFrontMatter(src)
			pages++
			if sameAsYAML(t, fm) {
				simple++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d of %d pages read the simple way", root, simple, pages)
		if pages < 200 || root != "../../content" && simple != pages {
			t.Errorf("%s: %d pages, %d read the simple way", root, pages, simple)
		}
	}
}

func FuzzDecodeSimple(f *testing.F) {
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 40; i++ {
		f.Add(randomFrontMatter(r))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameAsYAML(t, src)
	})
}
