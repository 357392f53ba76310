package build

import (
	"encoding/json"
	"fmt"
	"maps"

	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/pack"
	"vises/internal/pdf"
	"vises/internal/publish"
	"vises/internal/render"
)

// printPacks prints every session pack to PDF. Each pack is printed once to find the page on
// which each part starts, rendered again with those page numbers in its table of contents, and
// printed again; the two printings must agree, or the contents would lie.
// progress, when not nil, is told about each pack before it is printed.
// Tables of a trainer's pack (which holds every page of the participants' too) that would not fit
// the width of the printed page are reported to l at their Markdown line.
func printPacks(chromium string, r *render.Renderer, f *pack.Feature, out *publish.Staging, min *publish.Minifier, progress func(n, total int, name string), l *diag.List) error {
	printer, err := pdf.NewPrinter(chromium)
	if err != nil {
		return err
	}
	defer printer.Close()
	packs := f.Packs(r)
	warned := map[diag.Pos]bool{} // a table in several packs is reported once
	for i, po := range packs {
		if progress != nil {
			progress(i+1, len(packs), po.PDF)
		}
		page := po.URL + "index.html"
		pages := map[string]int{}
		blanks := map[string]bool{} // parts with a page for notes before them
		// The PDF is printed from the pack as it is printed (links leaving the pack go to the
		// public site), and the pack page of the site gets the page numbers afterwards.
		replace := func(pages map[string]int, blanks map[string]bool, print bool) error {
			html, err := f.Render(r, po, pages, blanks, true, print)
			if err != nil {
				return err
			}
			if html, err = min.File(page, html); err != nil {
				return err
			}
			return out.Replace(page, html)
		}
		if err := replace(nil, nil, true); err != nil {
			return err
		}
		ids, right := pack.RightHand(r, po)
		script := ""
		if po.Variant == pack.Trainer {
			script = tooWide
		}
		var data []byte
		var measured string
		for attempt := 0; ; attempt++ {
			data, measured, err = printer.PrintMeasured(out.URL(page), script)
			if err != nil {
				return err
			}
			doc, err := pdf.Parse(data)
			if err != nil {
				return fmt.Errorf("%s: %w", po.PDF, err)
			}
			found := doc.Dests()
			var changed bool
			blanks, changed = rightHand(found, ids, right, blanks)
			if !changed && (same(found, pages) || len(found)+len(pages) == 0) {
				// The same pages, or nothing to number (a session material).
				break
			}
			if attempt == 4 {
				return fmt.Errorf("%s: the page numbers of the contents do not settle", po.PDF)
			}
			pages = found
			if err := replace(pages, blanks, true); err != nil {
				return err
			}
		}
		if err := replace(pages, nil, false); err != nil {
			return err
		}
		if err := out.Write(po.PDF, data); err != nil {
			return err
		}
		if measured != "" {
			warnTooWide(l, po, pack.Pages(r, po), measured, warned)
		}
	}
	return nil
}

// tooWide measures, in a pack laid out for print, the narrowest each table of the text can be
// (its min-content width, with the print style sheet's word breaking) against the width of the
// printed page (A4 less its 16 mm margins; landscape for the session's plan), and lists those
// that would not fit, by part and rank among the part's tables.
const tooWide = `(() => {
  const mm = 96 / 25.4, out = [];
  for (const part of document.querySelectorAll("section.pack-part")) {
    const room = (part.classList.contains("pack-part-plan") ? 297 - 32 : 210 - 32) * mm;
    const tables = part.querySelectorAll(".table-scroll > table");
    tables.forEach((t, i) => {
      const w = t.style.width;
      t.style.width = "min-content";
      const need = t.getBoundingClientRect().width;
      t.style.width = w;
      if (need > room + 1) {
        out.push({part: part.id, index: i, count: tables.length, need: Math.ceil(need / mm), room: Math.round(room / mm)});
      }
    });
  }
  return JSON.stringify(out);
})()`

// warnTooWide reports the tables tooWide found at their Markdown lines.
func warnTooWide(l *diag.List, po pack.Output, pages map[string]*content.Page, measured string, warned map[diag.Pos]bool) {
	var wide []struct {
		Part         string
		Index, Count int
		Need, Room   int
	}
	if err := json.Unmarshal([]byte(measured), &wide); err != nil {
		l.Warnf(diag.Pos{File: po.Session.File}, "--pdf: the measure of the tables of %s could not be read: %v", po.PDF, err)
		return
	}
	for _, w := range wide {
		p := pages[w.Part]
		if p == nil || p.Doc == nil || len(p.Doc.Tables) != w.Count {
			continue // a table the theme draws, not one of the page's Markdown
		}
		pos := p.TablePos(w.Index)
		if warned[pos] {
			continue
		}
		warned[pos] = true
		l.Warnf(pos, "this table needs %d mm on paper and the printed page of %s has %d: shorten its longest words or codes, or split it in two", w.Need, po.PDF, w.Room)
	}
}

// rightHand returns the parts that must start on a right-hand page (right, in the order of ids)
// and get a page for notes before them, from a printing with the blanks given, whose parts
// started on the pages found. A page for notes moves every later part by one page, since each
// part starts on a page of its own: the start of each part without any blank is worked out
// first, then the blanks are placed from the first part on. changed reports whether the blanks
// differ from those given (the lengths of parts may change from one printing to the next, as
// their page references are filled in).
func rightHand(found map[string]int, ids []string, right []bool, blanks map[string]bool) (out map[string]bool, changed bool) {
	out = map[string]bool{}
	had, shift := 0, 0
	for i, id := range ids {
		start, ok := found[id]
		if !ok {
			continue
		}
		if blanks[id] {
			had++
		}
		if start += shift - had; right[i] && start%2 == 0 {
			out[id] = true
			shift++
		}
	}
	return out, !maps.Equal(out, blanks)
}

// same reports whether the parts start on the same pages in both maps.
func same(a, b map[string]int) bool {
	if len(a) == 0 || len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
