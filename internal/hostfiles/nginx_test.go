package hostfiles_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"vises"
	"vises/internal/browsertest"
	"vises/internal/build"
	"vises/internal/config"
	"vises/internal/hostfiles"
	"vises/internal/kitfs"
	"vises/internal/sitefs"
)

// repoRoot is the folder of go.mod.
func repoRoot(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// nginxOrSkip returns the nginx program, or skips the test (fails it in CI, where
// tools/test-deps installs nginx).
func nginxOrSkip(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"nginx", "/usr/sbin/nginx"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no nginx (tools/test-deps installs it): the nginx recipe of docs/hosting.md is not tested")
	}
	t.Skip("no nginx (apt-get install nginx): the nginx recipe of docs/hosting.md is not tested")
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startNginx runs nginx as the user running the test, with the repository's configuration file
// conf (docs/nginx/) whose example folder and port are replaced by site and port, and returns
// when it answers.
func startNginx(t *testing.T, nginx, conf, site string, port int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "nginx", conf))
	if err != nil {
		t.Fatal(err)
	}
	server := string(data)
	for old, repl := range map[string]string{
		"/var/www/vises":    site,
		"listen 80;":        fmt.Sprintf("listen 127.0.0.1:%d;", port),
		"listen [::]:80;\n": "",
	} {
		if !strings.Contains(server, old) {
			t.Fatalf("docs/nginx/%s no longer holds %q, which the test replaces", conf, old)
		}
		server = strings.ReplaceAll(server, old, repl)
	}
	dir := t.TempDir()
	types := "include /etc/nginx/mime.types;"
	if _, err := os.Stat("/etc/nginx/mime.types"); err != nil {
		types = "types { text/html html; text/css css; application/javascript js; image/svg+xml svg; application/json json; application/xml xml; text/csv csv; application/pdf pdf; }"
	}
	user := ""
	if os.Getuid() == 0 {
		// nginx's workers would run as nobody, who cannot read the test's folders.
		user = "user root;"
	}
	main := fmt.Sprintf(`daemon off;
%s
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 64; }
http {
    %[3]s
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path %[2]s/body;
    proxy_temp_path %[2]s/proxy;
    fastcgi_temp_path %[2]s/fastcgi;
    uwsgi_temp_path %[2]s/uwsgi;
    scgi_temp_path %[2]s/scgi;
    include %[2]s/vises.conf;
}
`, user, dir, types)
	if err := os.WriteFile(filepath.Join(dir, "vises.conf"), []byte(server), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	cmd := exec.Command(nginx, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-e", filepath.Join(dir, "error.log"))
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	// Wait until it answers (or has stopped: a configuration error).
	for i := 0; ; i++ {
		select {
		case err := <-exited:
			errs, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Fatalf("nginx stopped (%v): %s%s", err, log.String(), errs)
		default:
		}
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			c.Close()
			return
		}
		if i == 500 {
			t.Fatal("nginx never answered")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// partnerKit writes the kit as vises new does (the sources embedded in the program) into a
// new folder, with a partner's colour, logo and contact line in site.yaml, and returns it.
func partnerKit(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kit")
	if _, err := kitfs.Write(dir, kitfs.Tree{FS: vises.Kit()}); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "site.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(string(data), "partner:\n  name: \"\"\n  url: \"\"\n  logo: \"\"",
		"partner:\n  name: Réseau Exemple\n  url: https://reseau.example/\n  logo: images/reseau.svg\n  color: \"#1f4e7a\"\n  contact: formation@reseau.example", 1)
	if yaml == string(data) {
		t.Fatal("site.yaml's partner block is not the one this test fills in")
	}
	logo := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 12 4"><rect width="12" height="4" fill="#1f4e7a"/></svg>`
	if err := os.WriteFile(name, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "images", "reseau.svg"), []byte(logo), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fetch gets a URL without following redirects.
func fetch(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// TestNginxRecipe serves the kit with the nginx configuration files of docs/nginx: the
// repository's kit at a domain root, and under a sub-path the kit as vises new writes it with
// a partner's colour, logo and contact line. It checks what docs/hosting.md promises: pages,
// the headers of every response (those of vises serve), a year of caching for the fingerprinted
// files only (the partner's style sheet too), the kit's 404 page for unknown addresses, and, in
// Chromium, no console error under the policy.
func TestNginxRecipe(t *testing.T) {
	nginx := nginxOrSkip(t)
	for _, tc := range []struct {
		conf, path string
		partner    bool // the kit as vises new writes it, with a partner's colour, logo and contact
	}{
		{"vises.conf", "/", false},
		{"vises-subpath.conf", "/kit/", true},
	} {
		t.Run(tc.conf, func(t *testing.T) {
			port := freePort(t)
			base := fmt.Sprintf("http://127.0.0.1:%d%s", port, tc.path)
			out := filepath.Join(t.TempDir(), "public")
			root := repoRoot(t)
			if tc.partner {
				root = partnerKit(t)
			}
			res := build.Run(build.Options{FS: sitefs.Dir(root), Publish: true,
				Overrides: config.Overrides{OutDir: out, BaseURL: base}})
			if res.Diags.HasErrors() {
				t.Fatal(res.Diags.String())
			}
			if err := os.Chmod(filepath.Dir(out), 0o755); err != nil {
				t.Fatal(err)
			}
			startNginx(t, nginx, tc.conf, out, port)

			headers := func(url string, resp *http.Response, cache string) {
				t.Helper()
				for name, want := range map[string]string{
					"Content-Security-Policy": hostfiles.Policy,
					"X-Content-Type-Options":  hostfiles.NoSniff,
					"Referrer-Policy":         hostfiles.Referrer,
					"Cache-Control":           cache,
				} {
					if got := resp.Header.Get(name); got != want {
						t.Errorf("%s: %s: %q, want %q", url, name, got, want)
					}
				}
			}
			var page []byte
			for _, p := range []string{"", "fr/", "nl/", "fr/methode/", "fr/indicateurs/"} {
				resp, body := fetch(t, base+p)
				if resp.StatusCode != 200 {
					t.Errorf("%s: status %d", base+p, resp.StatusCode)
				}
				if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Errorf("%s: Content-Type %q", base+p, ct)
				}
				headers(base+p, resp, hostfiles.Revalidate)
				if p == "fr/" {
					page = body
				}
			}
			// The fingerprinted files the page loads, by the address it gives.
			refs := regexp.MustCompile(`(?:href|src)="?([^" >]+\.[0-9a-f]{10}\.(?:css|js))`).FindAllSubmatch(page, -1)
			if len(refs) < 3 {
				t.Fatalf("the French home page loads %d fingerprinted files", len(refs))
			}
			for _, m := range refs {
				ref, err := neturl.Parse(string(m[1]))
				if err != nil {
					t.Fatal(err)
				}
				from, _ := neturl.Parse(base + "fr/")
				url := from.ResolveReference(ref).String()
				resp, _ := fetch(t, url)
				if resp.StatusCode != 200 {
					t.Errorf("%s: status %d", url, resp.StatusCode)
				}
				headers(url, resp, hostfiles.Immutable)
			}
			if tc.partner {
				css := regexp.MustCompile(`href="?([^" >]*css/partner\.[0-9a-f]{10}\.css)`).FindSubmatch(page)
				if css == nil || !bytes.Contains(page, []byte(`class="site-logo"`)) || !bytes.Contains(page, []byte("formation@reseau.example")) {
					t.Fatal("the partner's colour, logo or contact line is not on the page")
				}
				ref, _ := neturl.Parse(string(css[1]))
				from, _ := neturl.Parse(base + "fr/")
				resp, body := fetch(t, from.ResolveReference(ref).String())
				if resp.StatusCode != 200 || !bytes.Contains(body, []byte("--brand:#1f4e7a")) {
					t.Errorf("partner.css: status %d, %s", resp.StatusCode, body)
				}
				headers("partner.css", resp, hostfiles.Immutable)
			}
			// The search index keeps its name from build to build: it is not cached for long.
			resp, _ := fetch(t, base+"fr/search-index.js")
			if resp.StatusCode != 200 {
				t.Errorf("search index: status %d", resp.StatusCode)
			}
			headers("fr/search-index.js", resp, hostfiles.Revalidate)

			// Unknown addresses: the kit's 404 page, with status 404.
			notFound, err := os.ReadFile(filepath.Join(out, "404.html"))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"nowhere", "fr/no-such-page/", "fr/methode/nothing.html"} {
				resp, body := fetch(t, base+p)
				if resp.StatusCode != 404 {
					t.Errorf("%s: status %d, want 404", base+p, resp.StatusCode)
				}
				if !bytes.Equal(body, notFound) {
					t.Errorf("%s: not the kit's 404 page: %.200s", base+p, body)
				}
				headers(base+p, resp, hostfiles.Revalidate)
			}
			// A folder without its slash is redirected to it.
			resp, _ = fetch(t, base+"fr")
			if resp.StatusCode != 301 || resp.Header.Get("Location") != tc.path+"fr/" {
				t.Errorf("%sfr: status %d to %q, want 301 to %sfr/", base, resp.StatusCode, resp.Header.Get("Location"), tc.path)
			}
			// In a browser, with nginx's headers: the kit's pages, search and picker run under
			// the policy without a single console error (a violation is one).
			t.Run("browser", func(t *testing.T) {
				b := browsertest.NewBrowser(t, 1280, 900)
				errs := browsertest.ConsoleErrors(t, b)
				b.Open(t, base+"fr/")
				b.Do(t, chromedp.Focus(chromedp.ID("search-q")), chromedp.KeyEvent("benevoles"))
				browsertest.Wait(t, b, `document.querySelectorAll("#search-list [role=option]").length > 0`)
				b.Open(t, base+"fr/indicateurs/")
				browsertest.Wait(t, b, `document.getElementById("picker") && !document.getElementById("picker").hidden`)
				b.Open(t, base+"nl/no-such-page/")
				if n := browsertest.Eval[int](t, b, `document.styleSheets.length`); n == 0 {
					t.Error("the 404 page under nginx has no stylesheet")
				}
				var got []string
				for _, e := range errs() {
					// The 404 page's own status is reported as a failed load; nothing else may be.
					if !strings.Contains(e, "404 (Not Found)") || !strings.Contains(e, "no-such-page") {
						got = append(got, e)
					}
				}
				if len(got) > 0 {
					t.Errorf("console errors under nginx:\n%s", strings.Join(got, "\n"))
				}
			})
			// The host files are what the build wrote; nginx does not read them, but
			// they would not harm if served.
			for _, name := range hostfiles.Names {
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Errorf("the build did not write %s: %v", name, err)
				}
			}
		})
	}
}

// TestNginxConfigurationSendsThePolicy checks that the nginx files of docs/nginx give the
// headers of hostfiles, word for word, wherever they add headers.
func TestNginxConfigurationSendsThePolicy(t *testing.T) {
	for _, conf := range []string{"vises.conf", "vises-subpath.conf"} {
		data, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "nginx", conf))
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		csp := regexp.MustCompile(`add_header Content-Security-Policy "([^"]*)" always;`).FindAllStringSubmatch(s, -1)
		if len(csp) != 2 {
			t.Errorf("%s: %d Content-Security-Policy headers, want 2 (pages, fingerprinted files)", conf, len(csp))
		}
		for _, m := range csp {
			if m[1] != hostfiles.Policy {
				t.Errorf("%s: policy %q, want %q", conf, m[1], hostfiles.Policy)
			}
		}
		for _, want := range []string{
			`add_header X-Content-Type-Options "` + hostfiles.NoSniff + `" always;`,
			`add_header Referrer-Policy "` + hostfiles.Referrer + `" always;`,
			`add_header Cache-Control "` + hostfiles.Immutable + `" always;`,
			`add_header Cache-Control "` + hostfiles.Revalidate + `" always;`,
			`location ~ "` + hostfiles.FingerprintPattern + `"`,
		} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %s", conf, want)
			}
		}
	}
}
