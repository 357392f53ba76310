package content

import (
	"path"
	"strings"
	"testing"
)

func TestRelURL(t *testing.T) {
	tests := []struct {
		from, to string
		offline  bool
		want     string
	}{
		{"fr/methode/cadrer/", "fr/cas/ressourcerie/", false, "../../cas/ressourcerie/"},
		{"fr/methode/cadrer/", "fr/methode/cadrer/", false, "./"},
		{"fr/methode/cadrer/", "fr/methode/cadrer/", true, "index.html"},
		{"fr/methode/", "fr/methode/cadrer/", false, "cadrer/"},
		{"fr/", "nl/", false, "../nl/"},
		{"fr/", "nl/", true, "../nl/index.html"},
		{"", "fr/", false, "fr/"},
		{"", "assets/site.1234.css", false, "assets/site.1234.css"},
		{"fr/a/b/", "assets/site.css", true, "../../../assets/site.css"},
		{"nl/methode/waarom/", "fr/methode/pourquoi/", false, "../../../fr/methode/pourquoi/"},
	}
	for _, tt := range tests {
		if got := RelURL(tt.from, tt.to, tt.offline); got != tt.want {
			t.Errorf("RelURL(%q, %q, %v) = %q, want %q", tt.from, tt.to, tt.offline, got, tt.want)
		}
	}
}

// relURLSplit is RelURL as it was first written, splitting both paths into folders: the
// reference FuzzRelURL compares the faster version with.
func relURLSplit(from, to string, offline bool) string {
	fromDir := from
	if !strings.HasSuffix(fromDir, "/") {
		fromDir = path.Dir(fromDir) + "/"
	}
	if fromDir == "./" {
		fromDir = ""
	}
	fs := strings.Split(strings.TrimSuffix(fromDir, "/"), "/")
	ts := strings.Split(to, "/")
	if fromDir == "" {
		fs = nil
	}
	i := 0
	for i < len(fs) && i < len(ts)-1 && fs[i] == ts[i] {
		i++
	}
	rel := strings.Repeat("../", len(fs)-i) + strings.Join(ts[i:], "/")
	if offline && (rel == "" || strings.HasSuffix(rel, "/")) {
		rel += "index.html"
	}
	if rel == "" {
		rel = "./"
	}
	return rel
}

func FuzzRelURL(f *testing.F) {
	for _, s := range [][2]string{{"fr/a/b/", "fr/a/c/"}, {"", "fr/"}, {"fr/", ""}, {"fr/a/x.html", "fr/a/"}, {"a//b/", "a//c"}, {"fr/ab/", "fr/a/"}, {"fr/a/", "fr/ab/"}, {"x", "x/y"}} {
		f.Add(s[0], s[1], false)
		f.Add(s[0], s[1], true)
	}
	f.Fuzz(func(t *testing.T, from, to string, offline bool) {
		if got, want := RelURL(from, to, offline), relURLSplit(from, to, offline); got != want {
			t.Errorf("RelURL(%q, %q, %v) = %q, want %q", from, to, offline, got, want)
		}
	})
}
