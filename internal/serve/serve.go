// Package serve previews the site while it is written: it builds into memory, answers HTTP
// requests from there, watches the sources with fsnotify, rebuilds what changed, and tells the
// open pages to reload (or to swap their stylesheet) over Server-Sent Events. A failed build
// keeps the last good site and shows its errors over the page.
package serve

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"vises/internal/build"
	"vises/internal/diag"
	"vises/internal/hostfiles"
)

//go:embed live.js live.css
var liveFiles embed.FS

// Prefix is the path of the server's own files; the site never has such a folder.
const Prefix = "/_vises/"

// Server builds a site and serves it.
type Server struct {
	builder *build.Builder
	out     site
	log     io.Writer

	mu     sync.Mutex // guards the fields below and serializes builds
	errors []diag.Diagnostic
	subs   map[chan event]bool
	builds int
}

// event is a message for the open pages.
type event struct {
	name string // reload, errors or ok
	data string // JSON
}

// New returns a server for the site of o (o.Dev is set; nothing is published to disk).
func New(o build.Options, log io.Writer) *Server {
	o.Dev, o.Publish, o.PDF = true, false, false
	return &Server{builder: build.NewBuilder(o), log: log, subs: map[chan event]bool{}, out: site{files: map[string][]byte{}}}
}

// Build builds the site and tells the open pages what changed. It returns the result.
func (s *Server) Build() *build.Result { return s.build(nil) }

// build builds the site; changed, when known, lists the files that changed since the last
// build (relative to the site root), so that the others are not read again.
func (s *Server) build(changed []string) *build.Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	if changed != nil {
		s.builder.Changed(changed)
	}
	n := s.out.begin()
	s.builder.SetOutput(n)
	res := s.builder.Build()
	s.builds++
	if res.Diags.HasErrors() {
		s.errors = res.Diags.Items()
		for _, d := range s.errors {
			fmt.Fprintln(s.log, d.Error())
		}
		fmt.Fprintf(s.log, "vises serve: the build failed; still serving the last good site\n")
		s.broadcast(s.errorsEvent())
		return res
	}
	written := s.out.commit(n)
	sort.Strings(written)
	hadErrors := len(s.errors) > 0
	s.errors = nil
	if hadErrors {
		s.broadcast(event{name: "ok", data: "{}"})
	}
	if len(written) > 0 && s.builds > 1 {
		css := true
		for _, c := range written {
			css = css && strings.HasSuffix(c, ".css")
		}
		data, _ := json.Marshal(struct {
			Paths []string `json:"paths"`
			CSS   bool     `json:"css"`
		}{written, css})
		s.broadcast(event{name: "reload", data: string(data)})
	}
	kind := "partial"
	if res.Full {
		kind = "full"
	}
	fmt.Fprintf(s.log, "vises serve: %s build in %s, %d files changed\n", kind, res.Duration.Round(time.Millisecond), len(written))
	return res
}

func (s *Server) errorsEvent() event {
	type item struct {
		Pos string `json:"pos"`
		Msg string `json:"msg"`
	}
	var items []item
	for _, d := range s.errors {
		if d.Severity == diag.Error {
			items = append(items, item{d.Pos.String(), d.Msg})
		}
	}
	data, _ := json.Marshal(items)
	return event{name: "errors", data: string(data)}
}

// broadcast sends an event to every open page; s.mu is held.
func (s *Server) broadcast(e event) {
	for c := range s.subs {
		select {
		case c <- e:
		default: // a page that does not read is skipped, not waited for
		}
	}
}

// ServeHTTP answers GET and HEAD requests for files of the site, and the server's own files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || strings.ContainsAny(seg, "\\\x00") {
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
	}
	if strings.HasPrefix(p, Prefix) {
		s.serveOwn(w, r, strings.TrimPrefix(p, Prefix))
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || name == "" {
		name = strings.TrimPrefix(path.Join(name, "index.html"), "/")
	}
	data, ok := s.out.get(name)
	if !ok {
		// A folder without its slash: redirect, as a static host would.
		if _, isDir := s.out.get(path.Join(name, "index.html")); isDir {
			http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		if page, ok := s.out.get("404.html"); ok && r.Method == http.MethodGet {
			w.Write(inject(page))
		}
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", hostfiles.Policy)
	w.Header().Set("X-Content-Type-Options", hostfiles.NoSniff)
	w.Header().Set("Referrer-Policy", hostfiles.Referrer)
	if strings.HasSuffix(name, ".html") {
		data = inject(data)
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// inject adds the live-reload script and its stylesheet to a page (only when serving: the
// built site never has them).
func inject(page []byte) []byte {
	const tags = `<link rel="stylesheet" href="` + Prefix + `live.css"><script src="` + Prefix + `live.js" defer></script>`
	i := strings.Index(string(page), "</head>")
	if i < 0 {
		return page
	}
	out := make([]byte, 0, len(page)+len(tags))
	out = append(out, page[:i]...)
	out = append(out, tags...)
	return append(out, page[i:]...)
}

func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "events":
		s.events(w, r)
	case "live.js", "live.css":
		data, _ := liveFiles.ReadFile(name)
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
		w.Header().Set("Cache-Control", "no-store")
		w.Write(data)
	default:
		http.NotFound(w, r)
	}
}

// events streams Server-Sent Events to one page until it goes away. The page first gets the
// state of the last build: its errors, or ok.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 16)
	s.mu.Lock()
	s.subs[c] = true
	first := event{name: "ok", data: "{}"}
	if len(s.errors) > 0 {
		first = s.errorsEvent()
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, c)
		s.mu.Unlock()
	}()
	send := func(e event) bool {
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data); err != nil {
			return false
		}
		flusher.Flush()
		return true
	}
	if !send(first) {
		return
	}
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			if !send(e) {
				return
			}
		case <-keepAlive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// Listen opens the address bind:port; port 0 picks a free one. When the port is taken, the
// error is a *PortInUseError.
func Listen(bind string, port int) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, fmt.Sprint(port)))
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, &PortInUseError{Port: port, Free: freePort(bind, port)}
	}
	return ln, err
}

// PortInUseError says that the port asked for is taken, and suggests another.
type PortInUseError struct {
	Port int
	Free int // a port found free just after, or 0
}

func (e *PortInUseError) Error() string {
	if e.Free == 0 {
		return fmt.Sprintf("port %d is in use (another vises serve?); choose another with --port, or --port 0 for any free one", e.Port)
	}
	return fmt.Sprintf("port %d is in use (another vises serve?); choose another with --port %d", e.Port, e.Free)
}

// freePort returns the first of the ports after port that bind:port can listen on, or 0.
func freePort(bind string, port int) int {
	for p := port + 1; p <= port+20 && p < 1<<16; p++ {
		if ln, err := net.Listen("tcp", net.JoinHostPort(bind, fmt.Sprint(p))); err == nil {
			ln.Close()
			return p
		}
	}
	return 0
}

// Run builds the site, serves it on ln and rebuilds on every change of the sources under
// root, until ctx ends.
func (s *Server) Run(ctx context.Context, ln net.Listener, root string) error {
	w, err := newWatcher(root)
	if err != nil {
		return err
	}
	defer w.close()
	s.Build()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	go w.run(ctx, func(changed []string) {
		fmt.Fprintf(s.log, "vises serve: changed %s\n", strings.Join(changed, ", "))
		for _, c := range changed {
			if c == "*" { // events were lost: read everything
				changed = nil
				break
			}
		}
		s.build(changed)
	})
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}
