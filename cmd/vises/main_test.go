package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeSite writes files (path -> content) into a new folder and makes it the working folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

var goodSite = map[string]string{
	"site.yaml":            "languages: [fr, nl]\ntitle: {fr: Kit, nl: Kit}\n",
	"content/fr/_index.md": "---\ntitle: Accueil\n---\nBonjour.\n",
	"content/nl/_index.md": "---\ntitle: Start\n---\nHallo.\n",
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestExitCodes(t *testing.T) {
	writeSite(t, goodSite)
	tests := []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"build", "--no-such-flag"}, 2},
		{[]string{"build", "extra-argument"}, 2},
		{[]string{"check", "--out", "x"}, 2}, // check writes nothing, so it has no --out
		{[]string{"version", "x"}, 2},
		{[]string{"version"}, 0},
		{[]string{"check"}, 0},
		{[]string{"build"}, 0},
		{[]string{"build", "--config", "missing.yaml"}, 1},
		{[]string{"build", "--base-url", "not a url"}, 1},
	}
	for _, tt := range tests {
		if code, _, stderr := runCLI(tt.args...); code != tt.code {
			t.Errorf("vises %s: exit %d, want %d\n%s", strings.Join(tt.args, " "), code, tt.code, stderr)
		}
	}
}

func TestBuildPrintsOneSummaryLine(t *testing.T) {
	writeSite(t, goodSite)
	code, stdout, stderr := runCLI("build", "--out", "site-out")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := regexp.MustCompile(`^vises build: 2 pages \(fr 1, nl 1\); \d+ files written to site-out; 0 warnings in \d+(\.\d+)?(µs|ms|s)\n$`)
	if !want.MatchString(stdout) {
		t.Errorf("summary %q does not match %s", stdout, want)
	}
	if _, err := os.Stat(filepath.Join("site-out", "fr", "index.html")); err != nil {
		t.Error(err)
	}
	// Built again from the same files, the folder is found up to date and said to be.
	code, stdout, stderr = runCLI("build", "--out", "site-out")
	if code != 0 {
		t.Fatalf("second build: exit %d: %s", code, stderr)
	}
	again := regexp.MustCompile(`^vises build: 2 pages \(fr 1, nl 1\); site-out up to date \(nothing changed since the build that wrote its \d+ files\); 0 warnings in \d+(\.\d+)?(µs|ms|s)\n$`)
	if !again.MatchString(stdout) {
		t.Errorf("second summary %q does not match %s", stdout, again)
	}
}

// TestBuildRefusesAnOutputThatWouldReplaceTheSite checks that --out cannot name the site's
// folder or a folder inside its sources, which publishing would replace.
func TestBuildRefusesAnOutputThatWouldReplaceTheSite(t *testing.T) {
	writeSite(t, goodSite)
	for out, msg := range map[string]string{
		".":              "--out . would replace the site's own folder",
		"content/public": "--out content/public is inside the site's content/ folder",
		"themes":         "--out themes is inside the site's themes/ folder",
	} {
		code, _, stderr := runCLI("build", "--out", out)
		if code != 1 || !strings.Contains(stderr, msg) {
			t.Errorf("vises build --out %s: exit %d, stderr %q; want 1 and %q", out, code, stderr, msg)
		}
	}
	if _, err := os.Stat(filepath.Join("content", "fr", "_index.md")); err != nil {
		t.Errorf("the site's content is gone: %v", err)
	}
	if _, err := os.Stat(filepath.Join("content", "public")); err == nil {
		t.Error("an output folder was written inside content/")
	}
}

func TestBuildErrorsArePrintedSortedWithPositions(t *testing.T) {
	files := map[string]string{}
	for k, v := range goodSite {
		files[k] = v
	}
	files["content/nl/a.md"] = "---\ntitle: B\nkleur: rood\n---\n[x](nergens.md)\n"
	files["content/fr/a.md"] = "---\ntitle: A\n---\nTexte.\n\nVoir [y](absente.md#z).\n"
	writeSite(t, files)
	code, stdout, stderr := runCLI("build")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	want := `content/fr/a.md:6:6: broken link "absente.md#z": no page content/fr/absente.md
content/nl/a.md:3:1: front matter: unknown key "kleur"
content/nl/a.md:5:1: broken link "nergens.md": no page content/nl/nergens.md
vises build: 3 errors, 0 warnings; nothing was written
`
	if stderr != want || stdout != "" {
		t.Errorf("stderr:\n%s\nwant:\n%s\nstdout: %q", stderr, want, stdout)
	}
	if _, err := os.Stat("public"); err == nil {
		t.Error("a failed build created public/")
	}
}

func TestCheckReportsWarningsWithoutFailing(t *testing.T) {
	files := map[string]string{}
	for k, v := range goodSite {
		files[k] = v
	}
	files["content/fr/seule.md"] = "---\ntitle: Seule\n---\n"
	writeSite(t, files)
	code, stdout, stderr := runCLI("check")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "content/fr/seule.md:1:1: warning: no nl translation") {
		t.Errorf("stderr: %s", stderr)
	}
	if !strings.Contains(stdout, "0 errors, 1 warning") {
		t.Errorf("stdout: %s", stdout)
	}
	if _, err := os.Stat("public"); err == nil {
		t.Error("check wrote public/")
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCLI("version")
	if code != 0 || !strings.HasPrefix(stdout, "vises "+version) {
		t.Errorf("version printed %q (exit %d)", stdout, code)
	}
}

func TestServeListensOnLoopbackByDefault(t *testing.T) {
	code, _, stderr := runCLI("serve", "-h")
	if code != 2 || !strings.Contains(stderr, `address to listen on (loopback only unless you say otherwise) (default "127.0.0.1")`) {
		t.Errorf("serve -h (exit %d):\n%s", code, stderr)
	}
}

func TestHelpPrintsTheCommandsOwnUsage(t *testing.T) {
	for _, c := range commands() {
		code, _, stderr := runCLI(c.name, "-h")
		if code != 2 || !strings.HasPrefix(stderr, "usage: "+c.usage+"\n") {
			t.Errorf("%s -h (exit %d):\n%s", c.name, code, stderr)
		}
	}
}
