package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/parallel"
	"vises/internal/publish"
)

// A stamp names everything a published build was made from: the vises program (Options.Tool),
// the command-line values, the configuration file, every file of themes/, locales/, data/ and
// static/, and every Markdown source of content/ (the files a build reads). When the output
// folder was made from the same stamp and no file of it was touched since, building again
// would write the same bytes: the build stops there and reports what the build that made the
// folder reported.
//
// The record also keeps what lets the next build render less when only the text of some
// pages changed (see previous): the fingerprint of everything but the content, the SHA-256
// of each source, and what other pages show of each page (signatures).
type stampRecord struct {
	Stamp    string
	Pages    map[string]int
	Files    int
	Warnings []diag.Diagnostic
	Tool     string            `json:",omitempty"`
	Inputs   string            `json:",omitempty"`
	Sums     map[string]string `json:",omitempty"` // source file -> hex SHA-256
	Sigs     map[string]string `json:",omitempty"` // page file -> signature
}

// previous is what the last published build of the output folder recorded, when it can
// stand for the last build of a Builder: made by the same program from the same inputs but
// the content, and the folder as it left it.
func previous(out, tool, inputs string) *stampRecord {
	data := publish.ReadStamp(out)
	if data == nil {
		return nil
	}
	var rec stampRecord
	if err := json.Unmarshal(data, &rec); err != nil || rec.Tool != tool || rec.Inputs != inputs || rec.Sigs == nil {
		return nil
	}
	return &rec
}

// changedSources returns the sources whose bytes differ from the record's, or nil when a
// source was added or removed (which changes what other pages show).
func changedSources(rec *stampRecord, sums map[string][sha256.Size]byte) map[string]bool {
	if len(rec.Sums) != len(sums) {
		return nil
	}
	out := map[string]bool{}
	for name, sum := range sums {
		old, ok := rec.Sums[name]
		if !ok {
			return nil
		}
		if old != hex.EncodeToString(sum[:]) {
			out[name] = true
		}
	}
	return out
}

// stampOf names a published build: the program, the fingerprint of everything but the
// content (inputsFingerprint), and the SHA-256 of each Markdown source.
func stampOf(tool, inputs string, sums map[string][sha256.Size]byte) string {
	names := make([]string, 0, len(sums))
	for name := range sums {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	fmt.Fprintf(h, "vises %s\n%s\n", tool, inputs)
	for _, name := range names {
		fmt.Fprintf(h, "%s %x\n", name, sums[name])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readSums reads and hashes the Markdown sources of the site, as a build would read them, in
// parallel; a file that cannot be read is left out (the build would fail on it).
func readSums(fsys fs.FS, langs []string, workers int) map[string][sha256.Size]byte {
	var ignored diag.List // the build reports them
	sources := content.Sources(fsys, langs, &ignored)
	sums := make([][sha256.Size]byte, len(sources))
	ok := make([]bool, len(sources))
	parallel.For(len(sources), workers, func(i int) {
		if data, err := fs.ReadFile(fsys, sources[i].Name); err == nil {
			sums[i], ok[i] = sha256.Sum256(data), true
		}
	})
	out := make(map[string][sha256.Size]byte, len(sources))
	for i, src := range sources {
		if ok[i] {
			out[src.Name] = sums[i]
		}
	}
	return out
}

// upToDate returns what the build that made the output folder out reported, when that build
// had the stamp stamp and every file it wrote is still as it left it.
func upToDate(out, stamp string) (*stampRecord, bool) {
	data := publish.ReadStamp(out)
	if data == nil {
		return nil, false
	}
	var rec stampRecord
	if err := json.Unmarshal(data, &rec); err != nil || rec.Stamp != stamp {
		return nil, false
	}
	if !publish.Intact(out) {
		return nil, false
	}
	return &rec, true
}

// writeStamp records, beside the output folder, the stamp and the report of the build that
// has just written it.
// files is the number of files in the folder.
func writeStamp(out, stamp string, res *Result, files int, tool, inputs string, sums map[string][sha256.Size]byte, sigs map[string]string) error {
	rec := stampRecord{Stamp: stamp, Pages: res.Pages, Files: files, Tool: tool, Inputs: inputs, Sigs: sigs, Sums: map[string]string{}}
	for name, sum := range sums {
		rec.Sums[name] = hex.EncodeToString(sum[:])
	}
	for _, d := range res.Diags.Items() {
		if d.Severity == diag.Warning {
			rec.Warnings = append(rec.Warnings, d)
		}
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return publish.WriteStamp(out, data)
}
