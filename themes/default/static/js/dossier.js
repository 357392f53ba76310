// dossier.js: see docs/evaluation.md.
