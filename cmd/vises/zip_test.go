package main

import (
	"archive/zip"
	"os"
	"strings"
	"testing"
)

// TestBuildZip checks vises build --zip: the offline edition in one ZIP with index.html at its
// top, no output folder left behind, an earlier ZIP of vises replaced, any other file refused
// and left as it was, and a ZIP inside the output folder refused.
func TestBuildZip(t *testing.T) {
	writeSite(t, goodSite)
	code, out, errs := runCLI("build", "--zip", "kit.zip")
	if code != 0 || !strings.Contains(out, "offline edition written to kit.zip") {
		t.Fatalf("build --zip: exit %d: %s%s", code, out, errs)
	}
	zr, err := zip.OpenReader("kit.zip")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	zr.Close()
	for _, want := range []string{"index.html", "fr/index.html", "nl/index.html", "404.html"} {
		if !names[want] {
			t.Errorf("the ZIP lacks %s", want)
		}
	}
	if names["_headers"] || names[".htaccess"] {
		t.Error("the offline ZIP holds host files")
	}
	if _, err := os.Stat("public"); err == nil {
		t.Error("build --zip without --out wrote public/")
	}
	if code, out, errs := runCLI("build", "--offline", "--zip", "kit.zip"); code != 0 {
		t.Errorf("build --zip over its own ZIP: exit %d: %s%s", code, out, errs)
	}

	if err := os.WriteFile("mine.zip", []byte("a user's file"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCLI("build", "--zip", "mine.zip")
	if code != 1 || !strings.Contains(errs, "not written by vises") {
		t.Errorf("build --zip over a user's file: exit %d, %q", code, errs)
	}
	if data, _ := os.ReadFile("mine.zip"); string(data) != "a user's file" {
		t.Error("a user's file was replaced")
	}
	if code, _, _ := runCLI("build", "--out", "site", "--zip", "site/kit.zip"); code != 2 {
		t.Errorf("build --zip inside --out: exit %d, want 2", code)
	}
}
