package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func writeFiles(t *testing.T, dir string, files map[string]string) []string {
	t.Helper()
	var names []string
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, p)
	}
	return names
}

// entry is a file read back from an archive.
type entry struct {
	mode os.FileMode
	data string
}

func readTarGz(t *testing.T, name string) map[string]entry {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	out := map[string]entry{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		out[h.Name] = entry{os.FileMode(h.Mode).Perm(), string(data)}
	}
}

func readZip(t *testing.T, name string) map[string]entry {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string]entry{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = entry{f.Mode().Perm(), string(data)}
	}
	return out
}

// TestPackHoldsBinaryReadmeAndLicence checks each platform's archive: .zip for Windows and
// .tar.gz elsewhere, a folder named after the archive holding the program (executable), the
// README and the licence; the same inputs give the same bytes; SHA256SUMS lists every archive
// with its sum, as sha256sum -c reads it.
func TestPackHoldsBinaryReadmeAndLicence(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	date := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	var archives []string
	for _, p := range []Platform{{"linux", "arm64"}, {"windows", "amd64"}} {
		files := writeFiles(t, src, map[string]string{p.binary(): "program", "README.md": "# vises", "LICENSE": "EUPL"})
		// The binary must come first.
		for i, f := range files {
			if filepath.Base(f) == p.binary() {
				files[0], files[i] = files[i], files[0]
			}
		}
		name, err := Pack(out, "1.2.3", p, files, date)
		if err != nil {
			t.Fatal(err)
		}
		first, _ := os.ReadFile(filepath.Join(out, name))
		if _, err := Pack(out, "1.2.3", p, files, date); err != nil {
			t.Fatal(err)
		}
		again, _ := os.ReadFile(filepath.Join(out, name))
		if !bytes.Equal(first, again) {
			t.Errorf("%s: two packs of the same files differ", name)
		}
		archives = append(archives, name)
		dir := "vises-1.2.3-" + p.OS + "-" + p.Arch + "/"
		var got map[string]entry
		if p.OS == "windows" {
			if name != "vises-1.2.3-windows-amd64.zip" {
				t.Errorf("Windows archive %s, want a .zip", name)
			}
			got = readZip(t, filepath.Join(out, name))
		} else {
			if name != "vises-1.2.3-linux-arm64.tar.gz" {
				t.Errorf("archive %s, want a .tar.gz", name)
			}
			got = readTarGz(t, filepath.Join(out, name))
		}
		want := map[string]entry{
			dir + p.binary():  {0o755, "program"},
			dir + "README.md": {0o644, "# vises"},
			dir + "LICENSE":   {0o644, "EUPL"},
		}
		for n, w := range want {
			if g, ok := got[n]; !ok {
				t.Errorf("%s lacks %s (has %v)", name, n, got)
			} else if g != w {
				t.Errorf("%s: %s is %v, want %v", name, n, g, w)
			}
		}
	}
	sums, err := Checksums(out, archives)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(out, sums))
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != len(archives) {
		t.Fatalf("SHA256SUMS has %d lines for %d archives:\n%s", len(lines), len(archives), data)
	}
	for _, l := range lines {
		sum, name, ok := strings.Cut(l, "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q", l)
		}
		a, _ := os.ReadFile(filepath.Join(out, name))
		h := sha256.Sum256(a)
		if hex.EncodeToString(h[:]) != sum {
			t.Errorf("SHA256SUMS: wrong sum for %s", name)
		}
	}
	if sha, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command(sha, "-c", "SHA256SUMS")
		cmd.Dir = out
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, msg)
		}
	}
}

// TestExtraFilesSaysWhenThereIsNoLicence checks that the README and every licence file are
// shipped, and that a repository without a licence file is reported.
func TestExtraFilesSaysWhenThereIsNoLicence(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"README.md": "r"})
	files, missing := extraFiles(dir)
	if !missing || len(files) != 1 {
		t.Errorf("without a licence: %v, missing %v", files, missing)
	}
	writeFiles(t, dir, map[string]string{"LICENSE": "l", "NOTICE": "n"})
	files, missing = extraFiles(dir)
	if missing || len(files) != 3 {
		t.Errorf("with LICENSE and NOTICE: %v, missing %v", files, missing)
	}
}

// TestBuildSetsVersionAndCommit builds vises for this machine as a release does and checks
// that `vises version` prints the version and commit given.
func TestBuildSetsVersionAndCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds vises")
	}
	bin := filepath.Join(t.TempDir(), "vises")
	var log bytes.Buffer
	if err := Build("../..", Platform{runtime.GOOS, runtime.GOARCH}, "9.8.7", "0123456789abcdef0123", bin, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "vises 9.8.7 (0123456789ab) ") {
		t.Errorf("vises version printed %q", out)
	}
	info, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-trimpath=true", "CGO_ENABLED=0"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("the binary was not built with %s:\n%s", want, info)
		}
	}
}
