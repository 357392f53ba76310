// Package worksheet describes the self-assessment worksheets declared in the front matter of
// the fiches/ pages: their sections, items and answer scales.
package worksheet

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Spec is the `worksheet:` block of a worksheet page.
type Spec struct {
	Scales   map[string][]Point `yaml:"scales"`
	Sections []Section          `yaml:"sections"`
}

// Point is one step of an answer scale.
type Point struct {
	Value int    `yaml:"value"`
	Label string `yaml:"label"`
}

// Section is a group of items, scored when it holds scale items.
type Section struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	Intro string `yaml:"intro"`
	Items []Item `yaml:"items"`
}

// Item is one question of a worksheet.
type Item struct {
	ID      string   `yaml:"id"`
	Kind    string   `yaml:"kind"` // scale, choice, multi, checklist, text, longtext, table
	Label   string   `yaml:"label"`
	Help    string   `yaml:"help"`
	Scale   string   `yaml:"scale"`
	NA      bool     `yaml:"na"`
	Options []Option `yaml:"options"`
	Columns []Column `yaml:"columns"`
	Rows    int      `yaml:"rows"`
}

// Option is a choice of a choice, multi or checklist item.
type Option struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
}

// Column is a column of a table item.
type Column struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
	Kind  string `yaml:"kind"` // text (default) or number
	Min   *int   `yaml:"min"`
	Max   *int   `yaml:"max"`
}

// Kinds lists the item kinds.
var Kinds = []string{"scale", "choice", "multi", "checklist", "text", "longtext", "table"}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Problem is something wrong in a worksheet, at a path of its YAML such as
// ["worksheet", "sections", "2", "items", "0", "kind"].
type Problem struct {
	Path []string
	Msg  string
}

// Validate checks one worksheet on its own.
func Validate(s *Spec) []Problem {
	var ps []Problem
	add := func(msg string, path ...string) {
		ps = append(ps, Problem{Path: append([]string{"worksheet"}, path...), Msg: msg})
	}
	for _, name := range sortedKeys(s.Scales) {
		pts := s.Scales[name]
		if !idRE.MatchString(name) {
			add(fmt.Sprintf("scale name %q must be lowercase letters, digits and hyphens", name), "scales", name)
		}
		if len(pts) < 2 {
			add(fmt.Sprintf("scale %q needs at least two points", name), "scales", name)
		}
		for i, p := range pts {
			if i > 0 && p.Value <= pts[i-1].Value {
				add(fmt.Sprintf("scale %q: values must increase (%d after %d)", name, p.Value, pts[i-1].Value), "scales", name, strconv.Itoa(i))
			}
			if strings.TrimSpace(p.Label) == "" {
				add(fmt.Sprintf("scale %q: value %d has no label", name, p.Value), "scales", name, strconv.Itoa(i))
			}
		}
		if len(pts) > 0 && pts[0].Value < 0 {
			add(fmt.Sprintf("scale %q: values start at 0 or more", name), "scales", name, "0")
		}
	}
	if len(s.Sections) == 0 {
		add("a worksheet needs at least one section")
	}
	seen := map[string]bool{}
	for si, sec := range s.Sections {
		sp := []string{"sections", strconv.Itoa(si)}
		if !idRE.MatchString(sec.ID) {
			add(fmt.Sprintf("section id %q must be lowercase letters, digits and hyphens", sec.ID), append(sp, "id")...)
		}
		if seen[sec.ID] {
			add(fmt.Sprintf("duplicate id %q", sec.ID), append(sp, "id")...)
		}
		seen[sec.ID] = true
		if strings.TrimSpace(sec.Title) == "" {
			add(fmt.Sprintf("section %q has no title", sec.ID), sp...)
		}
		if len(sec.Items) == 0 {
			add(fmt.Sprintf("section %q has no items", sec.ID), sp...)
		}
		for ii, it := range sec.Items {
			ip := append(append([]string{}, sp...), "items", strconv.Itoa(ii))
			if !idRE.MatchString(it.ID) {
				add(fmt.Sprintf("item id %q must be lowercase letters, digits and hyphens", it.ID), append(ip, "id")...)
			}
			if seen[it.ID] {
				add(fmt.Sprintf("duplicate id %q", it.ID), append(ip, "id")...)
			}
			seen[it.ID] = true
			if strings.TrimSpace(it.Label) == "" {
				add(fmt.Sprintf("item %q has no label", it.ID), ip...)
			}
			switch it.Kind {
			case "scale":
				if _, ok := s.Scales[it.Scale]; !ok {
					add(fmt.Sprintf("item %q: unknown scale %q (scales: %s)", it.ID, it.Scale, strings.Join(sortedKeys(s.Scales), ", ")), append(ip, "scale")...)
				}
			case "choice", "multi", "checklist":
				if len(it.Options) < 1 || (it.Kind == "choice" && len(it.Options) < 2) {
					add(fmt.Sprintf("item %q (%s) needs options", it.ID, it.Kind), ip...)
				}
				opts := map[string]bool{}
				for oi, o := range it.Options {
					op := append(append([]string{}, ip...), "options", strconv.Itoa(oi))
					if !idRE.MatchString(o.ID) || opts[o.ID] {
						add(fmt.Sprintf("item %q: option id %q must be unique lowercase letters, digits and hyphens", it.ID, o.ID), op...)
					}
					opts[o.ID] = true
					if strings.TrimSpace(o.Label) == "" {
						add(fmt.Sprintf("item %q: option %q has no label", it.ID, o.ID), op...)
					}
				}
			case "table":
				if len(it.Columns) == 0 {
					add(fmt.Sprintf("item %q (table) needs columns", it.ID), ip...)
				}
				if it.Rows < 1 || it.Rows > 30 {
					add(fmt.Sprintf("item %q (table) needs rows between 1 and 30", it.ID), append(ip, "rows")...)
				}
				cols := map[string]bool{}
				for ci, c := range it.Columns {
					cp := append(append([]string{}, ip...), "columns", strconv.Itoa(ci))
					if !idRE.MatchString(c.ID) || cols[c.ID] {
						add(fmt.Sprintf("item %q: column id %q must be unique lowercase letters, digits and hyphens", it.ID, c.ID), cp...)
					}
					cols[c.ID] = true
					if c.Kind != "" && c.Kind != "text" && c.Kind != "number" {
						add(fmt.Sprintf("item %q: column %q has unknown kind %q (text or number)", it.ID, c.ID, c.Kind), cp...)
					}
				}
			case "text", "longtext":
			default:
				add(fmt.Sprintf("item %q: unknown kind %q (kinds: %s)", it.ID, it.Kind, strings.Join(Kinds, ", ")), append(ip, "kind")...)
			}
			if it.NA && it.Kind != "scale" {
				add(fmt.Sprintf("item %q: only scale items can be \"not applicable\"", it.ID), append(ip, "na")...)
			}
		}
	}
	return ps
}

