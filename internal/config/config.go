// Package config reads site.yaml and the command-line overrides into one validated Config.
package config

import (
	"errors"
	"io/fs"
	"math"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"vises/internal/brand"
	"vises/internal/diag"
	"vises/internal/yamldecode"
)

// Config is the validated configuration of one site build.
type Config struct {
	File            string            // the configuration file, relative to the site root
	BaseURL         string            // absolute, with a trailing slash; may hold a sub-path
	Languages       []string          // in display order
	DefaultLanguage string            // one of Languages
	Title           map[string]string // site title per language
	Description     map[string]string // site description per language
	Theme           string            // name of a folder in themes/ layered over the default theme, or ""
	Minify          bool              // minify HTML, CSS, JS, SVG, JSON and XML
	AllowRawHTML    bool              // pass raw HTML in Markdown through instead of escaping it
	Offline         bool              // write links ending in index.html, for browsing from disk
	OutDir          string            // output folder (a path on disk, not in the site file system)
	Partner         Partner           // the organisation that hosts or hands out the kit
	// EditURL, followed by a source file's path from the site root (content/fr/…), opens the
	// file for editing (such as https://github.com/ORG/REPO/edit/main/); "" shows no edit link.
	EditURL string
	// CSPMeta puts the Content-Security-Policy in a <meta> element of every page, for hosts
	// that cannot send headers (GitHub Pages); never in the offline edition.
	CSPMeta bool
}

// Partner names the organisation that hosts the kit or runs a training session with it.
type Partner struct {
	Name string // shown in the footer and on printed packs
	URL  string // its web site
	Logo string // a file of the site's static/ folder, e.g. "images/logo.svg"
	// Color is the accent colour (#rrggbb) that replaces the default theme's, or "". It is
	// refused when text on it or in its darker shade would not reach WCAG AA contrast.
	Color   string
	Contact string // a contact line for the footer and the packs' covers, or ""
}

// Overrides are the values given on the command line; empty values leave the file's value.
type Overrides struct {
	OutDir  string
	BaseURL string
	Offline bool
}

// file is the shape of site.yaml. Keys unknown to it are errors.
type file struct {
	BaseURL         string            `yaml:"baseURL"`
	Languages       []string          `yaml:"languages"`
	DefaultLanguage string            `yaml:"defaultLanguage"`
	Title           map[string]string `yaml:"title"`
	Description     map[string]string `yaml:"description"`
	Theme           string            `yaml:"theme"`
	Minify          *bool             `yaml:"minify"`
	AllowRawHTML    bool              `yaml:"allowRawHTML"`
	Offline         bool              `yaml:"offline"`
	EditURL         string            `yaml:"editURL"`
	CSPMeta         bool              `yaml:"cspMeta"`
	Partner         struct {
		Name    string `yaml:"name"`
		URL     string `yaml:"url"`
		Logo    string `yaml:"logo"`
		Color   string `yaml:"color"`
		Contact string `yaml:"contact"`
	} `yaml:"partner"`
}

// Supported lists the languages the kit can be built in.
var supported = []string{"fr", "nl"}

// Sources are the folders of a site that a build reads, besides site.yaml: the pages, the slide
// decks, the theme, the UI strings, the data and the static files. The build fingerprints them,
// serve watches them, and --out may not point inside any of them.
var Sources = []string{"content", "slides", "themes", "locales", "data", "static"}

