package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"runtime"
	"sync"

	"vises/internal/config"
	"vises/internal/diag"
	"vises/internal/publish"
)

// A stamp names everything a published build was made from: the vises program (Options.Tool),
// the command-line values, the configuration file and every file of content/, themes/,
// locales/, data/ and static/. When the output folder was made from the same stamp and no
// file of it was touched since, building again would write the same bytes: the build stops
// there and reports what the build that made the folder reported.
type stampRecord struct {
	Stamp    string
	Pages    map[string]int
	Files    int
	Warnings []diag.Diagnostic
}

// buildStamp hashes the inputs of a published build.
func buildStamp(fsys fs.FS, cfgFile string, o config.Overrides, tool string, workers int) string {
	h := sha256.New()
	fmt.Fprintf(h, "vises %s\n%s\n", tool, inputsFingerprint(fsys, cfgFile, o, false))
	var names []string
	_ = fs.WalkDir(fsys, "content", func(name string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			names = append(names, name)
		}
		return nil
	})
	// Files are read and hashed in parallel; their sums are combined in the order of the walk.
	sums := make([][sha256.Size]byte, len(names))
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(names); i += workers {
				data, err := fs.ReadFile(fsys, names[i])
				if err != nil {
					data = []byte("\x00unreadable " + err.Error())
				}
				sums[i] = sha256.Sum256(data)
			}
		}()
	}
	wg.Wait()
	for i, name := range names {
		fmt.Fprintf(h, "%s %x\n", name, sums[i])
	}
	return hex.EncodeToString(h.Sum(nil))
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
func writeStamp(out, stamp string, res *Result) error {
	rec := stampRecord{Stamp: stamp, Pages: res.Pages, Files: res.Files}
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
