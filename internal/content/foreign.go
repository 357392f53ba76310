package content

import (
	"errors"
	"fmt"
	"io/fs"
	"unicode/utf8"

	"vises/internal/diag"
)

// What vises says of content written for another tool (Hugo, mostly) or in another encoding.

// hugoKeys are the front matter keys of Hugo that vises does not use, with what to do instead.
// They are warnings, not errors: a page brought from a Hugo site builds, and the author learns
// what was left out.
var hugoKeys = map[string]string{
	"date":        "vises shows no publication date; remove it",
	"publishDate": "vises publishes every page that is not a draft; remove it (or set draft: true)",
	"expiryDate":  "vises publishes every page that is not a draft; remove it (or set draft: true)",
	"tags":        "vises has no taxonomies; link related pages from the text, search finds the rest",
	"categories":  "vises has no taxonomies; the section folder is the category",
	"keywords":    "search reads the page's text; remove it",
	"image":       "put the image in the text, ![what it shows](/images/name.jpg), with the file in static/images/",
	"images":      "put the images in the text, ![what it shows](/images/name.jpg), with the files in static/images/",
	"aliases":     "vises writes no redirections; keep old addresses working in your web server's configuration",
	"layout":      "layouts are chosen by section and kind: themes/NAME/layouts/SECTION/page.html",
	"type":        "layouts are chosen by section and kind: themes/NAME/layouts/SECTION/page.html",
	"author":      "vises shows no authors on pages; credit them on an about page",
	"authors":     "vises shows no authors on pages; credit them on an about page",
	"url":         "a page's address comes from its folder and its slug; set slug: for the last part",
	"linkTitle":   "the title is used everywhere; keep title:",
	"menu":        "the menu lists the sections; order pages with weight:",
	"toc":         "every page with headings has its table of contents",
}

// validUTF8 reports whether src is UTF-8 text; if not, the line and column (in bytes) of the
// first byte that is not, and what to say about it.
func validUTF8(src []byte) (ok bool, line, col int, msg string) {
	if len(src) >= 2 && (src[0] == 0xff && src[1] == 0xfe || src[0] == 0xfe && src[1] == 0xff) {
		return false, 1, 1, "the file is saved as UTF-16; save it as UTF-8"
	}
	if utf8.Valid(src) {
		return true, 0, 0, ""
	}
	i := 0
	for i < len(src) {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	line, col = diag.Offset(src, i)
	b := src[i]
	msg = fmt.Sprintf("not valid UTF-8 (byte 0x%02X): save the file as UTF-8", b)
	if b >= 0xc0 {
		// In Windows-1252 and Latin-1, letters with accents are single bytes from 0xC0 up.
		msg = fmt.Sprintf("not valid UTF-8 (byte 0x%02X, %q in Windows-1252): the file seems saved as Windows-1252 or Latin-1; save it as UTF-8", b, rune(b))
	}
	return false, line, col, msg
}

// unwrapPath returns the cause of a file system error without the path it names (the
// position already does).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
