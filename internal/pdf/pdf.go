// Package pdf prints pages of the built site to PDF with a headless Chromium found on the
// machine, and reads back what the build needs from the PDFs: page counts and the page of
// each named destination (so that a table of contents can show real page numbers).
package pdf

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Find returns the path of a Chromium to print with, or "" when there is none. VISES_CHROMIUM
// names one explicitly.
func Find() string {
	for _, c := range []string{os.Getenv("VISES_CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// Printer is a running headless Chromium.
type Printer struct {
	ctx    context.Context
	cancel func()
}

// NewPrinter starts Chromium at path with a temporary profile.
func NewPrinter(path string) (*Printer, error) {
	profile, err := os.MkdirTemp("", "vises-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	p := &Printer{ctx: ctx, cancel: func() { cancelC(); cancelA(); os.RemoveAll(profile) }}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		p.Close()
		return nil, fmt.Errorf("start %s: %w", path, err)
	}
	return p, nil
}

// Close stops Chromium.
func (p *Printer) Close() { p.cancel() }

// Print loads url and prints it with the page size and margins of its print stylesheet, with
// backgrounds, as a tagged PDF with an outline.
func (p *Printer) Print(url string) ([]byte, error) {
	data, _, err := p.PrintMeasured(url, "")
	return data, err
}

// PrintMeasured is Print, and runs script (JavaScript that gives a string) in the page laid out
// for print before printing it, such as a measure of what would not fit the paper; "" runs
// nothing.
func (p *Printer) PrintMeasured(url, script string) ([]byte, string, error) {
	ctx, cancel := context.WithTimeout(p.ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		return nil, "", fmt.Errorf("load %s: %w", url, err)
	}
	// Wait for fonts, so that the layout is final.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, "", err
	}
	measured := ""
	if script != "" {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			return nil, "", err
		}
		m, err := chromedp.Run(ctx, chromedp.Evaluate[string](script))
		if err != nil {
			return nil, "", fmt.Errorf("measure %s: %w", url, err)
		}
		measured = m
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
			return nil, "", err
		}
	}
	data, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{
			PreferCSSPageSize:       new(true),
			PrintBackground:         new(true),
			GenerateTaggedPDF:       new(true),
			GenerateDocumentOutline: new(true),
			DisplayHeaderFooter:     new(false),
		})
		return res.Data, err
	})
	if err != nil {
		return nil, "", fmt.Errorf("print %s: %w", url, err)
	}
	return Normalize(data), measured, nil
}

var dates = regexp.MustCompile(`/(CreationDate|ModDate) \(D:[0-9]{14}([+-][0-9]{2}'[0-9]{2}'|Z)?\)`)

// Normalize gives the dates of a PDF a fixed value of the same length (so that the offsets of
// the cross-reference table stay right): the same pages print to the same bytes.
func Normalize(data []byte) []byte {
	return dates.ReplaceAllFunc(data, func(m []byte) []byte {
		out := append([]byte(nil), m...)
		i := bytes.Index(out, []byte("D:")) + 2
		copy(out[i:], "20000101000000")
		if tz := out[i+14:]; len(tz) == 8 {
			copy(tz, "+00'00'")
		}
		return out
	})
}

var (
	object  = regexp.MustCompile(`(?s)(\d+) 0 obj\s*(.*?)endobj`)
	refRE   = regexp.MustCompile(`(\d+) 0 R`)
	kidsRE  = regexp.MustCompile(`(?s)/Kids\s*\[(.*?)\]`)
	rootRE  = regexp.MustCompile(`/Root (\d+) 0 R`)
	pagesRE = regexp.MustCompile(`/Pages (\d+) 0 R`)
	destsRE = regexp.MustCompile(`/Dests (\d+) 0 R`)
	destRE  = regexp.MustCompile(`/([^\s/\[\]()<>]+)\s*\[(\d+) 0 R`)
)

// Doc is what the build reads from a PDF made by Chromium.
type Doc struct {
	objects map[int][]byte
	pages   []int // object numbers of the pages, in order
}

// Parse reads the page tree of a PDF. It understands the uncompressed object layout that
// Chromium writes, not every PDF.
func Parse(data []byte) (*Doc, error) {
	d := &Doc{objects: map[int][]byte{}}
	for _, m := range object.FindAllSubmatch(data, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		d.objects[n] = m[2]
	}
	root := rootRE.FindSubmatch(data)
	if root == nil {
		return nil, fmt.Errorf("pdf: no document catalog")
	}
	cat := d.objects[atoi(root[1])]
	pages := pagesRE.FindSubmatch(cat)
	if pages == nil {
		return nil, fmt.Errorf("pdf: no page tree")
	}
	if err := d.walk(atoi(pages[1]), 0); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Doc) walk(n, depth int) error {
	if depth > 32 {
		return fmt.Errorf("pdf: page tree too deep")
	}
	obj, ok := d.objects[n]
	if !ok {
		return fmt.Errorf("pdf: missing object %d", n)
	}
	kids := kidsRE.FindSubmatch(obj)
	if kids == nil {
		d.pages = append(d.pages, n)
		return nil
	}
	for _, r := range refRE.FindAllSubmatch(kids[1], -1) {
		if err := d.walk(atoi(r[1]), depth+1); err != nil {
			return err
		}
	}
	return nil
}

// Pages returns the number of pages.
func (d *Doc) Pages() int { return len(d.pages) }

// Dests returns the page (counting from 1) of every named destination: Chromium makes one for
// each element that a link of the document points at, such as "#part-3".
func (d *Doc) Dests() map[string]int {
	out := map[string]int{}
	index := map[int]int{}
	for i, n := range d.pages {
		index[n] = i + 1
	}
	for _, obj := range d.objects {
		m := destsRE.FindSubmatch(obj)
		if m == nil {
			continue
		}
		for _, dm := range destRE.FindAllSubmatch(d.objects[atoi(m[1])], -1) {
			if p, ok := index[atoi(dm[2])]; ok {
				out[unescapeName(string(dm[1]))] = p
			}
		}
	}
	return out
}

// Link is a link annotation of a PDF: it goes to a named destination of the document, or to
// an address.
type Link struct {
	Dest string // a named destination of the document (such as "part-3"), or ""
	URI  string // an address (such as "https://kit.example/fr/"), or ""
}

var (
	linkAnnot = regexp.MustCompile(`/Subtype\s*/Link\b`)
	linkDest  = regexp.MustCompile(`/Dest\s*/([^\s/\[\]()<>]+)`)
	linkURI   = regexp.MustCompile(`/URI\s*\(((?:[^()\\]|\\.)*)\)`)
)

// Links returns the link annotations of the document, in no particular order.
func (d *Doc) Links() []Link {
	var out []Link
	for _, obj := range d.objects {
		if !linkAnnot.Match(obj) {
			continue
		}
		var l Link
		if m := linkDest.FindSubmatch(obj); m != nil {
			l.Dest = unescapeName(string(m[1]))
		}
		if m := linkURI.FindSubmatch(obj); m != nil {
			l.URI = unescapeString(m[1])
		}
		out = append(out, l)
	}
	return out
}

// unescapeString decodes the backslash escapes of a PDF literal string.
func unescapeString(b []byte) string {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
		}
		out = append(out, b[i])
	}
	return string(out)
}

// unescapeName decodes the #xx escapes of a PDF name.
func unescapeName(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}

func atoi(b []byte) int {
	n, _ := strconv.Atoi(string(b))
	return n
}
