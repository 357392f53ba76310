// The vises command builds, checks and previews the VISES kit: a bilingual French/Dutch static
// site made from Markdown chapters, case studies, worksheets, an indicator catalogue and
// training material.
//
// Usage:
//
//	vises build [--config site.yaml] [--out public] [--base-url URL] [--offline] [--zip FILE] [--pdf]
//	vises check [--config site.yaml] [--base-url URL]
//	vises serve [--config site.yaml] [--bind 127.0.0.1] [--port 1313]
//	vises new [--theme] DIR
//	vises clean [--out public]
//	vises translations [--config site.yaml] [--all] [--csv FILE]
//	vises translations mark|diff [--config site.yaml] PATH...
//	vises version
//
// Exit status: 0 on success, 1 when the build or check finds errors, 2 on a usage error.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"vises"
	"vises/internal/build"
	"vises/internal/config"
	"vises/internal/diag"
	"vises/internal/kitfs"
	"vises/internal/publish"
	"vises/internal/serve"
	"vises/internal/sitefs"
	"vises/internal/translation"
	"vises/themes"
)

// devVersion is the version of a build that was not given one.
const devVersion = "0.1.0-dev"

// version and commit are set at link time for releases (make release: -ldflags
// "-X main.version=... -X main.commit=...").
var (
	version = devVersion
	commit  = ""
)

type command struct {
	name  string
	usage string
	short string
	run   func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "vises build [--config site.yaml] [--out public] [--base-url URL] [--offline] [--zip FILE] [--pdf] [--cpuprofile FILE] [--memprofile FILE]", "build the site into the output folder", runBuild},
		{"check", "vises check [--config site.yaml] [--base-url URL]", "check translations, links, anchors and UI strings without writing anything", runCheck},
		{"serve", "vises serve [--config site.yaml] [--bind 127.0.0.1] [--port 1313]", "preview the site, rebuilt and reloaded on every change", runServe},
		{"new", "vises new [--theme] DIR", "write the kit's sources (site.yaml, content, data, static, translations) into a new folder, to edit and build", runNew},
		{"clean", "vises clean [--out public]", "remove the output folder, if vises wrote everything in it", runClean},
		{"translations", translationsUsage, "list stale, missing and orphaned translations; mark translations current; show what changed in a source", runTranslations},
		{"version", "vises version", "print the version and the commit it was built from", runVersion},
	}
}

// usageOf returns the usage line of the command called name.
func usageOf(name string) string {
	for _, c := range commands() {
		if c.name == name {
			return c.usage
		}
	}
	panic("vises: no command " + name)
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		return 2
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "vises: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: vises <command> [flags]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-13s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'vises <command> -h' for the flags of a command.")
}

// siteFlags are the flags shared by build and check.
type siteFlags struct {
	config, out, baseURL   string
	offline, pdf           bool
	zip                    string
	cpuprofile, memprofile string
}

func newFlagSet(name, usageLine string, stderr io.Writer, withOut bool) (*flag.FlagSet, *siteFlags) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := &siteFlags{}
	fs.StringVar(&f.config, "config", "site.yaml", "site configuration `file`")
	fs.StringVar(&f.baseURL, "base-url", "", "absolute `URL` the site is served from, possibly with a sub-path")
	if withOut {
		fs.StringVar(&f.out, "out", "", "output `folder` (default \"public\")")
		fs.BoolVar(&f.offline, "offline", false, "write links ending in index.html, to browse the site from disk")
		fs.BoolVar(&f.pdf, "pdf", false, "print the session packs to PDF with a Chromium found on the machine")
		fs.StringVar(&f.zip, "zip", "", "also write the offline edition (--offline implied) as one ZIP `file`, with index.html at its top; only a ZIP an earlier --zip wrote is replaced")
		fs.StringVar(&f.cpuprofile, "cpuprofile", "", "write a CPU profile of the build to `file`")
		fs.StringVar(&f.memprofile, "memprofile", "", "write a heap profile at the end of the build to `file`")
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n\n", usageLine)
		fs.PrintDefaults()
	}
	return fs, f
}

