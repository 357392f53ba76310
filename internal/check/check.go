// Package check reports what vises check (and every build) finds in an assembled site:
// broken links, anchors and handouts, pages missing in a language, drafts, and UI strings
// missing in a locale.
package check

import (
	"fmt"
	"path"
	"strings"

	"vises/internal/parallel"

	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/i18n"
)

// Site adds the findings of vises check to l. static says whether a file is published from
// the site root (such as "images/x.svg"); links are checked on workers goroutines.
func Site(site *content.Site, ui *i18n.Bundle, static func(string) bool, workers int, l *diag.List) {
	Links(site, static, workers, l)
	for _, p := range site.Pages {
		if p.Implicit || p.Fallback != nil {
			continue
		}
		for _, lang := range site.Langs {
			if lang == p.Lang || p.Translations[lang] != nil || site.FailedFile(lang, p.Path) != "" {
				// A translation that could not be read has its own error.
				continue
			}
			l.Warnf(diag.Pos{File: p.File, Line: 1, Col: 1}, "no %s translation (expected content/%s/%s%s)", lang, lang, p.Path, pairingHint(site, p, lang))
		}
	}
	for _, p := range site.Drafts {
		l.Warnf(diag.Pos{File: p.File, Line: 1, Col: 1}, "draft: not published")
	}
	l.Add(ui.Missing()...)
}

// pairingHint says how to pair p with its translation in lang when that may have another file
// name: it names the pages of the same folder in lang that have no translation in p's language.
func pairingHint(site *content.Site, p *content.Page, lang string) string {
	var alone []string
	for _, q := range site.Pages {
		if q.Lang == lang && !q.Implicit && q.Fallback == nil && q.Kind == p.Kind && q.Dir() == p.Dir() && q.Translations[p.Lang] == nil {
			alone = append(alone, q.File)
		}
	}
	// The key suggested is the same in both warnings: from the name of the page of the first
	// language.
	named := p
	if len(alone) == 1 && p.Lang != site.Langs[0] {
		named = site.Page(lang, strings.TrimPrefix(alone[0], "content/"+lang+"/"))
	}
	key := strings.TrimSuffix(path.Base(named.Path), ".md")
	if named.Kind != content.KindPage {
		key = path.Base(path.Dir(named.Path))
	}
	if named.FM.TranslationKey != "" {
		key = named.FM.TranslationKey
	}
	switch {
	case len(alone) == 1:
		return fmt.Sprintf("; if %s is its translation, give both pages translationKey: %s", alone[0], key)
	case len(alone) > 1:
		if len(alone) > 3 {
			alone = append(alone[:3], "…")
		}
		return fmt.Sprintf("; if one of %s is its translation, give both pages translationKey: %s", strings.Join(alone, ", "), key)
	}
	return ""
}

// Links reports the links, anchors and handouts of every page that lead nowhere, in site
// order. A link to a page that exists but could not be read is not broken: its page's own
// error says what is wrong, and one note per such page says how many links were not checked.
func Links(site *content.Site, static func(string) bool, workers int, l *diag.List) {
	type result struct {
		diags  diag.List
		unread []string // the files of unreadable pages linked to, once per link
	}
	pages := site.Pages
	results := make([]result, len(pages))
	parallel.For(len(pages), workers, func(i int) {
		p, res := pages[i], &results[i]
		if p.Fallback != nil {
			return // a stand-in for a missing page has the links of the page it shows, checked there
		}
		p.EachLink(func(dest string, pos diag.Pos) {
			t, problem := site.Resolve(p, dest, static)
			switch {
			case problem != "":
				res.diags.Errorf(pos, "%s", problem)
			case t.Unread != "":
				res.unread = append(res.unread, t.Unread)
			}
		})
		for i, h := range p.FM.Handouts {
			t, problem := site.Resolve(p, h, nil)
			if t.Unread != "" {
				res.unread = append(res.unread, t.Unread)
				continue
			}
			if problem == "" && t.Page == nil {
				problem = fmt.Sprintf("handout %q is not a page of the kit", h)
			}
			if problem != "" {
				res.diags.Errorf(p.FieldPos("handouts", fmt.Sprint(i)), "handouts: %s", problem)
			}
		}
	})
	unread := map[string]int{}
	for i := range results {
		l.Merge(&results[i].diags)
		for _, f := range results[i].unread {
			unread[f]++
		}
	}
	for f, n := range unread {
		links := "1 link"
		if n > 1 {
			links = fmt.Sprintf("%d links", n)
		}
		l.Add(diag.Diagnostic{Pos: diag.Pos{File: f}, Severity: diag.Note, Stage: diag.Read,
			Msg: fmt.Sprintf("%s to this page from other pages could not be checked until it can be read", links)})
	}
}
