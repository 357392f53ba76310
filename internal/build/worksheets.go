package build

import (
	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/worksheet"
)

// worksheetSection is the folder of the worksheets below content/LANG/.
const worksheetSection = "fiches"

// checkWorksheets validates every worksheet and compares its language versions: ids, kinds
// and scales must be the same in every language.
func checkWorksheets(site *content.Site, l *diag.List) {
	report := func(p *content.Page, ps []worksheet.Problem) {
		for _, pr := range ps {
			l.Errorf(p.FieldPos(pr.Path...), "worksheet: %s", pr.Msg)
		}
	}
	for _, p := range site.Pages {
		ws := p.FM.Worksheet
		if ws == nil {
			for _, q := range p.Translations {
				if q.FM.Worksheet != nil {
					l.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1}, "worksheet: %s declares a worksheet and this translation does not", q.File)
					break
				}
			}
			continue
		}
		if p.Section != worksheetSection || p.Kind != content.KindPage {
			l.Errorf(p.FieldPos("worksheet"), "worksheet: only pages of %s/ can declare a worksheet", worksheetSection)
			continue
		}
		report(p, worksheet.Validate(ws))
		// Compare with the first language that has the page.
		for _, lang := range site.Langs {
			if lang == p.Lang {
				break
			}
			if q := p.Translations[lang]; q != nil && q.FM.Worksheet != nil {
				report(p, worksheet.Compare(q.FM.Worksheet, ws))
				break
			}
		}
	}
}
