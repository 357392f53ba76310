package translation

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"vises/internal/content"
	"vises/internal/diag"
)

// DatesFile records, for each content file whose last change git knew when it was written,
// the hash of the file and that date: builds without the history (a shallow clone, a ZIP)
// show the date of a file whose bytes are still the ones recorded. vises translations mark
// writes it.
const DatesFile = StoreDir + "/dates.tsv"

// History is the date of the last commit that changed each file (relative to the site root),
// as git knows it. Files whose last change git cannot see (a shallow clone's oldest commit
// holds every file as if it were new) are left out.
type History map[string]time.Time

// GitHistory reads the history of content/ in the git work tree holding dir, with one git log.
// It returns nil when there is no git or no history.
func GitHistory(dir string) History {
	git := func(args ...string) ([]byte, error) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "core.quotePath=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C")
		return cmd.Output()
	}
	if out, err := git("rev-parse", "--is-inside-work-tree"); err != nil || strings.TrimSpace(string(out)) != "true" {
		return nil
	}
	// The oldest commits of a shallow clone: what they hold may have changed long before.
	boundary := map[string]bool{}
	if out, err := git("rev-parse", "--git-path", "shallow"); err == nil {
		name := strings.TrimSpace(string(out))
		if !filepath.IsAbs(name) {
			name = filepath.Join(dir, name)
		}
		if data, err := os.ReadFile(name); err == nil {
			for _, h := range strings.Fields(string(data)) {
				boundary[h] = true
			}
		}
	}
	out, err := git("log", "--relative", "--format=%x1e%H %ct", "--name-only", "--no-renames", "--", "content")
	if err != nil {
		return nil
	}
	h := History{}
	unsure := map[string]bool{}
	for _, rec := range strings.Split(string(out), "\x1e") {
		head, files, _ := strings.Cut(rec, "\n")
		hash, secs, ok := strings.Cut(strings.TrimSpace(head), " ")
		if !ok {
			continue
		}
		var unix int64
		if _, err := fmt.Sscan(secs, &unix); err != nil {
			continue
		}
		t := time.Unix(unix, 0).UTC()
		for _, f := range strings.Split(files, "\n") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			if _, seen := h[f]; seen || unsure[f] {
				continue // git log lists the latest commits first
			}
			if boundary[hash] {
				unsure[f] = true
				continue
			}
			h[f] = t
		}
	}
	return h
}

// Fingerprint describes the history, for the stamp of an output folder.
func (h History) Fingerprint() string {
	names := make([]string, 0, len(h))
	for n := range h {
		names = append(names, n)
	}
	sort.Strings(names)
	sum := sha256.New()
	for _, n := range names {
		fmt.Fprintf(sum, "%s %d\n", n, h[n].Unix())
	}
	return hex.EncodeToString(sum.Sum(nil))
}

// FileHash returns the short hash of a file's bytes, as DatesFile records it.
func FileHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:12]
}

type record struct {
	hash string
	date time.Time
}

// readRecords reads DatesFile from fsys; a missing file is no record.
func readRecords(fsys fs.FS, l *diag.List) map[string]record {
	data, err := fs.ReadFile(fsys, DatesFile)
	if err != nil {
		return nil
	}
	out := map[string]record{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			l.Errorf(diag.Pos{File: DatesFile, Line: n, Col: 1}, "a line holds a file, its hash and a date, separated by tabs")
			continue
		}
		t, err := time.Parse(time.RFC3339, f[2])
		if err != nil {
			l.Errorf(diag.Pos{File: DatesFile, Line: n, Col: 1}, "date %q: write it as 2006-01-02T15:04:05Z", f[2])
			continue
		}
		out[f[0]] = record{hash: f[1], date: t.UTC()}
	}
	return out
}

// ParseDate reads a lastmod value: a day (2006-01-02) or a time (RFC 3339).
func ParseDate(s string) (time.Time, bool) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}

// Dates returns the date each page was last updated: its lastmod, else the last change of its
// file in the history, else the date DatesFile records for the file's bytes as they are. A page
// with none of them has no date. A stand-in for a missing page has the date of the page it
// shows. Problems (a lastmod that is not a date) are added to l.
func Dates(fsys fs.FS, site *content.Site, h History, l *diag.List) map[*content.Page]time.Time {
	out := map[*content.Page]time.Time{}
	var records map[string]record
	loaded := false
	for _, p := range site.Pages {
		if p.Implicit || p.Fallback != nil {
			continue
		}
		if lm := p.FM.Lastmod; lm != "" {
			if t, ok := ParseDate(lm); ok {
				out[p] = t
				continue
			}
			l.Errorf(p.FieldPos("lastmod"), "front matter: lastmod %q is not a date: write it as 2006-01-02", lm)
		}
		if t, ok := h[p.File]; ok {
			out[p] = t
			continue
		}
		if !loaded {
			records, loaded = readRecords(fsys, l), true
		}
		if rec, ok := records[p.File]; ok {
			if data, err := fs.ReadFile(fsys, p.File); err == nil && FileHash(data) == rec.hash {
				out[p] = rec.date
			}
		}
	}
	for _, p := range site.Pages {
		if p.Fallback != nil {
			if t, ok := out[p.Fallback]; ok {
				out[p] = t
			}
		}
	}
	return out
}
