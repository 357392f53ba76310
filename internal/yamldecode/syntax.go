package yamldecode

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"vises/internal/diag"
)

// The YAML parser names a syntax error, but its line is often that of the token where it gave
// up (the end of the text for an unclosed quote) and it has no column. Syntax finds where the
// author has to look: the YAML is read again line by line, longer and longer, and the line
// that breaks it is the one whose text cannot be read at all (a tab, a stray indent), or the
// first of the lines that leave the text unfinished (an opening quote or bracket never closed).

// Syntax turns a YAML syntax error of data into one diagnostic at the line and column of its
// cause, with a message in the author's terms. firstLine is the line of the file on which data
// starts.
func Syntax(file string, firstLine int, data []byte, err error) diag.Diagnostic {
	d := diag.Diagnostic{Pos: diag.Pos{File: file, Line: firstLine, Col: 1}, Severity: diag.Error, Stage: diag.Read}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	lines := splitLines(data)
	line := causeLine(lines, unfinished(msg))
	if line == 0 {
		// The prefixes all read: fall back on the parser's own line.
		if m := lineMsg.FindStringSubmatch(msg); m != nil {
			line = atoi(m[1])
		}
	}
	if m := lineMsg.FindStringSubmatch(msg); m != nil {
		msg = m[3]
	}
	if line < 1 || line > len(lines) {
		line = max(1, min(line, len(lines)))
	}
	text := ""
	if len(lines) > 0 {
		text = lines[line-1]
	}
	col, what := explain(msg, text)
	d.Pos.Line = line + firstLine - 1
	d.Pos.Col = col
	d.Msg = what
	return d
}

// unfinished reports whether a parser message says the text ended before a quote, a bracket or
// a brace was closed.
func unfinished(msg string) bool {
	return strings.Contains(msg, "unexpected end of stream") ||
		strings.Contains(msg, "did not find expected ',' or ']'") ||
		strings.Contains(msg, "did not find expected ',' or '}'") ||
		strings.Contains(msg, "did not find expected flow")
}

// causeLine returns the 1-based line that breaks the YAML text made of lines, or 0.
func causeLine(lines []string, open bool) int {
	state := make([]int, len(lines)+1) // 0: reads; 1: unfinished; 2: broken
	for k := 1; k <= len(lines); k++ {
		err := parse(strings.Join(lines[:k], "\n") + "\n")
		switch {
		case err == nil:
			state[k] = 0
		case unfinished(err.Error()):
			state[k] = 1
		default:
			state[k] = 2
		}
	}
	if open {
		// The first line of the last run of unfinished texts opened what is never closed.
		k := len(lines)
		for k > 0 && state[k] != 0 {
			k--
		}
		if k < len(lines) {
			return k + 1
		}
		return 0
	}
	for k := 1; k <= len(lines); k++ {
		if state[k] == 2 {
			return k
		}
	}
	return 0
}

func parse(text string) error {
	var n yaml.Node
	return yaml.Unmarshal([]byte(text), &n)
}

