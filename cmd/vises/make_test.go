package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for vises, for the fake go of fakeGo.
func TestMain(m *testing.M) {
	if os.Getenv("VISES_TEST_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// fakeGo writes a go command that says it is version, runs "go run PKG ARGS" as vises ARGS
// (with this test binary) and does nothing else. Every call is logged, one line each, in the
// file it returns.
func fakeGo(t *testing.T, version string) (goCmd, log string) {
	t.Helper()
	dir := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	log = filepath.Join(dir, "calls")
	goCmd = filepath.Join(dir, "go")
	script := fmt.Sprintf(`#!/bin/sh
echo "$*" >> %q
case $1 in
version) echo "go version %s linux/amd64" ;;
run) shift 2; VISES_TEST_RUN_MAIN=1 exec %q "$@" ;;
esac
`, log, version, self)
	if err := os.WriteFile(goCmd, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return goCmd, log
}

func calls(t *testing.T, log string) []string {
	data, err := os.ReadFile(log)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Fields(strings.ReplaceAll(string(data), " ", "_"))
}

// TestMakeCleanKeepsAFolderVisesDidNotWrite runs make clean in a site whose public/ is a
// user's folder, then in one whose public/ an earlier build wrote.
func TestMakeCleanKeepsAFolderVisesDidNotWrite(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	makefile := filepath.Join(repoRoot(t), "Makefile")
	goCmd, _ := fakeGo(t, "devel")
	files := map[string]string{"public/photo.jpg": "jpeg", "public/notes/doc.txt": "notes", "bin/vises": "binary"}
	for k, v := range goodSite {
		files[k] = v
	}
	dir := writeSite(t, files)
	cmd := exec.Command("make", "-f", makefile, "clean", "GO="+goCmd)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "vises clean: public holds files that vises did not write (notes/doc.txt, photo.jpg); nothing was removed") {
		t.Errorf("make clean of a user's public/: %v\n%s", err, out)
	}
	for _, name := range []string{"public/photo.jpg", "public/notes/doc.txt", "content/fr/_index.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("make clean removed %s", name)
		}
	}

	// A public/ an earlier build wrote is removed, with what the build keeps beside it.
	if err := os.RemoveAll(filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI("build"); code != 0 {
		t.Fatal(stderr)
	}
	out, err = exec.Command("make", "-f", makefile, "clean", "GO="+goCmd).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "vises clean: removed public") {
		t.Errorf("make clean of a built public/: %v\n%s", err, out)
	}
	for _, name := range []string{"public", ".public.manifest", "bin"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("make clean left %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "fr", "_index.md")); err != nil {
		t.Error("make clean removed the site's content")
	}
}
