// Package check reports what vises check finds in an assembled site beyond build errors:
// pages missing in a language, drafts, and UI strings missing in a locale.
package check

import (
	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/i18n"
)

// Site adds the findings of vises check to l.
func Site(site *content.Site, ui *i18n.Bundle, l *diag.List) {
	for _, p := range site.Pages {
		if p.Implicit {
			continue
		}
		for _, lang := range site.Langs {
			if lang == p.Lang || p.Translations[lang] != nil {
				continue
			}
			l.Warnf(diag.Pos{File: p.File, Line: 1, Col: 1}, "no %s translation (expected content/%s/%s)", lang, lang, p.Path)
		}
	}
	for _, p := range site.Drafts {
		l.Warnf(diag.Pos{File: p.File, Line: 1, Col: 1}, "draft: not published")
	}
	l.Add(ui.Missing()...)
}
