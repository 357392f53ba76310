// Command release builds vises for every platform the kit is handed out on and packs each
// build into an archive with the README and the licence files, plus a SHA-256 checksum file:
//
//	go run ./tools/release [-out dist] [-version V] [-commit C]
//
// It is what `make release` runs. Builds are static (CGO_ENABLED=0), without the paths of the
// machine (-trimpath), with the version and commit set in the binary (main.version,
// main.commit). The version defaults to `git describe --tags --always --dirty`, the commit to
// `git rev-parse HEAD`. Archives are reproducible: their files are sorted and dated from the
// commit.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Platform is a system vises is built for.
type Platform struct{ OS, Arch string }

// Platforms are the systems of a release.
var Platforms = []Platform{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"},
}

// licenceNames are the files of the repository's root that are shipped as its licence.
var licenceNames = []string{"LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING", "NOTICE"}

func main() {
	out := flag.String("out", "dist", "output `folder` for the archives and SHA256SUMS")
	version := flag.String("version", "", "version to build (default: git describe --tags --always --dirty)")
	commit := flag.String("commit", "", "commit to record (default: git rev-parse HEAD)")
	flag.Parse()
	if err := run(*out, *version, *commit, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		os.Exit(1)
	}
}

func git(args ...string) string {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func run(out, version, commit string, log io.Writer) error {
	if version == "" {
		version = git("describe", "--tags", "--always", "--dirty")
	}
	if version == "" {
		version = "dev"
	}
	version = strings.TrimPrefix(version, "v")
	if commit == "" {
		commit = git("rev-parse", "HEAD")
	}
	date := time.Unix(0, 0).UTC()
	if s := git("log", "-1", "--format=%ct"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			date = time.Unix(n, 0).UTC()
		}
	}
	extras, missing := extraFiles(".")
	if missing {
		fmt.Fprintln(log, "release: no licence file (LICENSE, COPYING…) in the repository: the archives hold the README, which states the licences")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "vises-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var archives []string
	for _, p := range Platforms {
		bin := filepath.Join(tmp, p.OS+"-"+p.Arch, p.binary())
		fmt.Fprintf(log, "release: building %s/%s\n", p.OS, p.Arch)
		if err := Build(".", p, version, commit, bin, log); err != nil {
			return err
		}
		files := append([]string{bin}, extras...)
		name, err := Pack(out, version, p, files, date)
		if err != nil {
			return err
		}
		archives = append(archives, name)
	}
	sums, err := Checksums(out, archives)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "release: %d archives and %s in %s\n", len(archives), sums, out)
	return nil
}

// Build builds vises from the module at root for p into the file bin, statically, without
// the machine's paths, with version and commit set in the binary.
func Build(root string, p Platform, version, commit, bin string, log io.Writer) error {
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin,
		"-ldflags", fmt.Sprintf("-s -w -X main.version=%s -X main.commit=%s", version, commit), "./cmd/vises")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+p.OS, "GOARCH="+p.Arch)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build for %s/%s: %w", p.OS, p.Arch, err)
	}
	return nil
}

func (p Platform) binary() string {
	if p.OS == "windows" {
		return "vises.exe"
	}
	return "vises"
}

// extraFiles returns the README and the licence files of the repository at root, and whether
// there is no licence file.
func extraFiles(root string) (files []string, noLicence bool) {
	if _, err := os.Stat(filepath.Join(root, "README.md")); err == nil {
		files = append(files, filepath.Join(root, "README.md"))
	}
	noLicence = true
	for _, n := range licenceNames {
		if _, err := os.Stat(filepath.Join(root, n)); err == nil {
			files = append(files, filepath.Join(root, n))
			noLicence = false
		}
	}
	return files, noLicence
}

// Pack writes the archive of one platform into out: vises-VERSION-OS-ARCH.zip for Windows,
// .tar.gz elsewhere, holding files (by their base names, the first one executable) in a folder
// of the archive's name, dated date. It returns the archive's file name.
func Pack(out, version string, p Platform, files []string, date time.Time) (string, error) {
	base := fmt.Sprintf("vises-%s-%s-%s", version, p.OS, p.Arch)
	sorted := append([]string(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return filepath.Base(sorted[i]) < filepath.Base(sorted[j]) })
	var buf bytes.Buffer
	name := base + ".tar.gz"
	if p.OS == "windows" {
		name = base + ".zip"
		zw := zip.NewWriter(&buf)
		for _, f := range sorted {
			data, err := os.ReadFile(f)
			if err != nil {
				return "", err
			}
			h := &zip.FileHeader{Name: base + "/" + filepath.Base(f), Method: zip.Deflate, Modified: date}
			h.SetMode(mode(f, files[0]))
			w, err := zw.CreateHeader(h)
			if err != nil {
				return "", err
			}
			if _, err := w.Write(data); err != nil {
				return "", err
			}
		}
		if err := zw.Close(); err != nil {
			return "", err
		}
	} else {
		gz, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		gz.ModTime = date
		tw := tar.NewWriter(gz)
		if err := tw.WriteHeader(&tar.Header{Name: base + "/", Typeflag: tar.TypeDir, Mode: 0o755, ModTime: date, Format: tar.FormatPAX}); err != nil {
			return "", err
		}
		for _, f := range sorted {
			data, err := os.ReadFile(f)
			if err != nil {
				return "", err
			}
			h := &tar.Header{Name: base + "/" + filepath.Base(f), Typeflag: tar.TypeReg, Mode: int64(mode(f, files[0]).Perm()),
				Size: int64(len(data)), ModTime: date, Format: tar.FormatPAX}
			if err := tw.WriteHeader(h); err != nil {
				return "", err
			}
			if _, err := tw.Write(data); err != nil {
				return "", err
			}
		}
		if err := tw.Close(); err != nil {
			return "", err
		}
		if err := gz.Close(); err != nil {
			return "", err
		}
	}
	return name, os.WriteFile(filepath.Join(out, name), buf.Bytes(), 0o644)
}

func mode(f, bin string) os.FileMode {
	if f == bin {
		return 0o755
	}
	return 0o644
}

// Checksums writes SHA256SUMS in out for the archives (file names in out), in the format of
// sha256sum, and returns its name.
func Checksums(out string, archives []string) (string, error) {
	sorted := append([]string(nil), archives...)
	sort.Strings(sorted)
	var b strings.Builder
	for _, a := range sorted {
		data, err := os.ReadFile(filepath.Join(out, a))
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), a)
	}
	return "SHA256SUMS", os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(b.String()), 0o644)
}
