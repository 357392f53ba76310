package pack

import "sync"

// PartCache keeps the rendered parts of packs from one build to the next (vises serve): a part
// whose page did not change is not rendered again. The zero value is not usable; use
// NewPartCache. A nil *PartCache caches nothing.
type PartCache struct {
	mu    sync.Mutex // packs are rendered in parallel
	parts map[string]string
	stale map[string]bool // page files whose parts must be rendered again
}

// NewPartCache returns an empty cache.
func NewPartCache() *PartCache { return &PartCache{parts: map[string]string{}} }

// Invalidate marks the parts of the given page files as stale; a nil list empties the cache.
func (c *PartCache) Invalidate(files []string) {
	if c == nil {
		return
	}
	if files == nil {
		c.parts = map[string]string{}
		return
	}
	c.stale = map[string]bool{}
	for _, f := range files {
		c.stale[f] = true
	}
}

func (c *PartCache) get(key, file string) (string, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stale[file] {
		return "", false
	}
	s, ok := c.parts[key]
	return s, ok
}

func (c *PartCache) put(key, html string) {
	if c != nil {
		c.mu.Lock()
		c.parts[key] = html
		c.mu.Unlock()
	}
}
