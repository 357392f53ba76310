// Package i18n holds the site's UI strings: go-i18n message files from the theme layers and the
// site's locales/ folder, merged message by message, with plurals and a report of missing IDs.
package i18n

import (
	"fmt"
	"io/fs"
	"sort"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"vises/internal/diag"
)

// Source is a folder holding LANG.yaml message files, lowest priority first.
type Source struct {
	FS   fs.FS  // the folder's file system
	Name string // its path for diagnostics, such as "themes/default/locales"
}

// Bundle is the set of UI strings of one build.
type Bundle struct {
	langs  []string
	bundle *goi18n.Bundle
	loc    map[string]*goi18n.Localizer
	ids    map[string]map[string]string // lang -> message ID -> file defining it last
}

// Load reads LANG.yaml of each language from each source; later sources override earlier ones
// message by message.
func Load(sources []Source, langs []string) (*Bundle, []diag.Diagnostic) {
	var ds []diag.Diagnostic
	b := &Bundle{langs: langs, loc: map[string]*goi18n.Localizer{}, ids: map[string]map[string]string{}}
	b.bundle = goi18n.NewBundle(language.Make(langs[0]))
	b.bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	for _, lang := range langs {
		b.ids[lang] = map[string]string{}
		for _, src := range sources {
			name := lang + ".yaml"
			data, err := fs.ReadFile(src.FS, name)
			if err != nil {
				continue
			}
			file := src.Name + "/" + name
			var probe yaml.Node
			if err := yaml.Unmarshal(data, &probe); err != nil {
				ds = append(ds, diag.FromYAML(file, 1, err)...)
				continue
			}
			mf, err := b.bundle.ParseMessageFileBytes(data, name)
			if err != nil {
				ds = append(ds, diag.Diagnostic{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Msg: "ui strings: " + err.Error()})
				continue
			}
			for _, m := range mf.Messages {
				b.ids[lang][m.ID] = file
			}
		}
		b.loc[lang] = goi18n.NewLocalizer(b.bundle, lang)
	}
	return b, ds
}

// Has reports whether lang defines the message id.
func (b *Bundle) Has(lang, id string) bool {
	_, ok := b.ids[lang][id]
	return ok
}

// T returns the message id in lang. A map or an int in args gives the template data; an int
// (or a "Count" entry) also selects the plural form.
func (b *Bundle) T(lang, id string, args ...any) (string, error) {
	if !b.Has(lang, id) {
		return "", fmt.Errorf("missing UI string %q in %s", id, lang)
	}
	lc := &goi18n.LocalizeConfig{MessageID: id}
	if len(args) > 0 {
		switch a := args[0].(type) {
		case int:
			lc.PluralCount = a
			lc.TemplateData = map[string]any{"Count": a}
		case map[string]any:
			lc.TemplateData = a
			if c, ok := a["Count"]; ok {
				lc.PluralCount = c
			}
		default:
			lc.TemplateData = a
		}
	}
	return b.loc[lang].Localize(lc)
}

// Missing lists, for each language, the message IDs that another language defines and it lacks.
func (b *Bundle) Missing() []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, lang := range b.langs {
		for _, other := range b.langs {
			if other == lang {
				continue
			}
			var ids []string
			for id := range b.ids[other] {
				if _, ok := b.ids[lang][id]; !ok {
					ids = append(ids, id)
				}
			}
			sort.Strings(ids)
			for _, id := range ids {
				ds = append(ds, diag.Diagnostic{Pos: diag.Pos{File: b.ids[other][id]}, Severity: diag.Warning, Msg: fmt.Sprintf("UI string %q has no %s translation", id, lang)})
			}
		}
	}
	return ds
}

// IDs returns the message IDs defined for lang, sorted.
func (b *Bundle) IDs(lang string) []string {
	var ids []string
	for id := range b.ids[lang] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Langs returns the bundle's languages.
func (b *Bundle) Langs() []string { return append([]string(nil), b.langs...) }
