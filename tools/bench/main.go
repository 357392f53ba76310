// Command bench compares the build of a generated bilingual site by vises and by Hugo (when
// the hugo command is installed), and writes the figures to BENCHMARKS.md.
//
//	go run ./tools/bench [-pages 5000] [-runs 5] [-scale] [-out BENCHMARKS.md]
//
// For each size, it generates the site (internal/benchsite), then builds it cold with vises and
// with Hugo in turn, runs times each, the sizes taking turns too, and reports the medians of
// wall time, CPU time (user + system) and peak memory (maximum resident set size).
// Then it times two rebuilds of vises, runs times each, with the output of its last cold build
// kept: nothing edited (the folder is found up to date), and one page edited (only that page,
// the packs holding it and its language's search index are rendered again, and written in
// place of the old files).
//
// Everything is measured twice: with the output folders on the disk, in the temporary folder
// of the generated sites, and on a memory file system (-memdir, /dev/shm by default; "" skips
// it), which measures the tools without the cost of creating folders and files on the disk.
// The file system is synced before each timed build, so that no build pays for the writes of
// the one before. On the disk, each cold build writes a new folder and none is removed before
// the end (about 6 GB for the default sizes and runs): on an ext4 file system without a
// journal, finding a free inode skips every inode freed in the last minute, so a build made
// right after a removal pays for it, whichever tool removed what. On the memory file system,
// where removing costs nothing later, the folder is removed before each build.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"vises/internal/benchsite"
)

type sample struct {
	wall, cpu, sys time.Duration
	rssMB          float64
}

type result struct {
	tool    string
	pages   int
	samples []sample
}

func (r result) median() sample {
	med := func(f func(sample) float64) float64 {
		v := make([]float64, len(r.samples))
		for i, s := range r.samples {
			v[i] = f(s)
		}
		sort.Float64s(v)
		return v[len(v)/2]
	}
	return sample{
		wall:  time.Duration(med(func(s sample) float64 { return float64(s.wall) })),
		cpu:   time.Duration(med(func(s sample) float64 { return float64(s.cpu) })),
		sys:   time.Duration(med(func(s sample) float64 { return float64(s.sys) })),
		rssMB: med(func(s sample) float64 { return s.rssMB }),
	}
}

func main() {
	pages := flag.Int("pages", 5000, "pages per language")
	runs := flag.Int("runs", 5, "builds per tool and size (medians are reported)")
	scale := flag.Bool("scale", true, "also build twice the pages, to check that the cost grows linearly")
	out := flag.String("out", "BENCHMARKS.md", "report to write")
	memdir := flag.String("memdir", "/dev/shm", "`folder` on a memory file system for the second set of output folders (\"\" for the disk alone)")
	flag.Parse()

	root, err := os.MkdirTemp("", "vises-bench-")
	check(err)
	defer os.RemoveAll(root)
	vises := filepath.Join(root, "vises")
	run("", "go", "build", "-o", vises, "./cmd/vises")
	hugo, _ := exec.LookPath("hugo")
	hugoVersion := ""
	if hugo != "" {
		hugoVersion = strings.TrimSpace(string(output("", hugo, "version")))
	} else {
		fmt.Fprintln(os.Stderr, "bench: hugo is not installed (apt-get install hugo); measuring vises alone")
	}

	sizes := []int{*pages}
	if *scale {
		sizes = append(sizes, 2**pages)
	}
	outdirs := []string{""}
	if fi, err := os.Stat(*memdir); *memdir != "" && err == nil && fi.IsDir() {
		outdirs = append(outdirs, *memdir)
	}
	var sites []string
	for _, n := range sizes {
		site := filepath.Join(root, fmt.Sprintf("site-%d", n))
		check(os.MkdirAll(site, 0o755))
		check(benchsite.Generate(site, n))
		if hugo != "" {
			copyDir("tools/bench/hugo", site)
		}
		sites = append(sites, site)
	}
	var sections []string
	for _, outdir := range outdirs {
		var ms []*measurement
		for i, n := range sizes {
			ms = append(ms, newMeasurement(sites[i], n, outdir, vises, hugo))
		}
		// The sizes take turns, as the tools do: a disk that slows down as output folders are
		// removed and made again slows down both sizes alike.
		for i := 0; i < *runs; i++ {
			for _, m := range ms {
				m.run()
				fmt.Fprintf(os.Stderr, "bench: %d pages per language, output on %s, cold builds %d/%d\n", m.rv.pages, m.where(), i+1, *runs)
			}
		}
		// The rebuilds come after every cold build: a rebuild removes the folders of the
		// output it replaces.
		for i := 0; i < *runs; i++ {
			for _, m := range ms {
				m.rebuild(i)
				fmt.Fprintf(os.Stderr, "bench: %d pages per language, output on %s, rebuilds %d/%d\n", m.rv.pages, m.where(), i+1, *runs)
			}
		}
		var results, rebuilds []result
		for _, m := range ms {
			rs, rb := m.finish()
			results, rebuilds = append(results, rs...), append(rebuilds, rb...)
		}
		sections = append(sections, section(results, rebuilds, outdir))
	}
	report := header(*pages, *runs, *memdir, hugoVersion) + strings.Join(sections, "\n")
	check(os.WriteFile(*out, []byte(report), 0o644))
	fmt.Print(report)
}

