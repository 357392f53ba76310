package translation

import (
	"fmt"
	"strings"
)

// Change is one paragraph of a source added, removed or edited between two versions.
type Change struct {
	Kind string // "added", "removed" or "edited"
	Old  string // the paragraph before (removed, edited)
	New  string // the paragraph now (added, edited)
	At   int    // the number of the paragraph in the new version (1-based); for a removed one, the paragraph it came before
}

// Paragraphs splits a normalised text into paragraphs: the front matter's top-level keys one
// by one, then the blocks of the body separated by blank lines.
func Paragraphs(text string) []string {
	var out []string
	body := text
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		if fm, after, ok := strings.Cut(rest, "\n---\n"); ok {
			body = after
			var cur []string
			for _, line := range strings.Split(fm, "\n") {
				if _, isKey := topKey(line); isKey && len(cur) > 0 {
					out = append(out, strings.Join(cur, "\n"))
					cur = nil
				}
				cur = append(cur, line)
			}
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, "\n"))
			}
		}
	}
	for _, block := range strings.Split(body, "\n\n") {
		if b := strings.Trim(block, "\n"); b != "" {
			out = append(out, b)
		}
	}
	return out
}

// Diff returns the paragraphs added, removed and edited from old to new (normalised texts),
// in the order of the new text. A paragraph removed where another is added is an edit.
func Diff(old, new string) []Change {
	a, b := Paragraphs(old), Paragraphs(new)
	// The longest common subsequence of paragraphs, from the end.
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []Change
	var removed, added []string
	at := 0
	flush := func() {
		n := min(len(removed), len(added))
		for k := range n {
			out = append(out, Change{Kind: "edited", Old: removed[k], New: added[k], At: at - len(added) + k + 1})
		}
		for k := n; k < len(added); k++ {
			out = append(out, Change{Kind: "added", New: added[k], At: at - len(added) + k + 1})
		}
		for k := n; k < len(removed); k++ {
			out = append(out, Change{Kind: "removed", Old: removed[k], At: at + 1})
		}
		removed, added = nil, nil
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			flush()
			i, j, at = i+1, j+1, at+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			added = append(added, b[j])
			j, at = j+1, at+1
		default:
			removed = append(removed, a[i])
			i++
		}
	}
	flush()
	return out
}

// Summary counts the changes of each kind, as "2 paragraphs edited, 1 added, 0 removed".
func Summary(changes []Change) string {
	n := map[string]int{}
	for _, c := range changes {
		n[c.Kind]++
	}
	word := "paragraphs"
	if n["edited"] == 1 {
		word = "paragraph"
	}
	return fmt.Sprintf("%d %s edited, %d added, %d removed", n["edited"], word, n["added"], n["removed"])
}

// FormatDiff writes the changes for a translator to read: each with the number of its
// paragraph, the old text prefixed with "- " and the new with "+ ".
func FormatDiff(changes []Change) string {
	var b strings.Builder
	for _, c := range changes {
		fmt.Fprintf(&b, "\n@@ paragraph %d: %s\n", c.At, c.Kind)
		if c.Old != "" {
			b.WriteString(prefixLines("- ", c.Old))
		}
		if c.New != "" {
			b.WriteString(prefixLines("+ ", c.New))
		}
	}
	return b.String()
}

func prefixLines(prefix, text string) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		b.WriteString(strings.TrimRight(prefix+line, " ") + "\n")
	}
	return b.String()
}
