package slides

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name   string
		html   string
		slides []string // the HTML of each slide
		notes  []string
		titles []string
	}{
		{
			name:   "thematic breaks cut and are dropped",
			html:   "<p>a</p>\n<hr>\n<p>b</p>\n",
			slides: []string{"<p>a</p>", "<p>b</p>"},
			notes:  []string{"", ""},
			titles: []string{"", ""},
		},
		{
			name:   "headings of level 1 and 2 start a slide, level 3 does not",
			html:   "<h2 id=\"x\">X</h2>\n<p>a</p>\n<h3>Y</h3>\n<h1>Z &amp; W</h1>\n",
			slides: []string{"<h2 id=\"x\">X</h2>\n<p>a</p>\n<h3>Y</h3>", "<h1>Z &amp; W</h1>"},
			notes:  []string{"", ""},
			titles: []string{"X", "Z & W"},
		},
		{
			name:   "a break before a heading makes no empty slide",
			html:   "<p>a</p>\n<hr>\n<h2>B</h2>\n",
			slides: []string{"<p>a</p>", "<h2>B</h2>"},
			notes:  []string{"", ""},
			titles: []string{"", "B"},
		},
		{
			name: "facilitator callouts become notes, nested ones too",
			html: "<h2>A</h2>\n<div class=\"callout callout-facilitator\" role=\"note\">\n<p>secret <em>one</em></p>\n<div class=\"x\"><p>deep</p></div>\n</div>\n" +
				"<ul>\n<li><div class=\"callout callout-facilitator\" role=\"note\"><p>two</p></div></li>\n</ul>\n<div class=\"callout callout-note\" role=\"note\"><p>public</p></div>\n",
			slides: []string{"<h2>A</h2>\n<ul>\n<li></li>\n</ul>\n<div class=\"callout callout-note\" role=\"note\"><p>public</p></div>"},
			notes:  []string{"<div class=\"callout callout-facilitator\" role=\"note\">\n<p>secret <em>one</em></p>\n<div class=\"x\"><p>deep</p></div>\n</div><div class=\"callout callout-facilitator\" role=\"note\"><p>two</p></div>"},
			titles: []string{"A"},
		},
		{
			name:   "a break inside a callout does not cut",
			html:   "<div class=\"callout callout-note\"><p>a</p>\n<hr>\n<p>b</p></div>\n",
			slides: []string{"<div class=\"callout callout-note\"><p>a</p>\n<hr>\n<p>b</p></div>"},
			notes:  []string{""},
			titles: []string{""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.html)
			if len(got) != len(tt.slides) {
				t.Fatalf("%d slides, want %d: %v", len(got), len(tt.slides), got)
			}
			for i, s := range got {
				if string(s.HTML) != tt.slides[i] {
					t.Errorf("slide %d:\n%s\nwant\n%s", i+1, s.HTML, tt.slides[i])
				}
				if string(s.Notes) != tt.notes[i] {
					t.Errorf("notes %d:\n%s\nwant\n%s", i+1, s.Notes, tt.notes[i])
				}
				if s.Title != tt.titles[i] {
					t.Errorf("title %d: %q, want %q", i+1, s.Title, tt.titles[i])
				}
				if strings.Contains(string(s.HTML), "facilitator") {
					t.Errorf("slide %d holds a facilitator callout", i+1)
				}
			}
		})
	}
}
