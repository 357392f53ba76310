package build

import (
	"vises/internal/pdf"
	"vises/internal/publish"
	"vises/internal/render"
	"vises/internal/slides"
)

// printDecks prints every slide deck to PDF twice: the audience's slides (a landscape 16:9 page
// per slide, no notes) and the trainer's handout (the presenter's view, with the notes). Each
// is printed from its page as printed (links leaving the deck go to the public site), and the
// page is put back as the site shows it. It returns the number of PDFs made.
func printDecks(chromium string, r *render.Renderer, f *slides.Feature, out *publish.Staging, min *publish.Minifier, progress func(n, total int, name string)) (int, error) {
	decks := f.Decks()
	if len(decks) == 0 {
		return 0, nil
	}
	printer, err := pdf.NewPrinter(chromium)
	if err != nil {
		return 0, err
	}
	defer printer.Close()
	n := 0
	for _, dk := range decks {
		slidesPDF, notesPDF := dk.PDF()
		for _, notes := range []bool{false, true} {
			page, name := dk.URL+"index.html", slidesPDF
			if notes {
				page, name = dk.Notes+"index.html", notesPDF
			}
			if progress != nil {
				progress(n+1, 2*len(decks), name)
			}
			replace := func(print bool) error {
				html, err := f.Render(r, dk, notes, print)
				if err != nil {
					return err
				}
				if html, err = min.File(page, html); err != nil {
					return err
				}
				return out.Replace(page, html)
			}
			if err := replace(true); err != nil {
				return n, err
			}
			data, err := printer.Print(out.URL(page))
			if err != nil {
				return n, err
			}
			if err := replace(false); err != nil {
				return n, err
			}
			if err := out.Write(name, data); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
