package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"vises/internal/build"
	"vises/internal/diag"
	"vises/internal/sitefs"
	"vises/internal/translation"
)

const translationsUsage = `vises translations [--config site.yaml] [--all] [--csv FILE]
       vises translations mark [--config site.yaml] PATH...
       vises translations diff [--config site.yaml] PATH...`

// runTranslations prints the state of every translation, marks translations as matching their
// source, or shows what changed in the source of a translation.
func runTranslations(args []string, stdout, stderr io.Writer) int {
	sub := ""
	if len(args) > 0 && (args[0] == "mark" || args[0] == "diff") {
		sub, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("translations", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := fs.String("config", "site.yaml", "site configuration `file`")
	csvFile, all := new(string), new(bool)
	if sub == "" {
		fs.StringVar(csvFile, "csv", "", "also write the state of every page to `file` as CSV")
		fs.BoolVar(all, "all", false, "list the current translations too")
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n\n", translationsUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if sub == "" && fs.NArg() > 0 {
		fmt.Fprintf(stderr, "vises translations: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if sub != "" && fs.NArg() == 0 {
		fmt.Fprintf(stderr, "vises translations %s: name the pages or folders (such as content/nl/methode/cadrer.md, or content for all)\n", sub)
		fs.Usage()
		return 2
	}
	hist := translation.GitHistory(".")
	site := sitefs.Dir(".")
	res := build.Run(build.Options{FS: site, Config: *cfg, History: hist})
	rep := res.Translations
	if rep == nil {
		printDiags(stderr, &res.Diags)
		fmt.Fprintf(stderr, "vises translations: the site could not be read\n")
		return 1
	}
	// Stale translations are this command's subject: of the rest, only errors are printed.
	for _, d := range res.Diags.Items() {
		if d.Severity == diag.Error {
			fmt.Fprintln(stderr, d.Error())
		}
	}
	switch sub {
	case "mark":
		return translationsMark(rep, res, site, hist, fs.Args(), stdout, stderr)
	case "diff":
		return translationsDiff(rep, res, site, fs.Args(), stdout, stderr)
	}
	printTable(stdout, rep, *all)
	if *csvFile != "" {
		if err := writeCSV(*csvFile, rep); err != nil {
			fmt.Fprintf(stderr, "vises translations: %v\n", err)
			return 1
		}
	}
	return 0
}

// printTable prints, per language, how many pages are in each state, then the pages that need
// work (all of them with all).
func printTable(w io.Writer, rep *translation.Report, all bool) {
	states := []translation.Status{translation.Current, translation.Stale, translation.Unmarked, translation.Missing, translation.Orphaned}
	for i, lang := range rep.Langs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		var counts []string
		for _, s := range states {
			counts = append(counts, fmt.Sprintf("%d %s", rep.Count(lang, s), s))
		}
		fmt.Fprintf(w, "%s: %s\n", lang, strings.Join(counts, ", "))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		rows := 0
		for _, e := range rep.Entries {
			if e.Lang != lang || (e.Status == translation.Current && !all) {
				continue
			}
			if rows == 0 {
				fmt.Fprintln(tw, "  status\tpage\tsource")
			}
			rows++
			src := "-"
			if e.Source != nil {
				src = e.Source.File
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", e.Status, e.File(), src)
		}
		tw.Flush()
	}
}

// writeCSV writes every entry of the report: language, status, page, source, recorded hash,
// hash of the source now.
func writeCSV(name string, rep *translation.Report) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	_ = w.Write([]string{"lang", "status", "page", "source", "marked", "source_now"})
	for _, e := range rep.Entries {
		src := ""
		if e.Source != nil {
			src = e.Source.File
		}
		_ = w.Write([]string{e.Lang, string(e.Status), e.File(), src, e.Marked, e.Now})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func translationsMark(rep *translation.Report, res *build.Result, site fs.FS, hist translation.History, args []string, stdout, stderr io.Writer) int {
	entries, unknown := rep.Select(res.Site, args)
	for _, u := range unknown {
		fmt.Fprintf(stderr, "vises translations mark: %s: no page of the site\n", u)
	}
	if len(unknown) > 0 {
		return 1
	}
	marked, err := translation.Mark(".", entries)
	changed := 0
	for _, m := range marked {
		if m.Changed {
			changed++
			fmt.Fprintf(stdout, "marked %s as a translation of %s (%s)\n", m.File, m.Source, m.Hash)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "vises translations mark: %v\n", err)
		return 1
	}
	dated, err := translation.WriteDates(".", site, res.Site, hist, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "vises translations mark: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "vises translations mark: %s current (%d changed); sources kept in %s/, dates of %s in %s\n",
		count(len(marked), "translation"), changed, translation.StoreDir, count(dated, "file"), translation.DatesFile)
	return 0
}

func translationsDiff(rep *translation.Report, res *build.Result, site fs.FS, args []string, stdout, stderr io.Writer) int {
	entries, unknown := rep.Select(res.Site, args)
	for _, u := range unknown {
		fmt.Fprintf(stderr, "vises translations diff: %s: no page of the site\n", u)
	}
	code := 0
	if len(unknown) > 0 {
		code = 1
	}
	for i, e := range entries {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s translates %s: %s\n", e.Page.File, e.Source.File, e.Status)
		if e.Status == translation.Unmarked {
			fmt.Fprintf(stdout, "not marked: which version of the source it was made from is not recorded (vises translations mark %s, once it matches the source)\n", e.Page.File)
			continue
		}
		store := translation.StoreFile(e.Page)
		old, err := fs.ReadFile(site, store)
		if err != nil || translation.Hash(string(old)) != e.Marked {
			fmt.Fprintf(stdout, "%s does not hold the version marked (%s): what changed cannot be shown\n", store, e.Marked)
			code = 1
			continue
		}
		src, err := fs.ReadFile(site, e.Source.File)
		if err != nil {
			fmt.Fprintf(stderr, "vises translations diff: %v\n", err)
			return 1
		}
		changes := translation.Diff(string(old), translation.Normalize(src))
		fmt.Fprintf(stdout, "since %s (%s): %s\n", e.Marked, store, translation.Summary(changes))
		fmt.Fprint(stdout, translation.FormatDiff(changes))
	}
	return code
}
