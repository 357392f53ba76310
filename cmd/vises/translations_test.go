package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var loopSite = map[string]string{
	"site.yaml":            "languages: [fr, nl]\ntitle: {fr: Kit, nl: Kit}\nminify: false\n",
	"content/fr/_index.md": "---\ntitle: Accueil\n---\nBonjour.\n",
	"content/nl/_index.md": "---\ntitle: Start\n---\nHallo.\n",
	"content/fr/guide.md":  "---\ntitle: Guide\n---\nPremier paragraphe.\n\nDeuxième paragraphe.\n",
	"content/nl/guide.md":  "---\ntitle: Gids\nslug: gids # een Nederlands adres\n---\nEerste alinea.\n\nTweede alinea.\n",
	"content/fr/seul.md":   "---\ntitle: Seulement en français\n---\nCe texte n'existe qu'en français.\n",
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestTranslatorsLoop marks a site's translations, changes a source and sees the warning of
// vises check, the status table and its CSV, the diff and the notice on the page; then marks
// the translation again and sees it current. A page missing in Dutch is announced in Dutch
// with its French text marked lang="fr".
func TestTranslatorsLoop(t *testing.T) {
	writeSite(t, loopSite)
	if code, out, errs := runCLI("translations", "mark", "content"); code != 0 || !strings.Contains(out, "2 translations current (2 changed)") {
		t.Fatalf("mark: exit %d\n%s%s", code, out, errs)
	}
	marked := readFile(t, "content/nl/guide.md")
	if want := strings.Replace(loopSite["content/nl/guide.md"], "---\nEerste", "translationOf: {lang: fr, hash: ", 1); !strings.HasPrefix(marked, want[:strings.Index(want, "translationOf")]) ||
		!strings.HasSuffix(marked, "}\n---\nEerste alinea.\n\nTweede alinea.\n") || len(strings.Split(marked, "\n")) != len(strings.Split(loopSite["content/nl/guide.md"], "\n"))+1 {
		t.Errorf("mark did not add one line to the front matter and keep the rest:\n%s", marked)
	}
	if got := readFile(t, "translations/nl/guide.md"); got != loopSite["content/fr/guide.md"] {
		t.Errorf("the source kept at marking time is %q", got)
	}
	if code, _, errs := runCLI("check"); code != 0 || strings.Contains(errs, "stale") {
		t.Fatalf("check after marking: exit %d\n%s", code, errs)
	}

	// The French source changes.
	if err := os.WriteFile("content/fr/guide.md", []byte("---\ntitle: Guide\n---\nPremier paragraphe.\n\nDeuxième paragraphe, corrigé.\n\nUn troisième.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI("check")
	if code != 0 || !strings.Contains(errs, "content/nl/guide.md:4:1: warning: stale translation: its source content/fr/guide.md has changed") {
		t.Errorf("check does not warn of the stale translation (exit %d):\n%s", code, errs)
	}
	code, out, errs := runCLI("translations", "--csv", "state.csv")
	if code != 0 || !strings.Contains(out, "nl: 1 current, 1 stale, 0 unmarked, 1 missing, 0 orphaned") ||
		!strings.Contains(out, "stale    content/nl/guide.md  content/fr/guide.md") || !strings.Contains(out, "missing  content/nl/seul.md   content/fr/seul.md") {
		t.Errorf("status table (exit %d):\n%s%s", code, out, errs)
	}
	if csv := readFile(t, "state.csv"); !strings.HasPrefix(csv, "lang,status,page,source,marked,source_now\n") || !strings.Contains(csv, "\nnl,stale,content/nl/guide.md,content/fr/guide.md,") {
		t.Errorf("CSV:\n%s", csv)
	}
	code, out, _ = runCLI("translations", "diff", "content/nl/guide.md")
	for _, want := range []string{"1 paragraph edited, 1 added, 0 removed", "- Deuxième paragraphe.\n+ Deuxième paragraphe, corrigé.\n", ": added\n+ Un troisième.\n"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("diff (exit %d) lacks %q:\n%s", code, want, out)
		}
	}
	if code, _, errs := runCLI("build"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	if page := readFile(t, "public/nl/gids/index.html"); !strings.Contains(page, "De Franse versie van deze pagina werd gewijzigd na deze vertaling.") {
		t.Error("the stale Dutch page does not say so")
	}
	if page := readFile(t, "public/fr/guide/index.html"); strings.Contains(page, "notice-stale") {
		t.Error("the French source says it is stale")
	}
	fallback := readFile(t, "public/nl/seul/index.html")
	for _, want := range []string{`<html lang="nl">`, "Deze pagina is nog niet in het Nederlands vertaald", `<div lang="fr"><article class="page">`, "Ce texte n’existe qu’en français."} {
		if !strings.Contains(fallback, want) {
			t.Errorf("the stand-in for the page missing in Dutch lacks %q", want)
		}
	}
	if strings.Contains(fallback, "hreflang=\"fr\" href=\"http") {
		t.Error("a stand-in announces a translation in hreflang")
	}

	// The translation is brought up to date and marked again.
	if code, out, errs := runCLI("translations", "mark", "content/nl/guide.md"); code != 0 || !strings.Contains(out, "1 translation current (1 changed)") {
		t.Fatalf("mark again: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCLI("check"); code != 0 || strings.Contains(errs, "stale") {
		t.Errorf("check after marking again: exit %d\n%s", code, errs)
	}
	if code, _, errs := runCLI("translations", "mark", "content/nl/nope.md"); code != 1 || !strings.Contains(errs, "content/nl/nope.md: no page of the site") {
		t.Errorf("mark of an unknown page: exit %d\n%s", code, errs)
	}
}

// git runs git in dir with fixed dates and identity.
func git(t *testing.T, dir, date string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// copyTree copies the files of from into to, leaving out .git.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDatesFromHistoryShallowCloneAndCopy builds a site from its git repository, from a
// shallow clone of it and from a copy without .git: each page shows the date of the last
// commit that changed its file, and the three builds write the same pages.
func TestDatesFromHistoryShallowCloneAndCopy(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := writeSite(t, loopSite)
	git(t, repo, "2026-01-15T10:00:00Z", "init", "-q")
	if code, out, errs := runCLI("translations", "mark", "content"); code != 0 {
		t.Fatalf("mark: exit %d\n%s%s", code, out, errs)
	}
	git(t, repo, "2026-01-15T10:00:00Z", "add", "-A")
	git(t, repo, "2026-01-15T10:00:00Z", "commit", "-q", "-m", "first")
	if err := os.WriteFile("content/fr/seul.md", []byte("---\ntitle: Seulement en français\n---\nCorrigé.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, repo, "2026-02-20T10:00:00Z", "commit", "-q", "-a", "-m", "second")
	// Marking again records the dates git knows, for builds without the history.
	if code, out, errs := runCLI("translations", "mark", "content"); code != 0 || !strings.Contains(out, "dates of 5 files") {
		t.Fatalf("mark: exit %d\n%s%s", code, out, errs)
	}
	if dates := readFile(t, "translations/dates.tsv"); !strings.Contains(dates, "content/fr/seul.md\t") || !strings.Contains(dates, "\t2026-02-20T10:00:00Z\n") {
		t.Fatalf("dates record:\n%s", dates)
	}
	git(t, repo, "2026-03-01T10:00:00Z", "add", "-A")
	git(t, repo, "2026-03-01T10:00:00Z", "commit", "-q", "-m", "dates")

	builds := map[string]string{"repository": repo}
	shallow := filepath.Join(t.TempDir(), "shallow")
	git(t, repo, "2026-03-01T10:00:00Z", "clone", "-q", "--depth", "1", "file://"+repo, shallow)
	builds["shallow clone"] = shallow
	copied := filepath.Join(t.TempDir(), "copy")
	copyTree(t, repo, copied)
	builds["copy without .git"] = copied

	pages := map[string][]byte{}
	for name, dir := range builds {
		t.Chdir(dir)
		if code, _, errs := runCLI("build"); code != 0 {
			t.Fatalf("%s: build: exit %d\n%s", name, code, errs)
		}
		seul := readFile(t, "public/fr/seul/index.html")
		guide := readFile(t, "public/nl/gids/index.html")
		if !strings.Contains(seul, "Mis à jour le <time datetime=\"2026-02-20\">20\u00a0février 2026</time>") {
			t.Errorf("%s: fr/seul/ does not show the date of its last change:\n%s", name, seul)
		}
		if !strings.Contains(guide, "Bijgewerkt op <time datetime=\"2026-01-15\">15\u00a0januari 2026</time>") {
			t.Errorf("%s: nl/gids/ does not show the date of its last change", name)
		}
		if sitemap := readFile(t, "public/sitemap.xml"); !strings.Contains(sitemap, "<lastmod>2026-02-20</lastmod>") {
			t.Errorf("%s: the sitemap has no lastmod", name)
		}
		pages[name] = []byte(seul + guide)
	}
	if !bytes.Equal(pages["repository"], pages["shallow clone"]) || !bytes.Equal(pages["repository"], pages["copy without .git"]) {
		t.Error("the builds of the same commit differ")
	}
}
