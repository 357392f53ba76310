package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func load(t *testing.T, yaml string) (*Config, string) {
	t.Helper()
	c, ds := Load(fstest.MapFS{"site.yaml": {Data: []byte(yaml)}}, "site.yaml", Overrides{})
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.Error())
	}
	return c, strings.Join(msgs, "\n")
}

// TestPartnerColor checks partner.color: a readable colour is taken (normalised), and each
// mistake is an error at the colour's line that says what to do.
func TestPartnerColor(t *testing.T) {
	const head = "languages: [fr]\ntitle: {fr: Kit}\npartner:\n  name: Réseau\n"
	for _, tt := range []struct {
		line, want, err string
	}{
		{`  color: "#7A1F5C"`, "#7a1f5c", ""},
		{`  color: "#000"`, "#000000", ""},
		{`  color: #7a1f5c`, "", `site.yaml:5:1: partner.color: write the colour in quotes`},
		{`  color: "plum"`, "", `site.yaml:5:1: partner.color: "plum" is not a colour written #rrggbb`},
		{`  color: "#ffcc00"`, "", `site.yaml:5:1: partner.color: #ffcc00 gives a contrast of 1.51:1 for white text on the accent`},
		{`  color: "#777777"`, "", `site.yaml:5:1: partner.color: #777777 gives a contrast of 4.47:1`},
	} {
		c, errs := load(t, head+tt.line+"\n")
		if tt.err == "" {
			if errs != "" || c == nil || c.Partner.Color != tt.want {
				t.Errorf("%s: errors %q, colour %v", tt.line, errs, c)
			}
			continue
		}
		if !strings.HasPrefix(errs, tt.err) {
			t.Errorf("%s: errors %q, want %q…", tt.line, errs, tt.err)
		}
	}
	c, errs := load(t, head+"  contact: \"  info@reseau.example  \"\n")
	if errs != "" || c.Partner.Contact != "info@reseau.example" {
		t.Errorf("contact: %q, errors %q", c.Partner.Contact, errs)
	}
}

// TestOtherLanguageEntriesOfAOneLanguageSite checks that a one-language site may keep the
// other supported language's title and description, but not a language the kit lacks.
func TestOtherLanguageEntriesOfAOneLanguageSite(t *testing.T) {
	c, errs := load(t, "languages: [nl]\ntitle: {fr: Kit, nl: Kit}\ndescription: {fr: Un kit., nl: Een kit.}\n")
	if errs != "" || c == nil || c.DefaultLanguage != "nl" {
		t.Errorf("errors %q", errs)
	}
	if _, errs := load(t, "languages: [nl]\ntitle: {nl: Kit, en: Kit}\n"); !strings.Contains(errs, `title: "en" is not one of the languages`) {
		t.Errorf("an English title: %q", errs)
	}
}
