package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"vises/internal/benchsite"
	"vises/internal/build"
)

// copyTree copies the folders of a site that serve reads into dst.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	for _, dir := range []string{"content", "themes", "locales", "static", "data"} {
		filepath.Walk(filepath.Join(src, dir), func(p string, fi os.FileInfo, err error) error {
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(src, p)
			if fi.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, _ := os.ReadFile(p)
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
	}
	data, _ := os.ReadFile(filepath.Join(src, "site.yaml"))
	os.WriteFile(filepath.Join(dst, "site.yaml"), data, 0o644)
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// running is a server on a free port, watching a copy of a site.
type running struct {
	root string
	url  string
	srv  *Server
	stop func()
}

func start(t testing.TB, root string) *running {
	t.Helper()
	srv := New(build.Options{FS: os.DirFS(root)}, io.Discard)
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, ln, root) }()
	r := &running{root: root, url: "http://" + ln.Addr().String(), srv: srv}
	r.stop = func() { cancel(); <-done }
	t.Cleanup(r.stop)
	// Wait until the first build is served.
	for i := 0; i < 200; i++ {
		if resp, err := http.Get(r.url + "/"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return r
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the server never answered")
	return nil
}

// events connects to the event stream and returns a channel of "name data" strings.
func (r *running) events(t testing.TB) <-chan string {
	t.Helper()
	resp, err := http.Get(r.url + Prefix + "events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	c := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				c <- name + " " + strings.TrimPrefix(line, "data: ")
			}
		}
		close(c)
	}()
	return c
}

// nextEvent waits for the next event.
func nextEvent(t testing.TB, c <-chan string) string {
	t.Helper()
	select {
	case e, ok := <-c:
		if !ok {
			t.Fatal("event stream closed")
		}
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no event")
	}
	return ""
}

// saveToReload saves the Markdown file page (relative to root) b.N times and waits each time
// for the reload event of its output.
func saveToReload(b *testing.B, root, page, output string) {
	r := start(b, root)
	events := r.events(b)
	if e := nextEvent(b, events); !strings.HasPrefix(e, "ok") {
		b.Fatalf("first event %q", e)
	}
	file := filepath.Join(root, filepath.FromSlash(page))
	orig, _ := os.ReadFile(file)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		data := append(append([]byte(nil), orig...), []byte("\nModification numéro "+strings.Repeat("x", i%50+1)+".\n")...)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			e := nextEvent(b, events)
			if strings.HasPrefix(e, "reload") && strings.Contains(e, output) {
				break
			}
		}
	}
}

// BenchmarkSaveToReload measures the time from saving one Markdown file of the kit to the
// reload event reaching a connected page.
func BenchmarkSaveToReload(b *testing.B) {
	root := b.TempDir()
	copyTree(b, repoRoot(), root)
	saveToReload(b, root, "content/fr/methode/analyser.md", "fr/methode/analyser/index.html")
}

// siteFiles is a small bilingual site to serve.
var siteFiles = map[string]string{
	"site.yaml":                       "languages: [fr, nl]\ntitle: {fr: Kit, nl: Kit}\nminify: false\n",
	"content/fr/_index.md":            "---\ntitle: Accueil\n---\nBonjour. Voir [la méthode](methode/_index.md).\n",
	"content/nl/_index.md":            "---\ntitle: Start\n---\nHallo.\n",
	"content/fr/methode/_index.md":    "---\ntitle: Méthode\n---\nLes étapes.\n",
	"content/fr/methode/cadrer.md":    "---\ntitle: Cadrer\n---\nPremier texte.\n",
	"themes/default/static/css/x.css": "",
}

func writeFiles(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// waitFor reads events until one starts with prefix and contains every string of want.
func waitFor(t testing.TB, c <-chan string, prefix string, want ...string) string {
	t.Helper()
	for {
		e := nextEvent(t, c)
		if !strings.HasPrefix(e, prefix) {
			continue
		}
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(e, w)
		}
		if ok {
			return e
		}
	}
}