func parse(fs *flag.FlagSet, args []string) (ok bool, code int) {
	if err := fs.Parse(args); err != nil {
		// The flag package has printed the error, or the usage for -h (flag.ErrHelp); both
		// are usage errors.
		return false, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "vises %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return false, 2
	}
	return true, 0
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs, f := newFlagSet("build", usageOf("build"), stderr, true)
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if f.zip != "" {
		// The offline edition, built into a folder of its own unless --out names one.
		f.offline = true
		if err := publish.ZipWritable(f.zip); err != nil {
			fmt.Fprintf(stderr, "vises build: %v; nothing was written\n", err)
			return 1
		}
		if f.out == "" {
			tmp, err := os.MkdirTemp("", "vises-zip-")
			if err != nil {
				fmt.Fprintf(stderr, "vises build: %v\n", err)
				return 1
			}
			defer os.RemoveAll(tmp)
			f.out = filepath.Join(tmp, "kit")
		} else if inside(f.zip, f.out) {
			fmt.Fprintf(stderr, "vises build: --zip %s is inside the output folder %s; write it elsewhere\n", f.zip, f.out)
			return 2
		}
	}
	if f.cpuprofile != "" {
		pf, err := os.Create(f.cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "vises build: %v\n", err)
			return 1
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			fmt.Fprintf(stderr, "vises build: %v\n", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	if os.Getenv("GOGC") == "" {
		// A build holds every page's text while it renders: collecting garbage a little
		// more often than by default keeps its memory near that, for a few percent of time
		// (GOGC=100 gives it back).
		debug.SetGCPercent(75)
	}
	res := build.Run(build.Options{
		FS:        sitefs.Dir("."),
		Config:    f.config,
		Overrides: config.Overrides{OutDir: f.out, BaseURL: f.baseURL, Offline: f.offline},
		Publish:   true,
		PDF:       f.pdf,
		Progress:  pdfProgress(stderr),
		Tool:      toolStamp(),
		History:   translation.GitHistory("."),
	})
	if f.memprofile != "" {
		if err := writeHeapProfile(f.memprofile); err != nil {
			fmt.Fprintf(stderr, "vises build: %v\n", err)
			return 1
		}
	}
	printDiags(stderr, &res.Diags)
	if res.Diags.HasErrors() {
		fmt.Fprintf(stderr, "vises build: %s, %s; nothing was written\n", count(res.Diags.Count(diag.Error), "error"), count(res.Diags.Count(diag.Warning), "warning"))
		return 1
	}
	if f.zip != "" {
		if err := publish.WriteZip(res.Config.OutDir, f.zip); err != nil {
			fmt.Fprintf(stderr, "vises build: --zip: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "vises build: %s; the offline edition written to %s (%s; open index.html once unpacked)%s; %s in %s\n",
			pagesLine(res.Pages), f.zip, count(res.Files, "file"), printedLine(res),
			count(res.Diags.Count(diag.Warning), "warning"), res.Duration.Round(time.Millisecond))
		return 0
	}
	if res.UpToDate {
		fmt.Fprintf(stdout, "vises build: %s; %s up to date (nothing changed since the build that wrote its %s); %s in %s\n",
			pagesLine(res.Pages), res.Config.OutDir, count(res.Files, "file"),
			count(res.Diags.Count(diag.Warning), "warning"), res.Duration.Round(time.Millisecond))
		return 0
	}
	fmt.Fprintf(stdout, "vises build: %s; %s written to %s%s; %s in %s\n",
		pagesLine(res.Pages), count(res.Files, "file"), res.Config.OutDir, printedLine(res),
		count(res.Diags.Count(diag.Warning), "warning"), res.Duration.Round(time.Millisecond))
	return 0
}

// printedLine says how many packs were printed to PDF, if any.
func printedLine(res *build.Result) string {
	if res.PDFs == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s printed in %s)", count(res.PDFs, "PDF"), res.Printing.Round(100*time.Millisecond))
}

// inside reports whether the file name is inside the folder dir.
func inside(name, dir string) bool {
	a, err1 := filepath.Abs(name)
	d, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, a)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// pdfProgress returns what shows the packs being printed on a terminal: one line, rewritten
// for each pack and cleared after the last; nil when w is not a terminal (a log keeps only the
// summary).
func pdfProgress(w io.Writer) func(n, total int, name string) {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return progressLine(w)
}

// progressLine writes each pack's progress over the previous one ("\r" and erase to the end of
// the line) and erases the line after the last pack.
func progressLine(w io.Writer) func(n, total int, name string) {
	return func(n, total int, name string) {
		fmt.Fprintf(w, "\r\033[Kvises build --pdf: printing pack %d of %d: %s", n, total, name)
		if n == total {
			// The last pack's line stays until it is printed; the summary follows on its own line.
			fmt.Fprint(w, "\n")
		}
	}
}

// toolStamp names the running program by the hash of its executable, so that an output folder
// built by another version of vises is never taken as up to date; "" when it cannot be read.
func toolStamp() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs, f := newFlagSet("check", usageOf("check"), stderr, false)
	if ok, code := parse(fs, args); !ok {
		return code
	}
	res := build.Run(build.Options{
		FS:        sitefs.Dir("."),
		Config:    f.config,
		Overrides: config.Overrides{BaseURL: f.baseURL},
	})
	printDiags(stderr, &res.Diags)
	errs, warns := res.Diags.Count(diag.Error), res.Diags.Count(diag.Warning)
	fmt.Fprintf(stdout, "vises check: %s; %s, %s\n", pagesLine(res.Pages), count(errs, "error"), count(warns, "warning"))
	if errs > 0 {
		return 1
	}
	return 0
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := fs.String("config", "site.yaml", "site configuration `file`")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on (loopback only unless you say otherwise)")
	port := fs.Int("port", 1313, "`port` to listen on (0 picks a free one)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n\n", usageOf("serve"))
		fs.PrintDefaults()
	}
	if ok, code := parse(fs, args); !ok {
		return code
	}
	ln, err := serve.Listen(*bind, *port)
	if err != nil {
		fmt.Fprintf(stderr, "vises serve: %v\n", err)
		return 1
	}
	addr := ln.Addr().(*net.TCPAddr)
	host := *bind
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	base := fmt.Sprintf("http://%s/", net.JoinHostPort(host, fmt.Sprint(addr.Port)))
	srv := serve.New(build.Options{FS: sitefs.Dir("."), Config: *cfg, Overrides: config.Overrides{BaseURL: base}, History: translation.GitHistory(".")}, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "vises serve: %s (Ctrl+C to stop)\n", base)
	if err := srv.Run(ctx, ln, "."); err != nil {
		fmt.Fprintf(stderr, "vises serve: %v\n", err)
		return 1
	}
	return 0
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	withTheme := fs.Bool("theme", false, "also write the default theme into themes/default/, to read or change it (a copy there replaces the program's theme, file by file)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n\n", usageOf("new"))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "vises new: give one folder to write the kit into")
		fs.Usage()
		return 2
	}
	dir := fs.Arg(0)
	trees := []kitfs.Tree{{Dir: "", FS: vises.Kit()}}
	if *withTheme {
		trees = append(trees, kitfs.Tree{Dir: "themes/default", FS: themes.Default()})
	}
	n, err := kitfs.Write(dir, trees...)
	if err != nil {
		fmt.Fprintf(stderr, "vises new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "vises new: %s written to %s; edit %s, then run vises build (or vises serve) in it\n",
		count(n, "file"), dir, filepath.Join(dir, "site.yaml"))
	return 0
}