var themeName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// Load reads the configuration file name from fsys (the site root) and applies the overrides.
// All problems are returned together; the Config is nil when there is any error.
func Load(fsys fs.FS, name string, o Overrides) (*Config, []diag.Diagnostic) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "configuration file not found"
		}
		return nil, []diag.Diagnostic{{Pos: diag.Pos{File: name}, Msg: msg}}
	}
	var f file
	var l diag.List
	ds, _ := yamldecode.Decode(name, 1, data, &f)
	l.Add(ds...)
	for _, d := range ds {
		if strings.HasPrefix(d.Msg, "yaml:") {
			return nil, l.Items() // a syntax error: nothing else can be trusted
		}
	}
	at := func(key string) diag.Pos { return diag.Pos{File: name, Line: lineOf(data, key), Col: 1} }

	c := &Config{
		File:            name,
		BaseURL:         f.BaseURL,
		Languages:       f.Languages,
		DefaultLanguage: f.DefaultLanguage,
		Title:           f.Title,
		Description:     f.Description,
		Theme:           f.Theme,
		Minify:          f.Minify == nil || *f.Minify,
		AllowRawHTML:    f.AllowRawHTML,
		Offline:         f.Offline || o.Offline,
		OutDir:          "public",
		Partner:         Partner{Name: f.Partner.Name, URL: f.Partner.URL, Logo: f.Partner.Logo, Color: f.Partner.Color, Contact: strings.TrimSpace(f.Partner.Contact)},
		CSPMeta:         f.CSPMeta,
	}
	if o.OutDir != "" {
		c.OutDir = o.OutDir
	}
	if o.BaseURL != "" {
		c.BaseURL = o.BaseURL
	}

	if len(c.Languages) == 0 {
		l.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "languages: at least one language is required (fr, nl)")
	}
	seen := map[string]bool{}
	for _, lang := range c.Languages {
		if !slices.Contains(supported, lang) {
			l.Errorf(at("languages"), "languages: unsupported language %q (supported: %s)", lang, strings.Join(supported, ", "))
		}
		if seen[lang] {
			l.Errorf(at("languages"), "languages: %q is listed twice", lang)
		}
		seen[lang] = true
	}
	if c.DefaultLanguage == "" && len(c.Languages) > 0 {
		c.DefaultLanguage = c.Languages[0]
	}
	if c.DefaultLanguage != "" && !seen[c.DefaultLanguage] {
		l.Errorf(at("defaultLanguage"), "defaultLanguage: %q is not one of the languages", c.DefaultLanguage)
	}
	for _, lang := range c.Languages {
		if strings.TrimSpace(c.Title[lang]) == "" {
			l.Errorf(at("title"), "title: missing the site title in %q", lang)
		}
	}
	// Entries for a language the kit supports but this site leaves out are kept for the day it
	// comes back (a one-language build changes languages and nothing else); an entry for a
	// language the kit does not support is a mistake.
	for _, key := range []string{"title", "description"} {
		m := c.Title
		if key == "description" {
			m = c.Description
		}
		for lang := range m {
			if !seen[lang] && !slices.Contains(supported, lang) {
				l.Errorf(at(key), "%s: %q is not one of the languages (supported: %s)", key, lang, strings.Join(supported, ", "))
			}
		}
	}
	if c.Theme != "" && !themeName.MatchString(c.Theme) {
		l.Errorf(at("theme"), "theme: %q is not a folder name of themes/", c.Theme)
	}
	if c.Partner.Logo != "" && (path.IsAbs(c.Partner.Logo) || strings.Contains(c.Partner.Logo, "..")) {
		l.Errorf(at("logo"), "partner.logo: %q must be a path inside static/", c.Partner.Logo)
	}

	if f.EditURL != "" {
		if u, err := url.Parse(f.EditURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			l.Errorf(at("editURL"), "editURL: must be an absolute http or https URL, such as https://github.com/ORG/REPO/edit/main/")
		} else {
			c.EditURL = strings.TrimSuffix(f.EditURL, "/") + "/"
		}
	}
	if c.Partner.Color == "" && unquotedColor(data) {
		l.Errorf(at("color"), `partner.color: write the colour in quotes, such as color: "#0b5560" (YAML reads an unquoted # as the start of a comment)`)
	}
	if c.Partner.Color != "" {
		worst, ratio, ok, err := brand.Check(c.Partner.Color)
		switch {
		case err != nil:
			l.Errorf(at("color"), "partner.color: %v", err)
		case !ok:
			l.Errorf(at("color"), "partner.color: %s gives a contrast of %.2f:1 for %s; WCAG AA needs %.1f:1 (choose a darker colour)",
				c.Partner.Color, math.Floor(ratio*100)/100, worst.Where, brand.MinContrast)
		default:
			c.Partner.Color, _, _ = brand.Colours(c.Partner.Color)
		}
	}

	base, msg := normalizeBaseURL(c.BaseURL)
	if msg != "" {
		pos := at("baseURL")
		if o.BaseURL != "" {
			pos = diag.Pos{}
			msg = "--base-url: " + msg
		} else {
			msg = "baseURL: " + msg
		}
		l.Errorf(pos, "%s", msg)
	}
	c.BaseURL = base
	if l.HasErrors() {
		return nil, l.Items()
	}
	return c, nil
}

func normalizeBaseURL(s string) (string, string) {
	if s == "" {
		return "http://localhost:1313/", ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", "must be an absolute http or https URL, such as https://example.org/kit/"
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", "must not have a query or a fragment"
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), ""
}

// unquotedColor reports whether a color key is followed by an unquoted "#", which YAML takes
// for a comment, leaving the value empty.
func unquotedColor(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "color:") && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(t, "color:")), "#") {
			return true
		}
	}
	return false
}

// lineOf returns the line of the first top-level or nested key named key, or 1.
func lineOf(data []byte, key string) int {
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, key+":") {
			return i + 1
		}
	}
	return 1
}

// Abs returns the absolute URL of a site path such as "fr/methode/".
func (c *Config) Abs(p string) string {
	return c.BaseURL + strings.TrimPrefix(p, "/")
}

// BasePath returns the path part of the base URL, such as "/kit/".
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return "/"
	}
	return u.Path
}
