// report.js: see docs/evaluation.md.
