package yamldecode

import "testing"

// An unknown key is reported as a field of the problem, so that callers need not read the
// message; other problems have none.
func TestDecodeProblemsNamesUnknownKey(t *testing.T) {
	var v struct {
		Title  string `yaml:"title"`
		Weight int    `yaml:"weight"`
	}
	data := []byte("title: A\ndate: 2024-01-01\nweight: heavy\n")
	ps, ok := DecodeProblems("a.md", 2, data, &v)
	if !ok || len(ps) != 2 {
		t.Fatalf("got %v problems (well formed %v), want 2: %v", len(ps), ok, ps)
	}
	if ps[0].UnknownKey != "date" || ps[0].Pos.Line != 3 || ps[0].Msg != `unknown key "date"` {
		t.Errorf("first problem: key %q at %v: %s; want the unknown key date at line 3", ps[0].UnknownKey, ps[0].Pos, ps[0].Msg)
	}
	if ps[1].UnknownKey != "" {
		t.Errorf("a value of the wrong type names the key %q as unknown", ps[1].UnknownKey)
	}
	ds, _ := Decode("a.md", 2, data, &v)
	if len(ds) != 2 || ds[0] != ps[0].Diagnostic {
		t.Errorf("Decode gives %v, want the diagnostics of DecodeProblems", ds)
	}
}
