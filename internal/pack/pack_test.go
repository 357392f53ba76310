package pack

import (
	"bytes"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"vises/internal/markdown"
)

// The regular expressions that once made a part of a pack from a page's finished HTML, kept
// here as the reference that markdown.RenderOptions must match.
var refFacilitator = regexp.MustCompile(`<div class="callout callout-facilitator"[^>]*>`)

func refStripFacilitator(h string) string {
	for {
		loc := refFacilitator.FindStringIndex(h)
		if loc == nil {
			return h
		}
		depth, i := 0, loc[0]
		end := len(h)
		for i < len(h) {
			open := strings.Index(h[i:], "<div")
			close := strings.Index(h[i:], "</div>")
			if close < 0 {
				break
			}
			if open >= 0 && open < close {
				depth++
				i += open + 4
				continue
			}
			depth--
			i += close + len("</div>")
			if depth == 0 {
				end = i
				break
			}
		}
		h = h[:loc[0]] + h[end:]
	}
}

// TestRenderOptionsMatchTheRegularExpressions renders every page of the kit both ways: with
// render options (facilitator notes left out, IDs prefixed, the page's own anchors pointed at
// the prefixed IDs by the resolver), and by the regular expressions over the finished HTML that
// packs used before. The HTML must be the same, byte for byte.
func TestRenderOptionsMatchTheRegularExpressions(t *testing.T) {
	mds := map[string]*markdown.Markdown{"fr": markdown.New(markdown.Options{Lang: "fr"}), "nl": markdown.New(markdown.Options{Lang: "nl"})}
	root := os.DirFS("../../content")
	n, notes := 0, 0
	err := fs.WalkDir(root, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := fs.ReadFile(root, path)
		if err != nil {
			return err
		}
		if rest, ok := bytes.CutPrefix(src, []byte("---\n")); ok {
			if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
				src = rest[i+5:]
			}
		}
		doc := mds[path[:2]].Parse(src)
		const prefix = "part-3-"
		// Links to the page's own anchors: "#x" as written; other links as they are.
		plain := func(dest string) string { return dest }
		prefixed := func(dest string) string {
			if strings.HasPrefix(dest, "#") {
				return "#" + prefix + dest[1:]
			}
			return dest
		}
		for _, leaveOut := range [][]string{nil, {"facilitator"}} {
			want := prefixIDs(doc.HTML(plain), prefix)
			if leaveOut != nil {
				want = refStripFacilitator(want)
			}
			got := doc.HTMLWith(prefixed, markdown.RenderOptions{LeaveOut: leaveOut, IDPrefix: prefix})
			if got != want {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("%s (leave out %v): differs at byte %d:\n got %.120q\nwant %.120q", path, leaveOut, i, got[i:], want[i:])
			}
		}
		notes += strings.Count(doc.HTML(plain), "callout-facilitator")
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 || notes < 20 {
		t.Fatalf("%d pages with %d facilitator notes compared: the kit was not found", n, notes)
	}
}

func TestMinutesAndDurations(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{{"9 h 30", 570}, {"9 h", 540}, {"12\u202fh\u00a015", 735}, {"9.30 uur", 570}, {"16.30 uur", 990}, {"9u30", 570}, {"14:05", 845}, {"Semaine 0", -1}, {"", -1}} {
		if got := minutes(c.in); got != c.want {
			t.Errorf("minutes(%q) = %d, want %d", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{{"fr", 20, "20\u00a0min"}, {"fr", 60, "1\u00a0h"}, {"fr", 75, "1\u00a0h\u00a015"}, {"fr", 210, "3\u00a0h\u00a030"},
		{"nl", 20, "20\u00a0min"}, {"nl", 180, "3\u00a0uur"}, {"nl", 65, "1\u00a0u\u00a005"}, {"fr", 0, ""}, {"nl", -5, ""}} {
		if got := duration(c.lang, c.n); got != c.want {
			t.Errorf("duration(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestCSSString(t *testing.T) {
	for in, want := range map[string]string{
		`Atelier`:               `"Atelier"`,
		`« Un chiffre » · p. 3`: `"« Un chiffre » · p. 3"`,
		`a"b\c`:                 `"a\22 b\5c c"`,
		"</style>":              `"\3c /style\3e "`,
	} {
		if got := cssString(in); got != want {
			t.Errorf("cssString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestRaise(t *testing.T) {
	src := "### Module 1 {#m1}\n\nTexte.\n\n#### Détail\n\n```\n### code\n```\n## Autre\n#hashtag\n"
	want := "## Module 1 {#m1}\n\nTexte.\n\n### Détail\n\n```\n### code\n```\n## Autre\n#hashtag\n"
	if got := string(raise([]byte(src), 1)); got != want {
		t.Errorf("raise:\n%s\nwant\n%s", got, want)
	}
	if got := string(raise([]byte(src), 0)); got != src {
		t.Errorf("raise by 0 changed the text: %s", got)
	}
}
