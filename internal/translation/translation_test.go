package translation

import (
	"strings"
	"testing"
)

func TestNormalizeLeavesOutWhatTranslatorsDoNotTranslate(t *testing.T) {
	a := "---\ntitle: Guide\nlastmod: 2026-01-01\ntranslationOf:\n  lang: nl\n  hash: abc\n---\nUn.  \n\n\n\nDeux.\n"
	b := "\ufeff---\r\ntitle: Guide\r\nsourceLang: fr\r\n---\r\nUn.\r\n\r\nDeux.\r\n\r\n"
	if Normalize([]byte(a)) != Normalize([]byte(b)) {
		t.Errorf("the same text normalises differently:\n%q\n%q", Normalize([]byte(a)), Normalize([]byte(b)))
	}
	if want := "---\ntitle: Guide\n---\nUn.\n\nDeux.\n"; Normalize([]byte(a)) != want {
		t.Errorf("Normalize = %q, want %q", Normalize([]byte(a)), want)
	}
	if Hash(Normalize([]byte(a))) == Hash(Normalize([]byte(strings.Replace(a, "Deux", "Trois", 1)))) {
		t.Error("a changed text has the same hash")
	}
	if n := len(Hash("x")); n != 12 {
		t.Errorf("hash of %d characters, want 12", n)
	}
}

func TestSetMarkChangesOnlyItsLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"added at the end of the front matter",
			"---\ntitle: Gids\nslug: gids\n---\nTekst.\n",
			"---\ntitle: Gids\nslug: gids\ntranslationOf: {lang: fr, hash: 0123456789ab}\n---\nTekst.\n"},
		{"replaced where it is",
			"---\ntitle: Gids\ntranslationOf: {lang: fr, hash: ffffffffffff}\nslug: gids\n---\nTekst.\n",
			"---\ntitle: Gids\ntranslationOf: {lang: fr, hash: 0123456789ab}\nslug: gids\n---\nTekst.\n"},
		{"a block form replaced with its lines",
			"---\ntitle: Gids\ntranslationOf:\n  lang: fr\n  hash: ffffffffffff\nweight: 2\n---\n",
			"---\ntitle: Gids\ntranslationOf: {lang: fr, hash: 0123456789ab}\nweight: 2\n---\n"},
		{"CRLF line ends and a byte order mark kept",
			"\ufeff---\r\ntitle: Gids\r\n---\r\nTekst.\r\n",
			"\ufeff---\r\ntitle: Gids\r\ntranslationOf: {lang: fr, hash: 0123456789ab}\r\n---\r\nTekst.\r\n"},
		{"a body line that looks like a key left alone",
			"---\ntitle: Gids\n---\ntranslationOf: niet in de front matter\n",
			"---\ntitle: Gids\ntranslationOf: {lang: fr, hash: 0123456789ab}\n---\ntranslationOf: niet in de front matter\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, ok := SetMark([]byte(tt.in), "fr", "0123456789ab")
			if !ok || string(out) != tt.want {
				t.Errorf("SetMark = %q, %v\nwant %q", out, ok, tt.want)
			}
		})
	}
	if _, ok := SetMark([]byte("Geen front matter.\n"), "fr", "x"); ok {
		t.Error("SetMark wrote in a file without front matter")
	}
}

func TestDiffNamesParagraphsAddedRemovedEdited(t *testing.T) {
	old := "---\ntitle: Guide\n---\nUn.\n\nDeux.\n\nTrois.\n\nQuatre.\n"
	now := "---\ntitle: Guide corrigé\n---\nUn.\n\nDeux, corrigé.\n\nQuatre.\n\nCinq.\n"
	got := Diff(old, now)
	var kinds []string
	for _, c := range got {
		kinds = append(kinds, c.Kind+":"+c.Old+">"+c.New)
	}
	want := []string{
		"edited:title: Guide>title: Guide corrigé",
		"edited:Deux.>Deux, corrigé.",
		"removed:Trois.>",
		"added:>Cinq.",
	}
	if strings.Join(kinds, "|") != strings.Join(want, "|") {
		t.Errorf("Diff =\n%s\nwant\n%s", strings.Join(kinds, "\n"), strings.Join(want, "\n"))
	}
	if s := Summary(got); s != "2 paragraphs edited, 1 added, 1 removed" {
		t.Errorf("Summary = %q", s)
	}
	if len(Diff(old, old)) != 0 {
		t.Error("a text differs from itself")
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"2026-03-01": "2026-03-01", "2026-03-01T23:30:00-02:00": "2026-03-02", "1 mars": ""} {
		d, ok := ParseDate(in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("ParseDate(%q) = %q, want %q", in, got, want)
		}
	}
}
