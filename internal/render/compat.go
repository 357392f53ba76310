package render

// Names the layouts used before their features became packages of their own. Each stands for
// the feature's template function ({{.Worksheet}} is {{worksheet .}}), and goes once the
// layouts that use it (worksheet.html, fiches/page.html, part-body.html, indicateurs/cards.html)
// call the function. Do not add to this file: a new feature's layouts call its functions.

// Worksheet is {{worksheet .}}: the page's worksheet, or nil.
func (c *Ctx) Worksheet() (any, error) { return c.call("worksheet") }

// Cards is {{cards .}}: the indicator cards of the page's language.
func (c *Ctx) Cards() (any, error) { return c.call("cards") }
