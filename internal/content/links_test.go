package content

import "testing"

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
