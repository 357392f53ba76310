package render

import (
	"bytes"
	"fmt"
	"html/template"
)

// Partial executes the partial name with the page as its dot, as {{template name .}} does,
// through the template set of the page being rendered.
func (c *Ctx) Partial(name string) (template.HTML, error) { return c.partial(name, c) }

// partial executes the partial name with data as its dot.
func (c *Ctx) partial(name string, data any) (template.HTML, error) {
	if c.set == nil {
		return "", fmt.Errorf("partial %s: no template set", name)
	}
	var b bytes.Buffer
	if err := c.set.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}
