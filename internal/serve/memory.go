package serve

import (
	"bytes"
	"sync"
)

// site is the output of the last good build, answered from memory.
type site struct {
	mu    sync.RWMutex
	files map[string][]byte
}

func (s *site) get(name string) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, ok := s.files[name]
	return data, ok
}

// next is the output a build writes into: a copy of the current files, so that a build that
// renders only a few pages keeps the others, and the current files stay untouched until the
// build has succeeded.
type next struct {
	files   map[string][]byte
	written []string // names written by the build
	reset   bool     // the build started from an empty output
}

func (n *next) Write(name string, data []byte) error {
	n.files[name] = data
	n.written = append(n.written, name)
	return nil
}

// Reset empties the output: a full build writes every file.
func (n *next) Reset() {
	n.files = map[string][]byte{}
	n.reset = true
}

func (s *site) begin() *next {
	s.mu.RLock()
	defer s.mu.RUnlock()
	files := make(map[string][]byte, len(s.files))
	for k, v := range s.files {
		files[k] = v
	}
	return &next{files: files}
}

// commit makes the files of a successful build current and returns the names of the files
// that changed (added, changed or removed).
func (s *site) commit(n *next) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var changed []string
	for _, name := range n.written {
		if old, ok := s.files[name]; !ok || !bytes.Equal(old, n.files[name]) {
			changed = append(changed, name)
		}
	}
	if n.reset {
		for name := range s.files {
			if _, ok := n.files[name]; !ok {
				changed = append(changed, name)
			}
		}
	}
	s.files = n.files
	return changed
}
