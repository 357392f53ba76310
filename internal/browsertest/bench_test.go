package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"vises/internal/indicator"
)

// generated returns the picker's data for a catalogue of n made-up indicators, spread over
// the kit's facets.
func generated(n int) []byte {
	dims := []string{"economic", "social", "governance", "environmental"}
	themes := []string{"skills", "job-quality", "social-ties", "participation", "reuse-waste", "economic-model"}
	facets := []indicator.FacetJSON{}
	add := func(name string, codes []string) {
		f := indicator.FacetJSON{Name: name, Label: name}
		for _, c := range codes {
			f.Values = append(f.Values, indicator.ValueJSON{Code: c, Label: c})
		}
		facets = append(facets, f)
	}
	add("dimension", dims)
	add("theme", themes)
	add("stakeholders", []string{"beneficiaries", "workers", "users", "territory"})
	add("level", []string{"output", "outcome", "impact"})
	add("type", []string{"quantitative", "qualitative"})
	add("methods", []string{"register", "questionnaire", "interview", "focus-group"})
	add("effort", []string{"1", "2", "3"})
	add("structures", []string{"integration", "care", "cooperative", "circular"})
	var recs []indicator.Record
	for i := 0; i < n; i++ {
		recs = append(recs, indicator.Record{
			ID: fmt.Sprintf("GEN-%03d", i), Name: fmt.Sprintf("Indicateur généré numéro %d", i), URL: "#",
			Dimension: dims[i%4], Theme: themes[i%6], Stakeholders: []string{[]string{"beneficiaries", "workers", "users", "territory"}[i%4]},
			Level: []string{"output", "outcome", "impact"}[i%3], Type: []string{"quantitative", "qualitative"}[i%2],
			Methods: []string{"register", []string{"questionnaire", "interview", "focus-group"}[i%3]}, Effort: 1 + i%3,
			Structures: []string{[]string{"integration", "care", "cooperative", "circular"}[i%4]},
			Definition: "Une définition d'une longueur ordinaire pour un indicateur, avec des mots accentués : bénévoles, coopérative, réemploi.",
			Sources:    "Registre interne", Frequency: "Chaque année",
		})
	}
	return indicator.PickerData("fr", facets, recs, map[string]string{})
}

// BenchmarkPickerFilter500 measures, in the browser, how long the picker takes to apply one
// facet filter and redraw counts, chips and results for a catalogue of 500 indicators.
func BenchmarkPickerFilter500(b *testing.B) {
	k := BuildKit(b)
	data := generated(500)
	files := http.FileServer(http.Dir(k.Dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fr/indicateurs/picker-data.js" {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(data)
			return
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	br := NewBrowser(b, 1280, 900)
	br.Open(b, srv.URL+"/fr/indicateurs/")
	Wait(b, br, `!document.getElementById("picker").hidden && VISES_PICKER.items.length === 500`)
	b.ResetTimer()
	total := 0.0
	for i := 0; i < b.N; i++ {
		ms, err := chromedp.Run(br.Ctx(), chromedp.Evaluate[float64](`(() => {
			const t0 = performance.now();
			document.getElementById("f-dimension-social").click();
			return performance.now() - t0;
		})()`))
		if err != nil {
			b.Fatal(err)
		}
		total += ms
	}
	b.ReportMetric(total/float64(b.N), "ms/filter")
}