// Compare lists where two language versions of a worksheet differ in ids, kinds or scales; the
// paths point into b.
func Compare(a, b *Spec) []Problem {
	var ps []Problem
	add := func(msg string, path ...string) {
		ps = append(ps, Problem{Path: append([]string{"worksheet"}, path...), Msg: msg})
	}
	ka, kb := sortedKeys(a.Scales), sortedKeys(b.Scales)
	if strings.Join(ka, ",") != strings.Join(kb, ",") {
		add(fmt.Sprintf("scales are [%s] here but [%s] in the other language", strings.Join(kb, ", "), strings.Join(ka, ", ")), "scales")
	}
	for _, name := range kb {
		pa, pb := a.Scales[name], b.Scales[name]
		if pa != nil && values(pa) != values(pb) {
			add(fmt.Sprintf("scale %q has values [%s] here but [%s] in the other language", name, values(pb), values(pa)), "scales", name)
		}
	}
	if len(a.Sections) != len(b.Sections) {
		add(fmt.Sprintf("%d sections here, %d in the other language", len(b.Sections), len(a.Sections)), "sections")
	}
	for si := 0; si < len(a.Sections) && si < len(b.Sections); si++ {
		sa, sb := a.Sections[si], b.Sections[si]
		sp := []string{"sections", strconv.Itoa(si)}
		if sa.ID != sb.ID {
			add(fmt.Sprintf("section %q here is %q in the other language", sb.ID, sa.ID), append(sp, "id")...)
		}
		if len(sa.Items) != len(sb.Items) {
			add(fmt.Sprintf("section %q has %d items here, %d in the other language", sb.ID, len(sb.Items), len(sa.Items)), append(sp, "items")...)
		}
		for ii := 0; ii < len(sa.Items) && ii < len(sb.Items); ii++ {
			ia, ib := sa.Items[ii], sb.Items[ii]
			ip := append(append([]string{}, sp...), "items", strconv.Itoa(ii))
			if got, want := itemShape(ib), itemShape(ia); got != want {
				add(fmt.Sprintf("item %q differs from the other language: %s here, %s there", ib.ID, got, want), ip...)
			}
		}
	}
	return ps
}

// itemShape describes what must be the same in every language.
func itemShape(it Item) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", it.ID, it.Kind)
	if it.Kind == "scale" {
		fmt.Fprintf(&b, " scale=%s na=%v", it.Scale, it.NA)
	}
	if len(it.Options) > 0 {
		ids := make([]string, len(it.Options))
		for i, o := range it.Options {
			ids[i] = o.ID
		}
		fmt.Fprintf(&b, " options=[%s]", strings.Join(ids, ","))
	}
	if len(it.Columns) > 0 {
		cols := make([]string, len(it.Columns))
		for i, c := range it.Columns {
			cols[i] = c.ID + ":" + c.Kind + bound(c.Min) + "-" + bound(c.Max)
		}
		fmt.Fprintf(&b, " columns=[%s] rows=%d", strings.Join(cols, ","), it.Rows)
	}
	return b.String()
}

func bound(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func values(pts []Point) string {
	vs := make([]string, len(pts))
	for i, p := range pts {
		vs[i] = strconv.Itoa(p.Value)
	}
	return strings.Join(vs, ",")
}

// Signature identifies the structure of a worksheet (ids, kinds, scales), the same in every
// language: saved answers carry it, and a file saved with another structure is refused.
func Signature(s *Spec) string {
	h := sha256.New()
	for _, name := range sortedKeys(s.Scales) {
		fmt.Fprintf(h, "scale %s %s\n", name, values(s.Scales[name]))
	}
	for _, sec := range s.Sections {
		fmt.Fprintf(h, "section %s\n", sec.ID)
		for _, it := range sec.Items {
			fmt.Fprintf(h, "item %s\n", itemShape(it))
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// Scored reports whether a section has scale items.
func (s Section) Scored() bool {
	for _, it := range s.Items {
		if it.Kind == "scale" {
			return true
		}
	}
	return false
}

// Max returns the highest value of a scale.
func (s *Spec) Max(scale string) int {
	pts := s.Scales[scale]
	if len(pts) == 0 {
		return 0
	}
	return pts[len(pts)-1].Value
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
