// values.js: see docs/evaluation.md.
