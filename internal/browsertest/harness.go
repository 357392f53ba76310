// Package browsertest drives a real headless Chromium (Debian's chromium package) with chromedp
// against the built kit, served over HTTP by httptest or opened from disk (file://). Tests that
// use it skip with a message when no Chromium is found, except in CI, where they fail.
package browsertest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"vises/internal/build"
	"vises/internal/config"
	"vises/internal/pdf"
)

// Chromium returns the path of the browser to drive. VISES_CHROMIUM overrides the search.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := pdf.Find(); p != "" {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium found: .ci/run must install it (apt-get install -y chromium)")
	}
	t.Skip("no Chromium found; install Debian's chromium package to run the browser tests")
	return ""
}

// Browser is a headless Chromium with its own, new profile.
type Browser struct {
	ctx      context.Context
	close    func()
	Download string // folder where downloads land
}

// Close ends the browser before the test does (it is closed when the test ends otherwise).
func (b *Browser) Close() { b.close() }

// NewBrowser starts a browser with a fresh profile, which lives 90 seconds at most; it is
// closed when the test ends.
func NewBrowser(t testing.TB, width, height int) *Browser {
	t.Helper()
	return NewBrowserFor(t, width, height, 90*time.Second)
}

// NewBrowserFor is NewBrowser for a browser that lives up to life, for a test that visits
// every page of the kit.
func NewBrowserFor(t testing.TB, width, height int, life time.Duration) *Browser {
	t.Helper()
	path := Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("allow-file-access-from-files", false),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, life)
	closeAll := func() { cancelT(); cancelC(); cancelA() }
	t.Cleanup(closeAll)
	b := &Browser{ctx: ctx, close: closeAll, Download: t.TempDir()}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

// Phone makes the browser's pages width x height CSS pixels, as a phone's screen (a desktop
// window cannot be made narrower than about 500 px).
func (b *Browser) Phone(t testing.TB, width, height int) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(int64(width), int64(height), chromedp.EmulateMobile)); err != nil {
		t.Fatalf("emulate a phone: %v", err)
	}
}

// AllowDownloads makes the browser save downloads into b.Download.
func (b *Browser) AllowDownloads(t testing.TB) {
	t.Helper()
	if _, err := chromedp.CallBrowser(b.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: b.Download}); err != nil {
		t.Fatal(err)
	}
}

// WaitDownload waits for a file matching pattern (a glob) in b.Download and returns its path.
func (b *Browser) WaitDownload(t testing.TB, pattern string) string {
	t.Helper()
	for i := 0; i < 100; i++ {
		if m, _ := filepath.Glob(filepath.Join(b.Download, pattern)); len(m) == 1 {
			if fi, err := os.Stat(m[0]); err == nil && fi.Size() > 0 {
				return m[0]
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no download %s", pattern)
	return ""
}

// Ctx is the browser's context, for chromedp actions.
func (b *Browser) Ctx() context.Context { return b.ctx }

// Do runs actions and fails the test on error.
func (b *Browser) Do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// Open navigates to url and waits for the page's scripts to have run.
func (b *Browser) Open(t testing.TB, url string) {
	t.Helper()
	// A navigation that changes only the fragment fires no load event, so start from a blank
	// page: every Open is a full load, like a reader opening a link.
	b.Do(t, chromedp.Navigate("about:blank"), chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body")))
	// Deferred scripts have run once the document is complete.
	for i := 0; i < 50; i++ {
		if Eval[string](t, b, `document.readyState`) == "complete" {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Eval evaluates a JavaScript expression (promises are awaited) and decodes its value.
func Eval[T any](t testing.TB, b *Browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// Wait polls a JavaScript condition until it is true, or fails after a few seconds.
func Wait(t testing.TB, b *Browser, cond string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", cond)
}

// Kit is the repository's kit built once per test binary, for HTTP and for file://.
type Kit struct {
	Dir     string // built with the default options
	Offline string // built with --offline
	URL     string // HTTP server of Dir
}

var (
	kitOnce sync.Once
	kit     *Kit
	kitErr  string
)

// BuildKit builds the kit (once per test binary) and serves it over HTTP.
func BuildKit(t testing.TB) *Kit {
	t.Helper()
	kitOnce.Do(func() {
		root := repoRoot()
		dir, err := os.MkdirTemp("", "vises-kit-")
		if err != nil {
			kitErr = err.Error()
			return
		}
		k := &Kit{Dir: filepath.Join(dir, "public"), Offline: filepath.Join(dir, "offline")}
		for _, b := range []struct {
			out     string
			offline bool
		}{{k.Dir, false}, {k.Offline, true}} {
			res := build.Run(build.Options{FS: os.DirFS(root), Publish: true,
				Overrides: config.Overrides{OutDir: b.out, Offline: b.offline, BaseURL: "https://kit.example/"}})
			if res.Diags.HasErrors() {
				kitErr = res.Diags.String()
				return
			}
		}
		srv := httptest.NewServer(http.FileServer(http.Dir(k.Dir)))
		k.URL = srv.URL
		kit = k
	})
	if kit == nil {
		t.Fatalf("build the kit: %s", kitErr)
	}
	return kit
}

// FileURL returns the file:// address of a page of the offline build.
func (k *Kit) FileURL(p string) string {
	return "file://" + filepath.ToSlash(filepath.Join(k.Offline, filepath.FromSlash(p)))
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Violation is an accessibility problem reported by axe-core.
type Violation struct {
	ID    string   `json:"id"`
	Help  string   `json:"help"`
	Nodes []string `json:"nodes"`
}

// Axe runs axe-core on the current page and returns its violations: the rules of tags, or
// the WCAG 2.1 A and AA rules when none is given.
func Axe(t testing.TB, b *Browser, tags ...string) []Violation {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(), "tools", "axe", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core is not installed (npm ci --prefix tools/axe): %v", err)
		}
		t.Skip("axe-core is not installed; run npm ci --prefix tools/axe")
	}
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatalf("load axe-core: %v", err)
	}
	if len(tags) == 0 {
		tags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}
	}
	list, _ := json.Marshal(tags)
	// The audit reads a settled page: a transition under way (controls fading in under the
	// pointer) would be measured half-transparent, at a contrast no reader ever sees.
	Eval[int](t, b, `document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} }), 0`)
	raw := Eval[string](t, b, `axe.run(document, {runOnly: {type: "tag", values: `+string(list)+`}, resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))}))))`)
	var vs []Violation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

// NoViolations fails the test for every axe-core violation of the current page.
func NoViolations(t testing.TB, b *Browser, page string) {
	t.Helper()
	for _, v := range Axe(t, b) {
		t.Errorf("%s: %s (%s): %s", page, v.ID, v.Help, strings.Join(v.Nodes, ", "))
	}
}
