// Package yamldecode decodes YAML into typed Go values strictly: unknown keys and values of
// the wrong type are reported as diagnostics at their line and column in the source file.
package yamldecode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"vises/internal/diag"
)

var (
	lineMsg    = regexp.MustCompile(`^line (\d+)(?:, column (\d+))?: (.*)$`)
	unknownKey = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	wrongType  = regexp.MustCompile("^cannot unmarshal !!(\\w+) `?(.*?)`? into (\\S+)$")
)

// Decode decodes data into v. file names the source for diagnostics; firstLine is the line of
// the file on which data starts (front matter starts on line 2, after its opening ---).
// wellFormed is false when data is not YAML at all (nothing could be decoded).
func Decode(file string, firstLine int, data []byte, v any) (ds []diag.Diagnostic, wellFormed bool) {
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
		return diag.FromYAML(file, firstLine, err), false
	}
	// Positions of keys and values are looked up in the syntax tree, read only now.
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return diag.FromYAML(file, firstLine, err), false
	}
	var out []diag.Diagnostic
	for _, e := range te.Errors {
		out = append(out, describe(file, firstLine, &root, e))
	}
	return out, true
}

func describe(file string, firstLine int, root *yaml.Node, e string) diag.Diagnostic {
	d := diag.Diagnostic{Pos: diag.Pos{File: file, Line: firstLine, Col: 1}, Severity: diag.Error, Msg: e}
	m := lineMsg.FindStringSubmatch(e)
	if m == nil {
		return d
	}
	line, _ := strconv.Atoi(m[1])
	d.Pos.Line = line + firstLine - 1
	d.Msg = m[3]
	if k := unknownKey.FindStringSubmatch(m[3]); k != nil {
		d.Msg = fmt.Sprintf("unknown key %q", k[1])
		if n := findKey(root, line, k[1]); n != nil {
			d.Pos.Col = n.Column
		}
		return d
	}
	if t := wrongType.FindStringSubmatch(m[3]); t != nil {
		d.Msg = fmt.Sprintf("wrong type: want %s, got %s %q", goType(t[3]), yamlKind(t[1]), t[2])
		if n := findValue(root, line, t[2]); n != nil {
			d.Pos.Col = n.Column
		}
	}
	return d
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

// findValue returns a scalar node on the given line whose value starts like v.
func findValue(n *yaml.Node, line int, v string) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Line == line && strings.HasPrefix(n.Value, strings.TrimSuffix(v, "...")) {
		return n
	}
	if n.Kind == yaml.MappingNode {
		// Values only: a key that happens to start like the value is not the culprit.
		for i := 1; i < len(n.Content); i += 2 {
			if r := findValue(n.Content[i], line, v); r != nil {
				return r
			}
		}
		return nil
	}
	for _, c := range n.Content {
		if r := findValue(c, line, v); r != nil {
			return r
		}
	}
	return nil
}
