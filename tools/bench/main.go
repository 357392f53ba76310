// Command bench compares the build of a generated bilingual site by vises and by Hugo (when
// the hugo command is installed), and writes the figures to BENCHMARKS.md.
//
//	go run ./tools/bench [-pages 5000] [-runs 5] [-scale] [-out BENCHMARKS.md]
//
// For each size, it generates the site (internal/benchsite), then builds it cold (the output
// folder removed first) with vises and with Hugo in turn, runs times each, the sizes taking
// turns too, and reports the medians of wall time, CPU time (user + system) and peak memory
// (maximum resident set size).
// It also times two rebuilds of vises with the output folder kept: nothing edited (the folder
// is found up to date), and one page edited (everything is rendered again; unchanged files are
// linked from the previous output rather than written).
//
// Before each timed build the output folder is removed and the file system synced, so that
// neither tool pays for the other's deletions. Everything is measured twice: with the output
// folders on the disk, inside the generated site, and on a memory file system (-memdir, /dev/shm
// by default; "" skips it), which measures the tools without the cost of creating folders and
// files on the disk.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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
				fmt.Fprintf(os.Stderr, "bench: %d pages per language, output on %s, run %d/%d\n", m.rv.pages, m.where(), i+1, *runs)
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
// vises' rebuilds, one run at a time, with the output folders in outdir ("" for the site).
type measurement struct {
	site, outdir, dir, pub, pubHugo string
	vises, hugo                     string
	edited                          string // the page edited for the rebuild timing
	original                        []byte
	runs                            int
	rv, rh, ru, re                  result
}

func newMeasurement(site string, n int, outdir, vises, hugo string) *measurement {
	m := &measurement{site: site, outdir: outdir, dir: site, vises: vises, hugo: hugo,
		rv: result{tool: "vises", pages: n}, rh: result{tool: "hugo", pages: n},
		ru: result{tool: "vises, rebuild with nothing edited", pages: n},
		re: result{tool: "vises, rebuild with one page edited", pages: n}}
	if outdir != "" {
		m.dir = filepath.Join(outdir, fmt.Sprintf("vises-bench-%d", n))
		check(os.MkdirAll(m.dir, 0o755))
	}
	m.pub, m.pubHugo = filepath.Join(m.dir, "public"), filepath.Join(m.dir, "public-hugo")
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

// run makes one cold build with each tool and vises' two rebuilds.
func (m *measurement) run() {
	m.runs++
	clean(m.pub)
	m.rv.samples = append(m.rv.samples, measure(m.site, m.vises, "build", "--out", m.pub))
	m.ru.samples = append(m.ru.samples, measure(m.site, m.vises, "build", "--out", m.pub))
	check(os.WriteFile(m.edited, append(append([]byte(nil), m.original...), fmt.Sprintf("\nUne phrase de plus (passage %d).\n", m.runs)...), 0o644))
	syscall.Sync()
	m.re.samples = append(m.re.samples, measure(m.site, m.vises, "build", "--out", m.pub))
	check(os.WriteFile(m.edited, m.original, 0o644))
	if m.hugo != "" {
		clean(m.pubHugo)
		m.rh.samples = append(m.rh.samples, measure(m.site, m.hugo, "--minify", "--quiet", "-d", m.pubHugo))
	}
}

// finish removes the output folders and returns the results: the cold builds, then the
// rebuilds.
func (m *measurement) finish() (results, rebuilds []result) {
	clean(m.pub)
	clean(m.pubHugo)
	if m.outdir != "" {
		os.RemoveAll(m.dir)
	}
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

// clean removes an output folder (and what vises keeps beside it) and syncs the file system,
// so that the next build does not share the disk with the deletion.
func clean(out string) {
	os.RemoveAll(out)
	base := filepath.Base(out)
	for _, suffix := range []string{".manifest", ".stamp"} {
		os.Remove(filepath.Join(filepath.Dir(out), "."+base+suffix))
	}
	syscall.Sync()
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
	b.WriteString(".\n\nThe site is generated by `internal/benchsite`: N pages per language in seven sections, each of 5 to 8 KB of Markdown with headings, paragraphs, lists, tables, emphasis and links. vises builds it with its default theme; Hugo with `tools/bench/hugo` (navigation, hreflang alternates, table of contents, previous/next, `--minify`). Each build is cold (the output folder removed and the file system synced first); vises and Hugo alternate, and so do the two sizes; figures are medians. CPU is user plus system time; system time, mostly spent creating folders and files, is also given apart. Everything is measured twice: with the output on the disk, then on a memory file system, which leaves out the cost of creating folders and files on the disk. That cost depends on the disk's state more than on either tool: both make a folder and a file per page, and on an ext4 file system without a journal, such as this machine's, finding a free inode skips every inode freed in the last minute (the kernel's recently_deleted check), and each build comes right after its previous output was removed. Read the disk figures with that in mind; the memory ones measure the tools.\n\n")
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