// measurement times cold builds of the site of n pages per language with vises and Hugo, and
// vises' rebuilds, one run at a time, with the output folders in outdir ("" for the disk).
type measurement struct {
	site, outdir, dir string
	vises, hugo       string
	edited            string // the page edited for the rebuild timing
	original          []byte
	runs              int
	fresh             bool     // each cold build writes a new folder (on the disk)
	outs              []string // the output folders written, removed by finish
	last              string   // the output of vises' last cold build, for the rebuilds
	rv, rh, ru, re    result
}

func newMeasurement(site string, n int, outdir, vises, hugo string) *measurement {
	m := &measurement{site: site, outdir: outdir, dir: site, vises: vises, hugo: hugo,
		rv: result{tool: "vises", pages: n}, rh: result{tool: "hugo", pages: n},
		ru: result{tool: "vises, rebuild with nothing edited", pages: n},
		re: result{tool: "vises, rebuild with one page edited", pages: n}}
	if outdir != "" {
		// A new folder of its own: finish removes it, and nothing else of outdir.
		var err error
		m.dir, err = os.MkdirTemp(outdir, fmt.Sprintf("vises-bench-%d-", n))
		check(err)
	} else {
		m.dir, m.fresh = filepath.Join(filepath.Dir(site), fmt.Sprintf("out-%d", n)), true
		check(os.MkdirAll(m.dir, 0o755))
	}
	m.edited = editablePage(site)
	var err error
	m.original, err = os.ReadFile(m.edited)
	check(err)
	return m
}

func (m *measurement) where() string {
	if m.outdir != "" {
		return m.outdir
	}
	return "disk"
}

// out returns the output folder of the next cold build of a tool: a new one when m.fresh,
// else the same one each run, removed first. The file system is synced.
func (m *measurement) out(tool string) string {
	name := filepath.Join(m.dir, tool)
	if m.fresh {
		name = fmt.Sprintf("%s-%d", name, m.runs)
	} else {
		clean(name)
	}
	if !slices.Contains(m.outs, name) {
		m.outs = append(m.outs, name)
	}
	syscall.Sync()
	return name
}

// run makes one cold build with each tool.
func (m *measurement) run() {
	m.runs++
	m.last = m.out("public")
	m.rv.samples = append(m.rv.samples, measure(m.site, m.vises, "build", "--out", m.last))
	if m.hugo != "" {
		m.rh.samples = append(m.rh.samples, measure(m.site, m.hugo, "--minify", "--quiet", "-d", m.out("public-hugo")))
	}
}

// rebuild makes vises' two rebuilds of the output of its last cold build: nothing edited since
// the build before (the cold one, or the previous rebuild), then the page m.edited edited.
func (m *measurement) rebuild(i int) {
	syscall.Sync()
	m.ru.samples = append(m.ru.samples, measure(m.site, m.vises, "build", "--out", m.last))
	check(os.WriteFile(m.edited, append(append([]byte(nil), m.original...), fmt.Sprintf("\nUne phrase de plus (passage %d).\n", i+1)...), 0o644))
	syscall.Sync()
	m.re.samples = append(m.re.samples, measure(m.site, m.vises, "build", "--out", m.last))
}

// finish puts the edited page back, removes the output folders and returns the results: the
// cold builds, then the rebuilds.
func (m *measurement) finish() (results, rebuilds []result) {
	check(os.WriteFile(m.edited, m.original, 0o644))
	for _, out := range m.outs {
		clean(out)
	}
	os.RemoveAll(m.dir)
	results = append(results, m.rv)
	if m.hugo != "" {
		results = append(results, m.rh)
	}
	return results, []result{m.ru, m.re}
}

// measure runs a command in dir and returns its wall time, CPU time and peak memory.
func measure(dir, name string, args ...string) sample {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
		os.Exit(1)
	}
	wall := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return sample{wall: wall, cpu: cpu, sys: time.Duration(ru.Stime.Nano()), rssMB: float64(ru.Maxrss) / 1024}
}

