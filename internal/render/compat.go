package render

// Names the layouts used before their features became packages of their own. Each stands for
// the feature's template function ({{.Worksheet}} is {{worksheet .}}), and goes once the
// layouts that use it (worksheet.html, fiches/page.html, part-body.html, indicateurs/cards.html)
// call the function. Do not add to this file: a new feature's layouts call its functions.

// Worksheet is {{worksheet .}}: the page's worksheet, or nil.
func (c *Ctx) Worksheet() (any, error) { return c.call("worksheet") }

// Cards is {{cards .}}: the indicator cards of the page's language.
func (c *Ctx) Cards() (any, error) { return c.call("cards") }

// Pack is {{pack .}}: the pack being drawn (package pack), for a partner's pack layouts
// written before packs were a feature; so are PackLinks, PackTerms and PackGlossaryQR.
func (c *Ctx) Pack() (any, error) { return c.call("pack") }

// PackLinks is {{packLinks .}}: a session page's links to its packs.
func (c *Ctx) PackLinks() (any, error) { return c.call("packLinks") }

// PackTerms is {{packTerms .}}: a glossary's entries as a pack holds them.
func (c *Ctx) PackTerms() (any, error) { return c.call("packTerms") }

// PackGlossaryQR is {{packGlossaryQR .}}: a QR code to the full glossary, in a pack.
func (c *Ctx) PackGlossaryQR() (any, error) { return c.call("packGlossaryQR") }