func TestServeRebuildsAndNotifies(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, siteFiles)
	r := start(t, root)
	events := r.events(t)
	if e := nextEvent(t, events); e != "ok {}" {
		t.Fatalf("first event %q", e)
	}
	code, page := get(t, r.url+"/fr/methode/cadrer/")
	if code != 200 || !strings.Contains(page, "Premier texte") || !strings.Contains(page, Prefix+"live.js") {
		t.Fatalf("page %d: %.200s", code, page)
	}

	// Edit a page the way editors save: write a temporary file, rename it over the page.
	tmp := filepath.Join(root, "content/fr/methode/.cadrer.md.swp")
	os.WriteFile(tmp, []byte("---\ntitle: Cadrer\n---\nSecond texte.\n"), 0o644)
	os.Rename(tmp, filepath.Join(root, "content/fr/methode/cadrer.md"))
	waitFor(t, events, "reload", `"fr/methode/cadrer/index.html"`, `"css":false`)
	if _, page := get(t, r.url+"/fr/methode/cadrer/"); !strings.Contains(page, "Second texte") {
		t.Error("the edited page is not served")
	}

	// A new folder with a page in it, created after the server started.
	writeFiles(t, root, map[string]string{"content/fr/cas/_index.md": "---\ntitle: Cas\n---\n", "content/fr/cas/un.md": "---\ntitle: Un cas\n---\nCas un.\n"})
	waitFor(t, events, "reload", `"fr/cas/un/index.html"`)
	if code, _ := get(t, r.url+"/fr/cas/un/"); code != 200 {
		t.Errorf("new page: %d", code)
	}

	// Rename a page: the old address goes, the new one comes.
	os.Rename(filepath.Join(root, "content/fr/cas/un.md"), filepath.Join(root, "content/fr/cas/deux.md"))
	waitFor(t, events, "reload", `"fr/cas/deux/index.html"`, `"fr/cas/un/index.html"`)
	if code, _ := get(t, r.url+"/fr/cas/un/"); code != 404 {
		t.Errorf("renamed page still served: %d", code)
	}

	// Delete a page.
	os.Remove(filepath.Join(root, "content/fr/cas/deux.md"))
	waitFor(t, events, "reload", `"fr/cas/deux/index.html"`)
	if code, _ := get(t, r.url+"/fr/cas/deux/"); code != 404 {
		t.Errorf("deleted page still served: %d", code)
	}

	// A template and a UI string rebuild everything.
	writeFiles(t, root, map[string]string{"themes/default/layouts/partials/footer.html": `<footer class="f">{{.T "footer.hosted"}}</footer>`})
	waitFor(t, events, "reload", `"fr/index.html"`, `"fr/methode/cadrer/index.html"`)
	writeFiles(t, root, map[string]string{"locales/fr.yaml": "footer.hosted: \"hébergé par nous\"\n"})
	waitFor(t, events, "reload", `"fr/index.html"`)
	if _, page := get(t, r.url+"/fr/"); !strings.Contains(page, `<footer class="f">hébergé par nous</footer>`) {
		t.Error("template and locale change not served")
	}

	// A CSS-only change says so: pages swap the stylesheet without reloading.
	writeFiles(t, root, map[string]string{"themes/default/static/css/site.css": "body { color: #123456; }\n"})
	if e := waitFor(t, events, "reload", `"css/site.css"`); !strings.Contains(e, `"css":true`) || strings.Contains(e, ".html") {
		t.Errorf("CSS change event %q", e)
	}
}

func TestServeShowsErrorsAndKeepsTheLastGoodSite(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, siteFiles)
	r := start(t, root)
	events := r.events(t)
	nextEvent(t, events)
	writeFiles(t, root, map[string]string{"content/fr/methode/cadrer.md": "---\ntitle: [Cadrer\n---\nCassé.\n"})
	e := waitFor(t, events, "errors", `content/fr/methode/cadrer.md:`)
	if !strings.Contains(e, `"msg":"front matter: the list opened with [`) {
		t.Errorf("errors event %q", e)
	}
	if _, page := get(t, r.url+"/fr/methode/cadrer/"); !strings.Contains(page, "Premier texte") {
		t.Error("the last good page is not served any more")
	}
	// A page opened now learns about the errors at once.
	late := r.events(t)
	if e := nextEvent(t, late); !strings.HasPrefix(e, "errors") {
		t.Errorf("a new page first gets %q", e)
	}
	writeFiles(t, root, map[string]string{"content/fr/methode/cadrer.md": "---\ntitle: Cadrer\n---\nRéparé.\n"})
	waitFor(t, events, "ok")
	waitFor(t, events, "reload", `"fr/methode/cadrer/index.html"`)
	if _, page := get(t, r.url+"/fr/methode/cadrer/"); !strings.Contains(page, "Réparé") {
		t.Error("the fixed page is not served")
	}
}

