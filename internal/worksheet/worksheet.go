// Package worksheet describes the self-assessment worksheets declared in the front matter of
// the fiches/ pages: their sections, items and answer scales.
package worksheet

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