func splitLines(data []byte) []string {
	s := strings.TrimSuffix(string(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

var keyValue = regexp.MustCompile(`^(\s*(?:-\s+)?)([^\s:#'"][^:]*?):\s+(.*)$`)

// explain returns the column (1-based, in bytes) where the problem shows on the line text, and
// what to say about it.
func explain(msg, text string) (int, string) {
	indent := len(text) - len(strings.TrimLeft(text, " \t"))
	first := indent + 1
	kv := keyValue.FindStringSubmatch(text)
	if kv != nil && kv[3] != "" && (kv[3][0] == '\'' || kv[3][0] == '"') {
		// A quoted value closed early: the rest of the line cannot be read.
		q, v := kv[3][0], kv[3]
		if end := closing(v, q); end > 0 && strings.TrimSpace(v[end+1:]) != "" && !strings.HasPrefix(strings.TrimSpace(v[end+1:]), "#") {
			col := len(text) - len(v) + end + 1
			if q == '\'' {
				return col, "the text in quotes ends at this ' but the line goes on: write an apostrophe inside '…' as two (''), or put the text in double quotes"
			}
			return col, "the text in quotes ends at this \" but the line goes on: write a quote inside \"…\" as \\\", or put the text in single quotes"
		}
	}
	switch {
	case strings.Contains(msg, "tab character"), strings.Contains(text[:indent], "\t"):
		return strings.IndexByte(text, '\t') + 1, "a tab is used to indent this line; YAML indents with spaces only"
	case strings.Contains(msg, "end of stream") && opener(text, `"'`) >= 0:
		i := opener(text, `"'`)
		return i + 1, "the text opened with " + string(text[i]) + " here is never closed: end it with " + string(text[i]) + " on this line"
	case unfinished(msg) && opener(text, "[{") >= 0:
		i := opener(text, "[{")
		if text[i] == '[' {
			return i + 1, "the list opened with [ here is never closed with ]; for text that starts with [, put the whole value in quotes"
		}
		return i + 1, "the map opened with { here is never closed with }; for text that starts with {, put the whole value in quotes"
	case strings.Contains(msg, "mapping values are not allowed") && kv != nil && strings.Contains(kv[3], ": "):
		col := len(text) - len(kv[3]) + strings.Index(kv[3], ": ") + 1
		return col, `text holding ": " must be put in quotes, such as ` + strings.TrimSpace(kv[1]+kv[2]) + `: "` + kv[3] + `"`
	case strings.Contains(msg, "mapping values are not allowed"):
		return first, "this line is indented more than the key above it, as if it belonged to it; give keys of the same level the same indentation"
	case strings.Contains(msg, "cannot start any token"):
		if kv != nil && kv[3] != "" && (kv[3][0] == '@' || kv[3][0] == '`') {
			return len(text) - len(kv[3]) + 1, "a value cannot start with " + kv[3][:1] + "; put the whole value in quotes"
		}
		return first, "a value on this line starts with a character YAML reserves (@ or `); put the whole value in quotes"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-'"),
		strings.Contains(msg, "block"):
		return first, "the indentation of this line does not match the lines above: keys of one level start in the same column, and so do the - of one list"
	case strings.Contains(msg, "did not find expected alphabetic or numeric character"), strings.Contains(msg, "did not find expected anchor"):
		return first, "a value cannot start with * or &; put the whole value in quotes"
	}
	return first, "the front matter is not valid YAML (" + msg + ")"
}

// opener returns the index in text of the first of chars that opens a value and is not closed
// on the line, or -1.
func opener(text string, chars string) int {
	var stack []int
	quote := byte(0)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == quote {
				if quote == '\'' && i+1 < len(text) && text[i+1] == '\'' {
					i++
					continue
				}
				quote = 0
				stack = stack[:len(stack)-1]
			} else if c == '\\' && quote == '"' {
				i++
			}
		case c == '#' && (i == 0 || text[i-1] == ' '):
			i = len(text)
		case (c == '"' || c == '\'') && startsValue(text, i):
			quote = c
			stack = append(stack, i)
		case (c == '[' || c == '{') && startsValue(text, i):
			stack = append(stack, i)
		case (c == ']' || c == '}') && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	for _, i := range stack {
		if strings.IndexByte(chars, text[i]) >= 0 {
			return i
		}
	}
	return -1
}

// closing returns the index of the quote that closes the quoted value v (which starts with q),
// or -1.
func closing(v string, q byte) int {
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// startsValue reports whether the character at i starts a value: it follows ": ", "- ", a
// flow's opening or comma, or only spaces.
func startsValue(text string, i int) bool {
	j := i - 1
	for j >= 0 && text[j] == ' ' {
		j--
	}
	if j < 0 {
		return true
	}
	switch text[j] {
	case ':', '-':
		return j < i-1
	case '[', '{', ',':
		return true
	}
	return false
}

// atoi reads the decimal number of a parser message (its digits are matched by a pattern).
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
