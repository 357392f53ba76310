package content

import "testing"

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		src, fm, body string
		none          bool
	}{
		{src: "---\ntitle: A\n---\nCorps.\n", fm: "title: A\n", body: "Corps.\n"},
		{src: "\ufeff---\ntitle: A\n---\nCorps.", fm: "title: A\n", body: "Corps."},
		{src: "---\r\ntitle: A\r\n--- \r\nCorps.\r\n", fm: "title: A\r\n", body: "Corps.\r\n"},
		{src: "---\ntitle: A\n---", fm: "title: A\n", body: ""},
		{src: "---\ntitle: A\nno end\n", fm: "title: A\nno end\n", body: ""},
		{src: "Pas de front matter.\n---\n", none: true},
		{src: "----\ntitle: A\n---\n", none: true},
	}
	for _, tt := range tests {
		fm, body := splitFrontMatter([]byte(tt.src))
		if tt.none {
			if fm != nil {
				t.Errorf("%q: front matter %q, want none", tt.src, fm)
			}
			continue
		}
		if string(fm) != tt.fm || tt.src[body:] != tt.body {
			t.Errorf("%q: front matter %q, body %q; want %q, %q", tt.src, fm, tt.src[body:], tt.fm, tt.body)
		}
	}
}
