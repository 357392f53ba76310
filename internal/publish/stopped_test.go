package publish

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain lets the test binary play a build that stops without cleaning up (see
// TestStagingFolderOfAKilledBuild): it makes a staging folder for VISES_TEST_BUILD_OUT, writes
// a file, prints the folder, waits for its input to close and exits at once.
func TestMain(m *testing.M) {
	if out := os.Getenv("VISES_TEST_BUILD_OUT"); out != "" {
		s, err := NewStaging(out)
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(2)
		}
		if err := s.Write("index.html", []byte("half")); err != nil {
			os.Exit(2)
		}
		os.Stdout.WriteString(s.dir + "\n")
		bufio.NewReader(os.Stdin).ReadString('\n')
		os.Exit(0) // as if killed: no Abort
	}
	os.Exit(m.Run())
}

// TestStagingFolderOfAKilledBuild runs a build in another process: while it runs, a build of
// the same output folder leaves its staging folder alone; once it has stopped, the next build
// removes it.
func TestStagingFolderOfAKilledBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	publishFiles(t, out, site)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "VISES_TEST_BUILD_OUT="+out)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	dir, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	dir = dir[:len(dir)-1]

	publishFiles(t, out, site)
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Errorf("the staging folder of a running build was removed: %v", err)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the stopped build left no staging folder: %v", err)
	}
	publishFiles(t, out, site)
	if _, err := os.Stat(dir); err == nil {
		t.Error("the staging folder of a stopped build is still there after the next build")
	}
}
