package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"reflect"
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

// readAll returns every file and folder below dir with its content (folders as "/").
func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if fi.IsDir() {
			out[rel+"/"] = "/"
			return nil
		}
		data, err := os.ReadFile(p)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBuildKeepsAUsersFolder passes a folder of a user's files as --out: build (with --pdf
// too) and clean refuse it, say why, and leave it and what is beside it untouched.
func TestBuildKeepsAUsersFolder(t *testing.T) {
	files := map[string]string{"photos/photo.jpg": "jpeg", "photos/notes/doc.txt": "notes"}
	for k, v := range goodSite {
		files[k] = v
	}
	dir := writeSite(t, files)
	refusal := "--out photos: the folder holds files that vises did not write (notes/doc.txt, photo.jpg); choose an empty or new folder, or the folder of an earlier vises build\n"
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"build", "--out", "photos"}, refusal + "vises build: 1 error, 0 warnings; nothing was written\n"},
		{[]string{"build", "--pdf", "--base-url", "https://kit.example/", "--out", "photos"}, refusal + "vises build: 1 error, 0 warnings; nothing was written\n"},
		{[]string{"clean", "--out", "photos"}, "vises clean: photos holds files that vises did not write (notes/doc.txt, photo.jpg); nothing was removed\n"},
	}
	for _, tt := range tests {
		before := readAll(t, dir)
		code, _, stderr := runCLI(tt.args...)
		if code != 1 || stderr != tt.stderr {
			t.Errorf("vises %s: exit %d, stderr\n%s\nwant 1 and\n%s", strings.Join(tt.args, " "), code, stderr, tt.stderr)
		}
		if after := readAll(t, dir); !reflect.DeepEqual(after, before) {
			t.Errorf("vises %s changed the site's folder:\n%v\nwant\n%v", strings.Join(tt.args, " "), after, before)
		}
	}
}

// TestBuildIntoAnEmptyFolderAndCleanIt: an empty folder is fine as --out, is replaced by
// later builds, and vises clean removes it with what the build kept beside it.
func TestBuildIntoAnEmptyFolderAndCleanIt(t *testing.T) {
	dir := writeSite(t, goodSite)
	if err := os.Mkdir("site", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"build", "--out", "site"}, {"build", "--out", "site", "--base-url", "https://x.example/"}} {
		if code, _, stderr := runCLI(args...); code != 0 {
			t.Fatalf("vises %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	code, stdout, stderr := runCLI("clean", "--out", "site")
	if code != 0 || stdout != "vises clean: removed site\n" {
		t.Errorf("vises clean: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	for name := range readAll(t, dir) {
		if strings.HasPrefix(name, "site/") || strings.HasPrefix(name, ".site.") {
			t.Errorf("vises clean left %s", name)
		}
	}
	code, stdout, _ = runCLI("clean", "--out", "site")
	if code != 0 || stdout != "vises clean: no folder site; nothing to remove\n" {
		t.Errorf("vises clean again: exit %d, stdout %q", code, stdout)
	}
}

// TestServeOnABusyPort: vises serve on a port in use says so and suggests --port.
func TestServeOnABusyPort(t *testing.T) {
	writeSite(t, goodSite)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	code, stdout, stderr := runCLI("serve", "--port", fmt.Sprint(port))
	want := regexp.MustCompile(fmt.Sprintf(`^vises serve: port %d is in use \(another vises serve\?\); choose another with --port (\d+|, or --port 0 for any free one)\n$`, port))
	if code != 1 || stdout != "" || !want.MatchString(stderr) {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1 and %s", code, stdout, stderr, want)
	}
}
