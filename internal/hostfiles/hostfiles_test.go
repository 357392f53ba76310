package hostfiles_test

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"vises/internal/build"
	"vises/internal/config"
	"vises/internal/hostfiles"
	"vises/internal/serve"
)

func testSite(extra string) fstest.MapFS {
	return fstest.MapFS{
		"site.yaml":            {Data: []byte("baseURL: https://partner.example/kit/\nlanguages: [fr]\ntitle: {fr: Kit}\n" + extra)},
		"content/fr/_index.md": {Data: []byte("---\ntitle: Accueil\n---\nBonjour.\n")},
	}
}

func publish(t *testing.T, fsys fstest.MapFS, o config.Overrides) string {
	t.Helper()
	o.OutDir = filepath.Join(t.TempDir(), "public")
	res := build.Run(build.Options{FS: fsys, Publish: true, Overrides: o})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	return o.OutDir
}

// TestHostFilesSendWhatServeSends checks that the policy in _headers, .htaccess and the
// opt-in <meta> is the one vises serve sends: one definition, hostfiles.Policy, for all.
func TestHostFilesSendWhatServeSends(t *testing.T) {
	fsys := testSite("cspMeta: true\n")
	srv := serve.New(build.Options{FS: fsys}, io.Discard)
	if res := srv.Build(); res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/fr/", nil))
	served := rec.Header().Get("Content-Security-Policy")
	if served == "" || served != hostfiles.Policy {
		t.Fatalf("serve sends Content-Security-Policy %q, want %q", served, hostfiles.Policy)
	}
	if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("serve sends X-Content-Type-Options %q", got)
	}

	out := publish(t, fsys, config.Overrides{})
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for name, re := range map[string]*regexp.Regexp{
		"_headers":      regexp.MustCompile(`(?m)^  Content-Security-Policy: (.*)$`),
		".htaccess":     regexp.MustCompile(`(?m)^  Header always set Content-Security-Policy "(.*)"$`),
		"fr/index.html": regexp.MustCompile(`<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"`),
		"404.html":      regexp.MustCompile(`<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"`),
	} {
		m := re.FindAllStringSubmatch(read(name), -1)
		if len(m) != 1 {
			t.Errorf("%s: %d policies, want 1", name, len(m))
			continue
		}
		got := strings.ReplaceAll(m[0][1], "&#39;", "'")
		if got != served {
			t.Errorf("%s: policy %q, serve sends %q", name, got, served)
		}
	}
	for _, h := range []string{"X-Content-Type-Options: nosniff", "Referrer-Policy: " + hostfiles.Referrer} {
		if !strings.Contains(read("_headers"), h) {
			t.Errorf("_headers lacks %q", h)
		}
	}
}

// TestHostFilesCacheFingerprintedFilesOnly checks that the long caching of _headers names
// every fingerprinted file of the build and nothing else, and that .htaccess's pattern
// matches exactly those names.
func TestHostFilesCacheFingerprintedFilesOnly(t *testing.T) {
	out := publish(t, testSite(""), config.Overrides{})
	data, err := os.ReadFile(filepath.Join(out, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	cached := map[string]bool{}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.Contains(l, hostfiles.Immutable) {
			cached[strings.TrimPrefix(lines[i-1], "/kit/")] = true
		}
	}
	pattern := regexp.MustCompile(hostfiles.FingerprintPattern)
	n := 0
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if pattern.MatchString(rel) != cached[rel] {
			t.Errorf("%s: matches the fingerprint pattern: %v, cached for a year by _headers: %v", rel, pattern.MatchString(rel), cached[rel])
		}
		if cached[rel] {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || n != len(cached) {
		t.Errorf("%d fingerprinted files found, _headers names %d", n, len(cached))
	}
	if pattern.MatchString("fr/search-index.js") {
		t.Error("the search index, whose name does not change, would be cached for a year")
	}
}

// TestOfflineEditionHasNoHostFiles checks that the offline edition, which no server serves,
// has no host files and no CSP <meta>, even when site.yaml asks for it.
func TestOfflineEditionHasNoHostFiles(t *testing.T) {
	out := publish(t, testSite("cspMeta: true\n"), config.Overrides{Offline: true})
	for _, name := range hostfiles.Names {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("the offline edition has %s", name)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "fr", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "Content-Security-Policy") {
		t.Error("the offline edition's pages have a CSP <meta>")
	}
}

// TestStaticHeadersFileWins checks that a partner's own static/_headers is published instead
// of the generated one.
func TestStaticHeadersFileWins(t *testing.T) {
	fsys := testSite("")
	fsys["static/_headers"] = &fstest.MapFile{Data: []byte("/*\n  X-Partner: yes\n")}
	out := publish(t, fsys, config.Overrides{})
	data, err := os.ReadFile(filepath.Join(out, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "/*\n  X-Partner: yes\n" {
		t.Errorf("_headers is %q, want the partner's", data)
	}
}
