// Package yamldecode decodes YAML into typed Go values strictly: unknown keys and values of
// the wrong type are reported as diagnostics at their line and column in the source file.
package yamldecode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"vises/internal/diag"
)

var (
	lineMsg    = regexp.MustCompile(`^line (\d+)(?:, column (\d+))?: (.*)$`)
	unknownKey = regexp.MustCompile(`^field (\S+) not found in type .+$`)
	wrongType  = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*?)`)? into (\\S+)$")
	duplicate  = regexp.MustCompile(`^mapping key "(.*)" already defined at line (\d+)$`)
)

// Decode decodes data into v. file names the source for diagnostics; firstLine is the line of
// the file on which data starts (front matter starts on line 2, after its opening ---).
// wellFormed is false when data is not YAML at all (nothing could be decoded).
func Decode(file string, firstLine int, data []byte, v any) (ds []diag.Diagnostic, wellFormed bool) {
	ps, wellFormed := DecodeProblems(file, firstLine, data, v)
	for _, p := range ps {
		ds = append(ds, p.Diagnostic)
	}
	return ds, wellFormed
}

// Problem is a diagnostic of Decode with what a caller may want to treat apart.
type Problem struct {
	diag.Diagnostic
	UnknownKey string // the key, when the problem is a key the Go type does not have
}

// DecodeProblems is Decode, with each problem's unknown key as a field of its own, so that a
// caller can tell an unknown key from other problems (and which) without reading the message.
func DecodeProblems(file string, firstLine int, data []byte, v any) (ps []Problem, wellFormed bool) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, true
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(v)
	if err == nil || errors.Is(err, io.EOF) {
		return nil, true
	}
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return []Problem{{Diagnostic: Syntax(file, firstLine, data, err)}}, false
	}
	// Positions of keys and values are looked up in the syntax tree, read only now.
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return []Problem{{Diagnostic: Syntax(file, firstLine, data, err)}}, false
	}
	var out []Problem
	for _, e := range te.Errors {
		out = append(out, describe(file, firstLine, &root, e, keysOf(reflect.TypeOf(v))))
	}
	return out, true
}

func describe(file string, firstLine int, root *yaml.Node, e string, keys []string) Problem {
	p := Problem{Diagnostic: diag.Diagnostic{Pos: diag.Pos{File: file, Line: firstLine, Col: 1}, Severity: diag.Error, Msg: e}}
	d := &p.Diagnostic
	m := lineMsg.FindStringSubmatch(e)
	if m == nil {
		return p
	}
	line, _ := strconv.Atoi(m[1])
	d.Pos.Line = line + firstLine - 1
	d.Msg = m[3]
	if k := unknownKey.FindStringSubmatch(m[3]); k != nil {
		p.UnknownKey = k[1]
		d.Msg = fmt.Sprintf("unknown key %q", k[1])
		if near := nearest(k[1], keys); near != "" {
			d.Msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		if n := findKey(root, line, k[1]); n != nil {
			d.Pos.Col = n.Column
		}
		return p
	}
	if k := duplicate.FindStringSubmatch(m[3]); k != nil {
		d.Msg = fmt.Sprintf("%q is set twice (first at line %d); keep one", k[1], atoi(k[2])+firstLine-1)
		if n := findKey(root, line, k[1]); n != nil {
			d.Pos.Col = n.Column
		}
		return p
	}
	if t := wrongType.FindStringSubmatch(m[3]); t != nil {
		got := yamlKind(t[1])
		if t[2] != "" {
			got += fmt.Sprintf(" (%s)", t[2])
		}
		key, n := valueOn(root, line, t[2])
		if n != nil {
			d.Pos.Col = n.Column
		}
		if key != "" {
			d.Msg = fmt.Sprintf("%q must be %s, not %s", key, goType(t[3]), got)
		} else {
			d.Msg = fmt.Sprintf("this value must be %s, not %s", goType(t[3]), got)
		}
		if hint := typeHint(t[3], t[1]); hint != "" {
			d.Msg += "; " + hint
		}
	}
	return p
}

// typeHint says how to write a value of Go type want that was written as a YAML kind.
func typeHint(want, kind string) string {
	switch {
	case strings.HasPrefix(want, "[]") && kind != "seq":
		return "write a list, one item per line starting with - (or [a, b])"
	case want == "string" && kind == "seq":
		return "for text that starts with [, put the whole value in quotes"
	case want == "string" && kind == "map":
		return "for text holding \": \" or starting with {, put the whole value in quotes"
	case strings.HasPrefix(want, "int"):
		return "write a whole number, such as 3"
	}
	return ""
}

// valueOn returns the node on the given line whose value starts like v (any node on the line
// when v is empty), and the key it is the value of.
func valueOn(root *yaml.Node, line int, v string) (string, *yaml.Node) {
	var key string
	var found *yaml.Node
	var walk func(n *yaml.Node, k string) bool
	walk = func(n *yaml.Node, k string) bool {
		if n.Line == line && k != "" && (v == "" || (n.Kind == yaml.ScalarNode && strings.HasPrefix(n.Value, strings.TrimSuffix(v, "...")))) {
			key, found = k, n
			return true
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if walk(n.Content[i+1], n.Content[i].Value) {
					return true
				}
			}
			return false
		}
		for _, c := range n.Content {
			if walk(c, k) {
				return true
			}
		}
		return false
	}
	walk(root, "")
	return key, found
}

func goType(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["), strings.Contains(t, "."):
		return "a map"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"), strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "string":
		return "text"
	}
	return t
}

func yamlKind(k string) string {
	switch k {
	case "str":
		return "text"
	case "seq":
		return "a list"
	case "map":
		return "a map"
	case "int", "float":
		return "a number"
	case "bool":
		return "a boolean"
	}
	return k
}

// findKey returns the mapping key node named key on the given (data-relative) line.
func findKey(n *yaml.Node, line int, key string) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Line == line && k.Value == key {
				return k
			}
		}
	}
	for _, c := range n.Content {
		if r := findKey(c, line, key); r != nil {
			return r
		}
	}
	return nil
}

// keysOf returns the YAML keys of the struct types reachable from t.
func keysOf(t reflect.Type) []string {
	var keys []string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name != "" && name != "-" {
				keys = append(keys, name)
			}
			walk(f.Type)
		}
	}
	if t != nil {
		walk(t)
	}
	return keys
}

// nearest returns the key closest to name when it is near enough to be a typo (at most two
// edits, ignoring case), or "".
func nearest(name string, keys []string) string {
	best, dist := "", 3
	for _, k := range keys {
		if d := edits(strings.ToLower(name), strings.ToLower(k)); d < dist && d < len(k) {
			best, dist = k, d
		}
	}
	return best
}

// edits is the Levenshtein distance between a and b, in bytes.
func edits(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
