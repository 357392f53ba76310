package publish

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
)

// A build writes into a staging folder beside the output folder (.NAME.staging-DIGITS) and, as
// it swaps folders, moves the previous output to .NAME.staging-DIGITS.old before removing it.
// A build that is killed leaves them behind. Each holds a marker file, locked by the build for
// as long as it uses the folder; the next build of the same output folder removes a folder
// only when its name has that form and it holds the marker, unlocked: nothing else.

const (
	markerName = ".vises-leftover"
	markerText = "vises: a folder of a build in progress; the next build of the same output folder removes it if the build was stopped\n"
)

// mark puts the marker into dir, locked until the returned file is closed. The marker is
// written under another name first, so that it is never seen unlocked.
func mark(dir string) (*os.File, error) {
	tmp := filepath.Join(dir, markerName+".tmp")
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	if _, err := f.WriteString(markerText); err != nil {
		f.Close()
		return nil, err
	}
	lock(f)
	if err := os.Rename(tmp, filepath.Join(dir, markerName)); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// leftovers returns the pattern of the names of the folders builds of out leave beside it.
func leftovers(out string) *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(filepath.Base(out)) + `\.staging-[0-9]+(\.old)?$`)
}

// removeLeftovers removes what stopped builds of the output folder out left beside it.
func removeLeftovers(out string) {
	parent := filepath.Dir(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	pattern := leftovers(out)
	for _, e := range entries {
		if !e.IsDir() || !pattern.MatchString(e.Name()) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if f := abandoned(dir); f != nil {
			_ = os.RemoveAll(dir)
			f.Close()
		}
	}
}

// abandoned returns the marker of dir, locked, when dir holds a marker that no running build
// holds; otherwise nil.
func abandoned(dir string) *os.File {
	name := filepath.Join(dir, markerName)
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(len(markerText))+1))
	if err != nil || !bytes.Equal(data, []byte(markerText)) || !lock(f) {
		f.Close()
		return nil
	}
	return f
}
