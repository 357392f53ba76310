package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"vises/internal/config"
	"vises/internal/content"
	"vises/internal/parallel"
	"vises/internal/render"
)

// inputsFingerprint hashes everything a build reads besides content/: the configuration file,
// the overrides, and the files of the site's other source folders (config.Sources).
func inputsFingerprint(fsys fs.FS, cfgFile string, o config.Overrides, dev bool) string {
	h := sha256.New()
	fmt.Fprintf(h, "%#v %v\n", o, dev)
	if data, err := fs.ReadFile(fsys, cfgFile); err == nil {
		fmt.Fprintf(h, "%s %d\n", cfgFile, len(data))
		h.Write(data)
	}
	for _, dir := range config.Sources {
		if dir == "content" {
			continue // the pages are summed one by one (sources)
		}
		_ = fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil
			}
			fmt.Fprintf(h, "%s %d\n", name, len(data))
			h.Write(data)
			return nil
		})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// signatures describes, for each published page, everything other pages show of it or depend
// on: its place and address, its titles and summary, its anchors, the pages it links to (an
// indicator lists the pages that use it), its indicator and glossary data. When none of these
// changed, editing a page changes that page alone (and the packs that hold it).
func signatures(site *content.Site, r *render.Renderer, workers int) map[string]string {
	// Each page's signature is its own: worked out in parallel, gathered after.
	parallel.For(len(site.Pages), workers, func(i int) {
		p := site.Pages[i]
		if p.Implicit {
			return
		}
		// A page parsed in an earlier build keeps its front matter: only its address, anchors
		// and targets can have moved, and they key the signature it keeps.
		targets := r.LinkTargets(p)
		key := p.URL + "\x00" + strings.Join(targets, "\x00")
		if p.SigKey == key && p.Sig != "" {
			return
		}
		anchors := make([]string, 0, len(p.Anchors))
		for a := range p.Anchors {
			anchors = append(anchors, a)
		}
		sort.Strings(anchors)
		fm := p.FM
		fm.Worksheet = nil // drawn on its own page and in packs only
		data, _ := json.Marshal(struct {
			FM        content.FrontMatter
			URL       string
			Kind      content.Kind
			Duplicate bool
			Anchors   []string
			Targets   []string
		}{fm, p.URL, p.Kind, p.Duplicate, anchors, targets})
		sum := sha256.Sum256(data)
		p.Sig, p.SigKey = hex.EncodeToString(sum[:]), key
	})
	out := make(map[string]string, len(site.Pages))
	for _, p := range site.Pages {
		if !p.Implicit {
			out[p.File] = p.Sig
		}
	}
	return out
}