func runClean(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("clean", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "public", "output `folder` to remove")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n\n", usageOf("clean"))
		fs.PrintDefaults()
	}
	if ok, code := parse(fs, args); !ok {
		return code
	}
	existed, err := publish.Remove(*out)
	var foreign *publish.ForeignError
	switch {
	case errors.As(err, &foreign):
		fmt.Fprintf(stderr, "vises clean: %s holds %s (%s); nothing was removed\n", *out, foreign.What(), foreign.List())
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "vises clean: %v\n", err)
		return 1
	case existed:
		fmt.Fprintf(stdout, "vises clean: removed %s\n", *out)
	default:
		fmt.Fprintf(stdout, "vises clean: no folder %s; nothing to remove\n", *out)
	}
	return 0
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "usage: %s\n", usageOf("version"))
		return 2
	}
	v, c := versionAndCommit()
	if c != "" {
		v += " (" + c + ")"
	}
	fmt.Fprintf(stdout, "vises %s %s/%s %s\n", v, runtime.GOOS, runtime.GOARCH, runtime.Version())
	return 0
}

// versionAndCommit returns the version and commit set at link time by make release or, when
// they are not set, what the Go toolchain recorded: the module's version (go install
// vises@VERSION) and the repository's revision (a build from a clone), marked "-dirty" when
// the work tree had changes. The commit is shortened to 12 characters.
func versionAndCommit() (string, string) {
	v, c := version, commit
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == devVersion && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = strings.TrimPrefix(info.Main.Version, "v")
		}
		if c == "" {
			dirty := false
			for _, s := range info.Settings {
				switch s.Key {
				case "vcs.revision":
					c = s.Value
				case "vcs.modified":
					dirty = s.Value == "true"
				}
			}
			if c != "" && dirty {
				c = shortCommit(c) + "-dirty"
			}
		}
	}
	return v, shortCommit(c)
}

func shortCommit(c string) string {
	if len(c) > 12 && !strings.HasSuffix(c, "-dirty") {
		return c[:12]
	}
	return c
}

func writeHeapProfile(name string) error {
	pf, err := os.Create(name)
	if err != nil {
		return err
	}
	defer pf.Close()
	runtime.GC()
	return pprof.WriteHeapProfile(pf)
}

func printDiags(w io.Writer, l *diag.List) {
	for _, d := range l.Items() {
		fmt.Fprintln(w, d.Error())
	}
}

func pagesLine(pages map[string]int) string {
	if len(pages) == 0 {
		return "0 pages"
	}
	langs := make([]string, 0, len(pages))
	total := 0
	for l, n := range pages {
		langs = append(langs, l)
		total += n
	}
	sort.Strings(langs)
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = fmt.Sprintf("%s %d", l, pages[l])
	}
	return fmt.Sprintf("%s (%s)", count(total, "page"), strings.Join(parts, ", "))
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
