// Package vises holds the VISES kit's own sources, embedded in the binary so that vises new can
// write them into a new folder: site.yaml, content/, slides/, data/, static/ and translations/ (what
// each Dutch translation was made from, and the pages' dates). (The default theme is
// embedded by package themes; the kit has no locales/ of its own.)
package vises

import (
	"embed"
	"io/fs"
)

//go:embed site.yaml all:content all:slides data static all:translations
var kit embed.FS

// Kit returns the kit's sources, as they are in the repository.
func Kit() fs.FS { return kit }

// KitFolders are the folders of the repository that Kit holds, besides site.yaml.
var KitFolders = []string{"content", "slides", "data", "static", "translations"}
