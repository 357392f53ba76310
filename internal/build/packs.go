package build

import (
	"fmt"
	"maps"

	"vises/internal/pdf"
	"vises/internal/publish"
	"vises/internal/render"
)

// printPacks prints every session pack to PDF. Each pack is printed once to find the page on
// which each part starts, rendered again with those page numbers in its table of contents, and
// printed again; the two printings must agree, or the contents would lie.
// progress, when not nil, is told about each pack before it is printed.
func printPacks(chromium string, r *render.Renderer, out *publish.Staging, min *publish.Minifier, progress func(n, total int, name string)) error {
	printer, err := pdf.NewPrinter(chromium)
	if err != nil {
		return err
	}
	defer printer.Close()
	packs := r.Packs()
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
			html, err := r.Pack(po, pages, blanks, true, print)
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
		ids, right := r.RightHand(po)
		var data []byte
		for attempt := 0; ; attempt++ {
			data, err = printer.Print(out.URL(page))
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
	}
	return nil
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
