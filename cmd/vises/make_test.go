package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
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

// goModVersion returns the go line of go.mod, as major, minor and patch.
func goModVersion(t *testing.T) (string, [3]int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+)\.(\d+)(?:\.(\d+))?$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("no go line in go.mod")
	}
	var v [3]int
	for i := range v {
		v[i], _ = strconv.Atoi(string(m[i+1]))
	}
	return strings.TrimPrefix(string(m[0]), "go "), v
}

// TestGoVersionCheck runs tools/go-version with fake go commands of several versions.
func TestGoVersionCheck(t *testing.T) {
	need, v := goModVersion(t)
	tests := []struct {
		version string
		ok      bool
	}{
		{"go1.22.1", false},
		{fmt.Sprintf("go%d.%d.0", v[0], v[1]-1), false},
		{fmt.Sprintf("go%d.%drc1", v[0], v[1]), false},
		{"go" + need, true},
		{fmt.Sprintf("go%d.%d.%d", v[0], v[1], v[2]+1), true},
		{fmt.Sprintf("go%d.%d", v[0], v[1]+1), true},
		{fmt.Sprintf("go%d.%d.0", v[0]+1, 0), true},
		{"devel", true},
	}
	if v[2] > 0 {
		tests = append(tests, struct {
			version string
			ok      bool
		}{fmt.Sprintf("go%d.%d.%d", v[0], v[1], v[2]-1), false})
	}
	for _, tt := range tests {
		goCmd, _ := fakeGo(t, tt.version)
		out, err := exec.Command(filepath.Join(repoRoot(t), "tools", "go-version"), goCmd).CombinedOutput()
		if tt.ok {
			if err != nil {
				t.Errorf("%s: %v\n%s", tt.version, err, out)
			}
			continue
		}
		want := fmt.Sprintf("vises needs Go %s or later (found %s); see README\n", need, tt.version)
		if err == nil || string(out) != want {
			t.Errorf("%s: %v, output %q; want an error and %q", tt.version, err, out, want)
		}
	}
	out, err := exec.Command(filepath.Join(repoRoot(t), "tools", "go-version"), "/no/such/go").CombinedOutput()
	if want := fmt.Sprintf("vises needs Go %s or later (no /no/such/go command found); see README\n", need); err == nil || string(out) != want {
		t.Errorf("no go: %v, output %q; want an error and %q", err, out, want)
	}
}

// TestMakeStopsOnAnOldGo runs make targets with an old fake go: they stop with the version
// needed before anything else asks Go for anything.
func TestMakeStopsOnAnOldGo(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	need, _ := goModVersion(t)
	for _, target := range []string{"build", "test", "serve", "check"} {
		goCmd, log := fakeGo(t, "go1.22.1")
		// BIN names no program: an old Makefile that ran on would fail rather than serve.
		cmd := exec.Command("make", "-C", repoRoot(t), target, "GO="+goCmd, "BIN="+filepath.Join(t.TempDir(), "none"))
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), "vises needs Go "+need+" or later (found go1.22.1); see README") {
			t.Errorf("make %s: %v\n%s", target, err, out)
		}
		if got := calls(t, log); !reflect.DeepEqual(got, []string{"version"}) {
			t.Errorf("make %s called go %v; want only go version", target, got)
		}
	}
}

// TestMakeCleanKeepsAFolderVisesDidNotWrite runs make clean in a site whose public/ is a
// user's folder, then in one whose public/ an earlier build wrote.
func TestMakeCleanKeepsAFolderVisesDidNotWrite(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	makefile := filepath.Join(repoRoot(t), "Makefile")
	_, v := goModVersion(t)
	goCmd, _ := fakeGo(t, fmt.Sprintf("go%d.%d.%d", v[0], v[1], v[2]))
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
