package indicator

import (
	"testing"

	"gopkg.in/yaml.v3"

	"vises/internal/content"
)

// TestRequiredTextsAreIndicatorTexts checks that every required text is a field of the front
// matter, and that every follow-up text of the identity card is required: a text the check
// asks for but the page never reads, or a follow-up text left optional, is a mistake.
func TestRequiredTextsAreIndicatorTexts(t *testing.T) {
	texts := map[string]bool{}
	for _, name := range content.IndicatorTexts {
		texts[name] = true
	}
	required := map[string]bool{}
	for _, name := range Required {
		if !texts[name] {
			t.Errorf("required text %q is not in content.IndicatorTexts", name)
		}
		required[name] = true
	}
	for _, name := range content.IndicatorFollowUp {
		if !texts[name] {
			t.Errorf("follow-up text %q is not in content.IndicatorTexts", name)
		}
		if !required[name] {
			t.Errorf("follow-up text %q is not required", name)
		}
	}
}

// TestTextReadsEveryField decodes front matter where each text holds its own YAML key, and
// checks that Indicator.Text returns it: a text missing from the switch or with a wrong YAML
// tag would read empty and pass the required check unnoticed.
func TestTextReadsEveryField(t *testing.T) {
	src := ""
	for _, name := range content.IndicatorTexts {
		src += name + ": value of " + name + "\n"
	}
	var in content.Indicator
	if err := yaml.Unmarshal([]byte(src), &in); err != nil {
		t.Fatal(err)
	}
	for _, name := range content.IndicatorTexts {
		if got, want := in.Text(name), "value of "+name; got != want {
			t.Errorf("Text(%q) = %q, want %q", name, got, want)
		}
	}
}
