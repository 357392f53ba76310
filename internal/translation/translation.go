// Package translation keeps the French and Dutch pages of the kit in step: it knows which
// version of its source each translation was made from (the translationOf front matter key,
// written by vises translations mark, and the source's text at that time kept in
// translations/), reports the translations whose source changed since, the pages missing in
// a language and the translations left without a source, shows what changed in a source, and
// finds the date each page was last updated.
package translation

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"vises/internal/content"
	"vises/internal/diag"
)

// StoreDir is the folder of the site (not published) that keeps, for each marked translation,
// the text of its source when it was marked: translations/LANG/PATH for content/LANG/PATH.
const StoreDir = "translations"

// volatile are the front matter keys left out of a source's normalised text: changing them
// does not call for a new translation.
var volatile = []string{"translationOf", "sourceLang", "lastmod"}

// Normalize returns the text of a source file as its translations depend on it: without a
// byte order mark, with LF line ends, without the front matter keys that say nothing a
// translator translates (translationOf, sourceLang, lastmod), without trailing spaces, with
// runs of blank lines made one, ending in one line end.
func Normalize(src []byte) string {
	s := strings.TrimPrefix(string(src), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	var out []string
	inFM, skipping := false, false
	for i, line := range lines {
		line = strings.TrimRight(line, " \t\r")
		if i == 0 && line == "---" {
			inFM = true
			out = append(out, line)
			continue
		}
		if inFM {
			if line == "---" {
				inFM, skipping = false, false
				out = append(out, line)
				continue
			}
			if skipping && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") || line == "") {
				continue
			}
			skipping = false
			if key, ok := topKey(line); ok && slices.Contains(volatile, key) {
				skipping = true
				continue
			}
		}
		if line == "" && len(out) > 0 && out[len(out)-1] == "" {
			continue
		}
		out = append(out, line)
	}
	return strings.Trim(strings.Join(out, "\n"), "\n") + "\n"
}

// topKey returns the key of a top-level front matter line "key: …".
func topKey(line string) (string, bool) {
	if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '-' || line[0] == '#' {
		return "", false
	}
	k, _, ok := strings.Cut(line, ":")
	return strings.Trim(k, `"'`), ok
}

// Hash returns the short hash of a normalised text, as translationOf records it.
func Hash(normalised string) string {
	sum := sha256.Sum256([]byte(normalised))
	return hex.EncodeToString(sum[:])[:12]
}

// SetMark returns the source of a page with its translationOf line set to lang and hash: the
// line is replaced where it is (with any lines indented under it), or added at the end of the
// front matter. Every other byte of src is kept. ok is false when src has no front matter.
func SetMark(src []byte, lang, hash string) (out []byte, ok bool) {
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	line := fmt.Sprintf("translationOf: {lang: %s, hash: %s}%s", lang, hash, nl)
	start := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		start = 3
	}
	first := lineEnd(src, start)
	if strings.TrimSpace(string(src[start:first])) != "---" {
		return nil, false
	}
	for off := first; off < len(src); {
		end := lineEnd(src, off)
		text := strings.TrimRight(string(src[off:end]), "\r\n")
		if strings.TrimSpace(text) == "---" {
			return slices.Concat(src[:off], []byte(line), src[off:]), true
		}
		if key, isKey := topKey(text); isKey && key == "translationOf" {
			// The lines indented under it belong to it.
			stop := end
			for stop < len(src) {
				e := lineEnd(src, stop)
				next := string(src[stop:e])
				if !strings.HasPrefix(next, " ") && !strings.HasPrefix(next, "\t") {
					break
				}
				stop = e
			}
			return slices.Concat(src[:off], []byte(line), src[stop:]), true
		}
		off = end
	}
	return nil, false
}

// lineEnd returns the offset after the line starting at off (after its line end).
func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// Status is the state of a page in a language.
type Status string

const (
	Current  Status = "current"  // a translation of the current version of its source
	Stale    Status = "stale"    // a translation whose source changed since it was marked
	Unmarked Status = "unmarked" // a translation never marked: which version it matches is unknown
	Missing  Status = "missing"  // a source without a translation in this language
	Orphaned Status = "orphaned" // a translation whose source is gone
)

// Entry is one page of a language that is, or should be, a translation.
type Entry struct {
	Lang   string        // the language of the translation
	Page   *content.Page // the translation; nil when missing
	Source *content.Page // its source; nil when orphaned
	Status Status
	Marked string // the hash translationOf recorded, or ""
	Now    string // the hash of the source's text now, for a marked translation
}

// File returns the translation's file, or the file it is expected at when missing.
func (e *Entry) File() string {
	if e.Page != nil {
		return e.Page.File
	}
	return "content/" + e.Lang + "/" + e.Source.Path
}

// Report is the state of every translation of a site.
type Report struct {
	Langs   []string
	Entries []*Entry // by language (site order), then file
	byPage  map[*content.Page]*Entry
}

