// Package theme layers a site's theme over the embedded default theme, file by file, and
// parses the layouts into html/template sets.
package theme

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"vises/internal/diag"
)

// Layer is one theme folder.
type Layer struct {
	Name string // path for diagnostics, such as "themes/partner" or "themes/default"
	FS   fs.FS
}

// Layered is a file system that reads each file from the first layer that has it.
type Layered struct {
	layers []Layer // highest priority first
}

// NewLayered returns the layers, the first one winning.
func NewLayered(layers ...Layer) *Layered { return &Layered{layers: layers} }

// Open implements fs.FS.
func (l *Layered) Open(name string) (fs.File, error) {
	for _, layer := range l.layers {
		f, err := layer.FS.Open(name)
		if err == nil {
			return f, nil
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS: the union of the layers' entries, sorted by name.
func (l *Layered) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	found := false
	for _, layer := range l.layers {
		entries, err := fs.ReadDir(layer.FS, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if _, ok := seen[e.Name()]; !ok {
				seen[e.Name()] = e
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Origin returns the name of the layer that provides a file, for diagnostics.
func (l *Layered) Origin(name string) string {
	for _, layer := range l.layers {
		if _, err := fs.Stat(layer.FS, name); err == nil {
			return layer.Name + "/" + name
		}
	}
	return name
}

// Sub returns the layered view of a folder of every layer ("locales", "static").
func (l *Layered) Sub(dir string) []Layer {
	var out []Layer
	for _, layer := range l.layers {
		if sub, err := fs.Sub(layer.FS, dir); err == nil {
			if _, err := fs.Stat(layer.FS, dir); err == nil {
				out = append(out, Layer{Name: layer.Name + "/" + dir, FS: sub})
			}
		}
	}
	return out
}

// Files lists every file below dir across the layers, sorted.
func (l *Layered) Files(dir string) []string {
	var out []string
	_ = fs.WalkDir(l, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// Templates holds the parsed layouts.
type Templates struct {
	fsys *Layered
	sets map[string]*template.Template // layout file -> template set ready to execute "base"
}

// Load parses layouts/: every file of layouts/partials/ and layouts/base.html are shared; each
// other file defines "main" for one kind of page. funcs are made available to every template.
func Load(fsys *Layered, funcs template.FuncMap) (*Templates, []diag.Diagnostic) {
	var ds []diag.Diagnostic
	t := &Templates{fsys: fsys, sets: map[string]*template.Template{}}
	shared := template.New("").Funcs(funcs)
	var layouts []string
	for _, f := range fsys.Files("layouts") {
		rel := strings.TrimPrefix(f, "layouts/")
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		if rel == "base.html" || strings.HasPrefix(rel, "partials/") {
			if err := parseInto(shared, fsys, f); err != nil {
				ds = append(ds, err.(diag.Diagnostic))
			}
			continue
		}
		layouts = append(layouts, rel)
	}
	if shared.Lookup("base") == nil {
		ds = append(ds, diag.Diagnostic{Pos: diag.Pos{File: "layouts/base.html"}, Msg: `theme: layouts/base.html must define "base"`})
		return nil, ds
	}
	for _, rel := range layouts {
		set, err := shared.Clone()
		if err != nil {
			ds = append(ds, diag.Diagnostic{Msg: err.Error()})
			continue
		}
		if err := parseInto(set, fsys, "layouts/"+rel); err != nil {
			ds = append(ds, err.(diag.Diagnostic))
			continue
		}
		t.sets[rel] = set
	}
	return t, ds
}

// execPos finds the positions in an error of executing a layout ("template: NAME:LINE:COL: ").
var execPos = regexp.MustCompile(`template: ([^:\s]+):(\d+):(\d+): `)

var tmplErrLine = regexp.MustCompile(`^template: [^:]*:(\d+):(?:(\d+):)? ?(.*)$`)

func parseInto(set *template.Template, fsys *Layered, name string) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return diag.Diagnostic{Pos: diag.Pos{File: fsys.Origin(name)}, Msg: err.Error()}
	}
	if _, err := set.New(strings.TrimPrefix(name, "layouts/")).Parse(string(data)); err != nil {
		return templateError(fsys.Origin(name), err)
	}
	return nil
}

func templateError(file string, err error) diag.Diagnostic {
	d := diag.Diagnostic{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Msg: "template: " + err.Error()}
	if m := tmplErrLine.FindStringSubmatch(err.Error()); m != nil {
		d.Pos.Line, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			d.Pos.Col, _ = strconv.Atoi(m[2])
		}
		d.Msg = "template: " + m[3]
	}
	return d
}

// Lookup returns the template set for a kind of page ("page", "section", "home", "404",
// "root") in a section: layouts/SECTION/KIND.html if the theme has it, else layouts/KIND.html.
func (t *Templates) Lookup(section, kind string) (*template.Template, string, error) {
	if section != "" {
		if s, ok := t.sets[path.Join(section, kind+".html")]; ok {
			return s, path.Join(section, kind+".html"), nil
		}
	}
	if s, ok := t.sets[kind+".html"]; ok {
		return s, kind + ".html", nil
	}
	return nil, "", fmt.Errorf("theme: no layout for %q (looked for layouts/%s.html)", kind, kind)
}

// ExecError converts an error of executing a layout into a diagnostic at the template's line.
func (t *Templates) ExecError(err error) diag.Diagnostic {
	msg := err.Error()
	// A partial called from Go (.Partial, .NavList) fails inside the layout that called it:
	// the innermost position is the one to show.
	all := execPos.FindAllStringSubmatchIndex(msg, -1)
	if len(all) == 0 {
		return diag.Diagnostic{Msg: msg}
	}
	m := all[len(all)-1]
	line, _ := strconv.Atoi(msg[m[4]:m[5]])
	col, _ := strconv.Atoi(msg[m[6]:m[7]])
	return diag.Diagnostic{Pos: diag.Pos{File: t.fsys.Origin("layouts/" + msg[m[2]:m[3]]), Line: line, Col: col}, Msg: msg[m[1]:]}
}
