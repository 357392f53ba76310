package search

import "testing"

func TestStemsMeet(t *testing.T) {
	tests := []struct{ lang, a, b string }{
		{"fr", "indicateurs", "indicateur"},
		{"fr", "coopératives", "coopérative"},
		{"fr", "Bénévoles", "bénévole"},
		{"fr", "sociaux", "social"},
		{"fr", "évaluatives", "évaluative"},
		{"nl", "vrijwilligers", "vrijwilliger"},
		{"nl", "indicatoren", "indicator"},
		{"nl", "coöperaties", "cooperatie"},
		{"nl", "organisaties", "organisatie"},
	}
	for _, tt := range tests {
		a, b := Stems(tt.lang, tt.a), Stems(tt.lang, tt.b)
		if len(a) != 1 || len(b) != 1 || a[0] != b[0] {
			t.Errorf("%s: %q -> %v, %q -> %v", tt.lang, tt.a, a, tt.b, b)
		}
	}
}