// Of returns the entry of a translation, or nil for a page that is not one.
func (r *Report) Of(p *content.Page) *Entry {
	if r == nil {
		return nil
	}
	return r.byPage[p]
}

// SourceLang returns the language a group of pages that translate each other is written in:
// the sourceLang of one of them, else def when one of them is in def, else the language named
// by a translationOf, else the language of the first page.
func SourceLang(group []*content.Page, def string) string {
	for _, p := range group {
		if p.FM.SourceLang != "" {
			return p.FM.SourceLang
		}
	}
	for _, p := range group {
		if p.Lang == def {
			return def
		}
	}
	for _, p := range group {
		if t := p.FM.TranslationOf; t != nil && t.Lang != "" {
			return t.Lang
		}
	}
	return group[0].Lang
}

// Compute finds the state of every translation of site, reading the sources of marked
// translations from fsys. def is the language pages are written in unless they say otherwise.
// Problems (a sourceLang that is not a language of the site, a source that cannot be read)
// are added to l; stale translations are not: Warn reports them.
func Compute(fsys fs.FS, site *content.Site, def string, l *diag.List) *Report {
	r := &Report{Langs: site.Langs, byPage: map[*content.Page]*Entry{}}
	seen := map[*content.Page]bool{}
	hashes := map[string]string{}
	for _, p := range site.Pages {
		if p.Implicit || p.Fallback != nil || p.Duplicate || seen[p] {
			continue
		}
		group := []*content.Page{p}
		for _, lang := range site.Langs {
			if q := p.Translations[lang]; q != nil && !q.Implicit {
				group = append(group, q)
			}
		}
		for _, q := range group {
			seen[q] = true
			if sl := q.FM.SourceLang; sl != "" && !slices.Contains(site.Langs, sl) {
				l.Errorf(q.FieldPos("sourceLang"), "front matter: sourceLang %q is not a language of the site (%s)", sl, strings.Join(site.Langs, ", "))
			}
		}
		srcLang := SourceLang(group, def)
		var src *content.Page
		for _, q := range group {
			if q.Lang == srcLang {
				src = q
			}
		}
		for _, q := range group {
			if q == src {
				continue
			}
			e := &Entry{Lang: q.Lang, Page: q, Source: src}
			if t := q.FM.TranslationOf; t != nil {
				e.Marked = t.Hash
			}
			switch {
			case src == nil && (q.FM.TranslationOf != nil || q.FM.SourceLang != ""):
				e.Status = Orphaned
			case src == nil:
				// A page alone in its language, which says nothing of a source: it is a source
				// itself, missing in the other languages (below).
				continue
			case e.Marked == "":
				e.Status = Unmarked
			default:
				now, ok := hashes[src.File]
				if !ok {
					data, err := fs.ReadFile(fsys, src.File)
					if err != nil {
						l.Errorf(diag.Pos{File: src.File}, "cannot be read: %v", err)
					}
					now = Hash(Normalize(data))
					hashes[src.File] = now
				}
				e.Now = now
				e.Status = Current
				if now != e.Marked || (q.FM.TranslationOf.Lang != "" && q.FM.TranslationOf.Lang != src.Lang) {
					e.Status = Stale
				}
			}
			r.add(e)
		}
		// The languages the source is missing in (a group without its source is orphaned).
		from := src
		if from == nil {
			continue
		}
		for _, lang := range site.Langs {
			if lang == from.Lang || from.Translations[lang] != nil || site.FailedFile(lang, from.Path) != "" {
				continue
			}
			r.add(&Entry{Lang: lang, Source: from, Status: Missing})
		}
	}
	sort.SliceStable(r.Entries, func(i, j int) bool {
		a, b := r.Entries[i], r.Entries[j]
		if a.Lang != b.Lang {
			return slices.Index(site.Langs, a.Lang) < slices.Index(site.Langs, b.Lang)
		}
		return a.File() < b.File()
	})
	return r
}

func (r *Report) add(e *Entry) {
	r.Entries = append(r.Entries, e)
	if e.Page != nil {
		r.byPage[e.Page] = e
	}
}

// Warn adds a warning for each stale translation to l, at its translationOf line, naming
// both files.
func (r *Report) Warn(l *diag.List) {
	for _, e := range r.Entries {
		if e.Status != Stale {
			continue
		}
		l.Warnf(e.Page.FieldPos("translationOf"), "stale translation: its source %s has changed since it was marked (vises translations diff %s shows what changed; once the translation is brought up to date, vises translations mark %s)", e.Source.File, e.Page.File, e.Page.File)
	}
}

// Count returns how many entries of lang have status s.
func (r *Report) Count(lang string, s Status) int {
	n := 0
	for _, e := range r.Entries {
		if e.Lang == lang && e.Status == s {
			n++
		}
	}
	return n
}

// StoreFile returns the file that keeps the text of the source a translation was marked from.
func StoreFile(translation *content.Page) string {
	return StoreDir + "/" + translation.Lang + "/" + translation.Path
}
