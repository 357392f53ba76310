package build

import (
	"fmt"

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
		// The PDF is printed from the pack as it is printed (links leaving the pack go to the
		// public site), and the pack page of the site gets the page numbers afterwards.
		replace := func(pages map[string]int, print bool) error {
			html, err := r.Pack(po, pages, true, print)
			if err != nil {
				return err
			}
			if html, err = min.File(page, html); err != nil {
				return err
			}
			return out.Replace(page, html)
		}
		if err := replace(nil, true); err != nil {
			return err
		}
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
			if same(found, pages) || len(found)+len(pages) == 0 {
				// The same pages, or nothing to number (a session material).
				break
			}
			if attempt == 3 {
				return fmt.Errorf("%s: the page numbers of the contents do not settle", po.PDF)
			}
			pages = found
			if err := replace(pages, true); err != nil {
				return err
			}
		}
		if err := replace(pages, false); err != nil {
			return err
		}
		if err := out.Write(po.PDF, data); err != nil {
			return err
		}
	}
	return nil
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
