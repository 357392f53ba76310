package main

import (
	"strings"
	"testing"
)

// TestBuildAndCheckReportTheSameWarnings builds and checks a site with a missing translation,
// a draft and a Hugo key: both commands print the same warnings and count them.
func TestBuildAndCheckReportTheSameWarnings(t *testing.T) {
	writeSite(t, map[string]string{
		"site.yaml":               "languages: [fr, nl]\ntitle: {fr: Kit, nl: Kit}\n",
		"content/fr/_index.md":    "---\ntitle: Accueil\n---\nBonjour.\n",
		"content/nl/_index.md":    "---\ntitle: Start\n---\nHallo.\n",
		"content/fr/seule.md":     "---\ntitle: Seule\ndate: 2024-01-02\n---\nSans traduction.\n",
		"content/fr/brouillon.md": "---\ntitle: Brouillon\ndraft: true\n---\n",
	})
	warnings := func(stderr string) []string {
		var out []string
		for _, line := range strings.Split(stderr, "\n") {
			if strings.Contains(line, ": warning: ") {
				out = append(out, line)
			}
		}
		return out
	}
	code, checkOut, checkErr := runCLI("check")
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, checkErr)
	}
	code, buildOut, buildErr := runCLI("build")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, buildErr)
	}
	cw, bw := warnings(checkErr), warnings(buildErr)
	if len(cw) != 3 {
		t.Errorf("check printed %d warnings, want 3 (translation, draft, date):\n%s", len(cw), checkErr)
	}
	if strings.Join(cw, "\n") != strings.Join(bw, "\n") {
		t.Errorf("build and check warn differently:\ncheck:\n%s\nbuild:\n%s", checkErr, buildErr)
	}
	for name, summary := range map[string]string{"check": checkOut, "build": buildOut} {
		if !strings.Contains(summary, "3 warnings") {
			t.Errorf("%s's summary does not count the warnings: %q", name, summary)
		}
	}
}

// TestPDFProgressOnATerminalOnly: the progress of --pdf goes over one line of a terminal, and
// a writer that is not a terminal (a log, a pipe) gets none.
func TestPDFProgressOnATerminalOnly(t *testing.T) {
	var b strings.Builder
	if pdfProgress(&b) != nil {
		t.Error("progress shown on a writer that is not a terminal")
	}
	show := progressLine(&b)
	show(1, 2, "fr/formation/a/livret.pdf")
	show(2, 2, "fr/formation/a/livret-animateur.pdf")
	want := "\r\x1b[Kvises build --pdf: printing pack 1 of 2: fr/formation/a/livret.pdf" +
		"\r\x1b[Kvises build --pdf: printing pack 2 of 2: fr/formation/a/livret-animateur.pdf\n"
	if b.String() != want {
		t.Errorf("progress %q, want %q", b.String(), want)
	}
}
