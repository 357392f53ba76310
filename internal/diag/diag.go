// Package diag carries positions in source files and the errors attached to them:
// every user-facing problem is reported as path:line:col: message, sorted, one per line.
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	// Error stops the build (exit status 1).
	Error Severity = iota
	// Warning is reported but does not stop the build.
	Warning
	// Note adds context to another diagnostic, such as what an error kept from being checked;
	// it is printed but not counted.
	Note
)

// Stage says which stage of a build found a problem. Problems are listed stage by stage
// before position, in three groups: the configuration, then sources that could not be read or
// decoded, then everything else by position. So a file that could not be read comes before
// the problems that follow from it (such as links to the page it holds).
type Stage uint8

const (
	// Unstaged is a problem not tagged yet; the build tags it with the stage that found it.
	Unstaged Stage = iota
	// Config is the site configuration.
	Config
	// Read is a source that could not be read or decoded: its page does not exist for the
	// rest of the build.
	Read
	// Load is the theme, the UI strings and the data files.
	Load
	// Parse is the pages: front matter values, Markdown, worksheets, indicators.
	Parse
	// Assemble is the site as a whole: templates, links, translations, checks.
	Assemble
	// Render is the pages written out.
	Render
	// Publish is the output folder and the PDFs.
	Publish
)

var stageNames = [...]string{"", "config", "read", "load", "parse", "assemble", "render", "publish"}

func (s Stage) String() string {
	if int(s) < len(stageNames) {
		return stageNames[s]
	}
	return fmt.Sprintf("stage(%d)", s)
}

// rank orders the stages for listing.
func (s Stage) rank() int {
	switch s {
	case Config:
		return 0
	case Read:
		return 1
	}
	return 2
}

// Pos is a position in a file of the site. Line and Col count from 1; zero means unknown.
type Pos struct {
	File string // path relative to the site root, with forward slashes
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one problem at one position.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Stage    Stage
	Msg      string
}

func (d Diagnostic) Error() string {
	prefix := d.Pos.String()
	if d.Severity == Warning || d.Severity == Note {
		word := "warning: "
		if d.Severity == Note {
			word = "note: "
		}
		if prefix == "" {
			return word + d.Msg
		}
		return prefix + ": " + word + d.Msg
	}
	if prefix == "" {
		return d.Msg
	}
	return prefix + ": " + d.Msg
}

// List collects diagnostics from every stage of a build. The zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Notef records a note at pos.
func (l *List) Notef(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Note, Msg: fmt.Sprintf(format, args...)})
}

// Readf records an error of a source that could not be read or decoded (stage Read).
func (l *List) Readf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Error, Stage: Read, Msg: fmt.Sprintf(format, args...)})
}

// Len returns the number of diagnostics recorded.
func (l *List) Len() int { return len(l.items) }

// Tag gives the stage s to the diagnostics recorded from index from on that have none.
func (l *List) Tag(from int, s Stage) {
	for i := from; i < len(l.items); i++ {
		if l.items[i].Stage == Unstaged {
			l.items[i].Stage = s
		}
	}
}

// Add records diagnostics made elsewhere.
func (l *List) Add(ds ...Diagnostic) { l.items = append(l.items, ds...) }

// Merge appends the diagnostics of another list.
func (l *List) Merge(o *List) {
	if o != nil {
		l.items = append(l.items, o.items...)
	}
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool { return l.Count(Error) > 0 }

// Count returns the number of diagnostics of severity s.
func (l *List) Count(s Severity) int {
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Items returns the diagnostics sorted by stage (see Stage), file, line, column and message,
// without duplicates.
func (l *List) Items() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := a.Stage.rank(), b.Stage.rank(); ra != rb {
			return ra < rb
		}
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if an, bn := a.Severity == Note, b.Severity == Note; an != bn {
			// A note follows what it comments on, in the same file.
			return bn
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.Msg < b.Msg
	})
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && d == out[i-1] {
			continue
		}
		dedup = append(dedup, d)
	}
	return dedup
}

// Err returns the errors of the list (not the warnings) as one error, or nil.
func (l *List) Err() error {
	var errs []error
	for _, d := range l.Items() {
		if d.Severity == Error {
			errs = append(errs, d)
		}
	}
	return errors.Join(errs...)
}

// String prints every diagnostic, one per line.
func (l *List) String() string {
	var b strings.Builder
	for _, d := range l.Items() {
		b.WriteString(d.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

// Offset converts a byte offset in src to a 1-based line and column (column in bytes).
func Offset(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	before := src[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = off - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

var yamlLine = regexp.MustCompile(`line (\d+)(?:, column (\d+))?: (.*)`)

// FromYAML turns an error of a YAML decoder into diagnostics in file. The decoder's line
// numbers count from the first line of the YAML text; firstLine is that line's number in the file.
func FromYAML(file string, firstLine int, err error) []Diagnostic {
	var out []Diagnostic
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	for _, part := range strings.Split(msg, "\n") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		pos := Pos{File: file}
		if m := yamlLine.FindStringSubmatch(part); m != nil {
			n, _ := strconv.Atoi(m[1])
			pos.Line = n + firstLine - 1
			if m[2] != "" {
				pos.Col, _ = strconv.Atoi(m[2])
			} else {
				pos.Col = 1
			}
			part = m[3]
		} else {
			pos.Line = firstLine
			pos.Col = 1
		}
		out = append(out, Diagnostic{Pos: pos, Severity: Error, Stage: Read, Msg: "yaml: " + part})
	}
	return out
}
