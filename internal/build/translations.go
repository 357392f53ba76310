package build

import (
	"io/fs"

	"vises/internal/content"
	"vises/internal/render"
	"vises/internal/translation"
)

// translations runs the translators' loop over the parsed site: a stand-in for each page
// missing in a language, the state of every translation (a warning for each stale one), and
// the date each page was last updated.
func (p *pass) translations() {
	p.site.AddFallbacks()
	rep := translation.Compute(p.o.FS, p.site, p.cfg.DefaultLanguage, p.l)
	rep.Warn(p.l)
	p.res.Translations = rep
	dates := translation.Dates(p.o.FS, p.site, p.o.History, p.l)
	p.meta = make(map[*content.Page]render.PageMeta, len(p.site.Pages))
	for _, pg := range p.site.Pages {
		m := render.PageMeta{Updated: dates[pg]}
		if e := rep.Of(pg); e != nil && e.Status == translation.Stale {
			m.StaleSource = e.Source
			// A translation goes stale when its source is edited: serve renders it again.
			p.loop += " stale:" + pg.File
		}
		p.meta[pg] = m
	}
}

// historyFingerprint describes the dates of the history and the dates record, so that a
// stamped output is built again when a commit or a new record changes them.
func historyFingerprint(fsys fs.FS, h translation.History) string {
	out := ""
	if h != nil {
		out += " history:" + h.Fingerprint()
	}
	if data, err := fs.ReadFile(fsys, translation.DatesFile); err == nil {
		out += " dates:" + translation.FileHash(data)
	}
	return out
}