// clean removes an output folder and what vises keeps beside it.
func clean(out string) {
	os.RemoveAll(out)
	base := filepath.Base(out)
	for _, suffix := range []string{".manifest", ".stamp"} {
		os.Remove(filepath.Join(filepath.Dir(out), "."+base+suffix))
	}
}

// editablePage returns a plain page of the generated site, edited for the rebuild timings.
func editablePage(site string) string {
	var found string
	filepath.WalkDir(filepath.Join(site, "content", "fr"), func(p string, d os.DirEntry, err error) error {
		if found == "" && err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			found = p
		}
		return nil
	})
	if found == "" {
		check(fmt.Errorf("no page to edit in %s", site))
	}
	return found
}

// header is the start of the report: how it was made and what it measures.
func header(pages, runs int, memdir, hugoVersion string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Benchmarks\n\n")
	cmdline := fmt.Sprintf("go run ./tools/bench -pages %d -runs %d", pages, runs)
	if memdir != "/dev/shm" {
		cmdline += fmt.Sprintf(" -memdir %q", memdir)
	}
	fmt.Fprintf(&b, "Produced by `make bench` (`%s`) on %s, %d cores, %s",
		cmdline, time.Now().UTC().Format("2006-01-02"), runtime.NumCPU(), runtime.Version())
	if hugoVersion != "" {
		fmt.Fprintf(&b, ", against %s", hugoVersion)
	}
	b.WriteString(".\n\nThe site is generated by `internal/benchsite`: N pages per language in seven sections, each of 5 to 8 KB of Markdown with headings, paragraphs, lists, tables, emphasis and links. vises builds it with its default theme; Hugo with `tools/bench/hugo` (navigation, hreflang alternates, table of contents, previous/next, `--minify`). Each build is cold, the file system synced first; vises and Hugo alternate, and so do the two sizes; figures are medians. CPU is user plus system time; system time, mostly spent creating folders and files, is also given apart. Everything is measured twice: with the output on the disk, then on a memory file system, which leaves out the cost of creating folders and files on the disk. On the disk, each cold build writes a new folder, and all are removed at the end: on an ext4 file system without a journal, such as this machine's, finding a free inode skips every inode freed in the last minute (the kernel's recently_deleted check), so a build made right after an output folder was removed pays for the removal, several seconds for these sizes, whichever tool removed it. The rebuilds come after all cold builds, on the output of vises' last one.\n\n")
	return b.String()
}

// section reports the builds made with the output folders in outdir ("" for the disk).
func section(results, rebuilds []result, outdir string) string {
	var b strings.Builder
	if outdir == "" {
		b.WriteString("## Output on the disk\n\n")
	} else {
		fmt.Fprintf(&b, "## Output on a memory file system (%s)\n\n", outdir)
	}
	b.WriteString("| tool | pages per language | wall | CPU | of which system | peak memory | pages/s |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, r := range append(results, rebuilds...) {
		m := r.median()
		fmt.Fprintf(&b, "| %s | %d | %.2f s | %.2f s | %.2f s | %.0f MB | %.0f |\n", r.tool, r.pages, m.wall.Seconds(), m.cpu.Seconds(), m.sys.Seconds(), m.rssMB, float64(2*r.pages)/m.wall.Seconds())
	}
	b.WriteString("\n")
	by := map[string]sample{}
	for _, r := range results {
		by[fmt.Sprint(r.tool, r.pages)] = r.median()
	}
	for _, r := range results {
		if r.tool != "vises" {
			continue
		}
		v := by[fmt.Sprint("vises", r.pages)]
		if h, ok := by[fmt.Sprint("hugo", r.pages)]; ok {
			fmt.Fprintf(&b, "- %d pages per language: vises/Hugo wall time %.2f, peak memory %.2f.\n", r.pages, v.wall.Seconds()/h.wall.Seconds(), v.rssMB/h.rssMB)
		}
		if big, ok := by[fmt.Sprint("vises", 2*r.pages)]; ok {
			fmt.Fprintf(&b, "- Growth: %d pages per language take %.2f times the time of %d.\n", 2*r.pages, big.wall.Seconds()/v.wall.Seconds(), r.pages)
		}
	}
	for _, r := range rebuilds {
		if v, ok := by[fmt.Sprint("vises", r.pages)]; ok {
			what := strings.TrimPrefix(r.tool, "vises, rebuild")
			fmt.Fprintf(&b, "- Rebuild%s, %d pages per language: %.2f of the time of a cold build.\n", what, r.pages, r.median().wall.Seconds()/v.wall.Seconds())
		}
	}
	return b.String()
}

func copyDir(src, dst string) {
	check(filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	}))
}

func run(dir, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, os.Stderr, os.Stderr
	check(cmd.Run())
}

func output(dir, name string, args ...string) []byte {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	check(err)
	return out
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