func TestServeIsSafe(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, siteFiles)
	r := start(t, root)
	for _, c := range []struct {
		method, path string
		code         int
	}{
		{"GET", "/../site.yaml", 400},
		{"GET", "/%2e%2e/site.yaml", 400},
		{"GET", "/fr/../../site.yaml", 400},
		{"GET", "/site.yaml", 404},
		{"GET", "/content/fr/_index.md", 404},
		{"POST", "/fr/", 405},
		{"PUT", "/fr/index.html", 405},
		{"DELETE", "/fr/", 405},
		{"GET", "/fr/", 200},
		{"HEAD", "/fr/", 200},
		{"GET", "/css/", 404}, // no listing of folders
	} {
		req, _ := http.NewRequest(c.method, r.url+c.path, nil)
		req.URL.Opaque = c.path // send the path as written, without cleaning it
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.code {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, resp.StatusCode, c.code)
		}
	}
	// A folder without its slash is redirected, as on a static host.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(r.url + "/fr/methode")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/fr/methode/" {
		t.Errorf("folder without slash: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The built site never carries the live-reload script.
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("serve wrote public/")
	}
}

// BenchmarkSaveToReloadGenerated measures the same on a generated site of BENCH_PAGES pages
// per language (5000 by default: 10,000 pages).
func BenchmarkSaveToReloadGenerated(b *testing.B) {
	n := 5000
	if v := os.Getenv("BENCH_PAGES"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	root := b.TempDir()
	if err := benchsite.Generate(root, n); err != nil {
		b.Fatal(err)
	}
	saveToReload(b, root, "content/fr/methode/page-00010.md", "fr/methode/page-00010/index.html")
}

// TestServeReportsTheCauseFirst breaks a page that another page links to: the log and the
// overlay's errors start with the page's own error, and the link to it is not called broken.
func TestServeReportsTheCauseFirst(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, siteFiles)
	writeFiles(t, root, map[string]string{"content/fr/methode/_index.md": "---\ntitle: Méthode\ntitle: Encore\n\tdescription: x\n---\n"})
	var log strings.Builder
	srv := New(build.Options{FS: os.DirFS(root)}, &log)
	if res := srv.build(nil); !res.Diags.HasErrors() {
		t.Fatal("the broken page built")
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if !strings.HasPrefix(lines[0], "content/fr/methode/_index.md:4:1: front matter: a tab") {
		t.Errorf("the log does not start with the page's error:\n%s", log.String())
	}
	if strings.Contains(log.String(), "broken link") {
		t.Errorf("the link to the unreadable page is reported as broken:\n%s", log.String())
	}
	e := srv.errorsEvent()
	if i := strings.Index(e.data, `"pos":`); i < 0 || !strings.HasPrefix(e.data[i:], `"pos":"content/fr/methode/_index.md:4:1"`) {
		t.Errorf("the overlay's first error is not the page's: %s", e.data)
	}
}

// TestListenOnABusyPort occupies a port and asks Listen for it: the error names the port and
// suggests a free one.
func TestListenOnABusyPort(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	ln, err := Listen("127.0.0.1", port)
	if err == nil {
		ln.Close()
		t.Fatalf("Listen on the busy port %d succeeded", port)
	}
	var inUse *PortInUseError
	if !errors.As(err, &inUse) || inUse.Port != port {
		t.Fatalf("Listen: %v; want a *PortInUseError for port %d", err, port)
	}
	want := fmt.Sprintf("port %d is in use (another vises serve?); choose another with --port ", port)
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q does not start with %q", err, want)
	}
	if inUse.Free != 0 && (inUse.Free <= port || !strings.HasSuffix(err.Error(), fmt.Sprint(inUse.Free))) {
		t.Errorf("error %q suggests port %d", err, inUse.Free)
	}
}

// TestServeWritesNothingToDisk serves a site whose folder holds a public/ of a user's files
// and checks that nothing in the site's folder changed.
func TestServeWritesNothingToDisk(t *testing.T) {
	root := t.TempDir()
	for name, data := range map[string]string{
		"site.yaml":            "languages: [fr, nl]\ntitle: {fr: Kit, nl: Kit}\n",
		"content/fr/_index.md": "---\ntitle: Accueil\n---\nBonjour.\n",
		"content/nl/_index.md": "---\ntitle: Start\n---\nHallo.\n",
		"public/photo.jpg":     "jpeg",
		"public/notes/doc.txt": "notes",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	snapshot := func() map[string]string {
		m := map[string]string{}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			data, _ := os.ReadFile(p)
			m[p] = string(data)
			return nil
		})
		return m
	}
	before := snapshot()
	r := start(t, root)
	resp, err := http.Get(r.url + "/fr/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if after := snapshot(); !reflect.DeepEqual(after, before) {
		t.Errorf("serve changed the site's folder:\n%v\nwant\n%v", after, before)
	}
}
