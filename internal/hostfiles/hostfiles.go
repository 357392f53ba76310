// Package hostfiles holds the HTTP headers the kit is served with and writes them for static
// hosts: `_headers` (Netlify, Cloudflare Pages) and `.htaccess` (Apache). The policy is defined
// here once; vises serve, the host files, the opt-in CSP <meta> and docs/nginx/vises.conf
// (checked by a test) use it.
package hostfiles

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// Policy is the Content-Security-Policy of every page: nothing but the site's own files
// (no inline script or style, no CDN), no <base> pointing elsewhere, and forms (the search
// box) that submit to the site only. Every directive may also be given in a <meta> element.
const Policy = "default-src 'self'; base-uri 'self'; form-action 'self'"

// Referrer is the Referrer-Policy: other sites learn the kit's address, not the page read.
const Referrer = "strict-origin-when-cross-origin"

// NoSniff is the X-Content-Type-Options value that stops browsers from guessing types.
const NoSniff = "nosniff"

// Immutable is the Cache-Control of fingerprinted files (CSS and JavaScript whose name holds a
// hash of their content): a changed file gets a new name, so a copy never goes stale.
const Immutable = "public, max-age=31536000, immutable"

// Revalidate is the Cache-Control of pages and other files whose name does not change with
// their content: a browser may keep a copy but asks the server each time whether it changed.
const Revalidate = "no-cache"

// FingerprintPattern matches the name of a fingerprinted file (see publish.Assets), as a
// regular expression that Go, Apache and nginx read alike.
const FingerprintPattern = `\.[0-9a-f]{10}\.(css|js)$`

// File is a host file to publish at the top of the output folder.
type File struct {
	Name string
	Data []byte
}

// Names are the host files Files writes.
var Names = []string{"_headers", ".htaccess"}

// Files returns the host files of a site served from basePath (the path of its base URL, such
// as "/" or "/kit/"), whose fingerprinted files are the given output paths (such as
// "css/site.0123456789.css").
func Files(basePath string, fingerprinted []string) []File {
	if !strings.HasPrefix(basePath, "/") {
		basePath = "/" + basePath
	}
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	return []File{
		{"_headers", netlify(basePath, fingerprinted)},
		{".htaccess", apache(basePath)},
	}
}

// netlify writes the _headers file that Netlify and Cloudflare Pages read. Both join the
// values of a header that several rules give, so Cache-Control is given only to the
// fingerprinted files (by name); pages keep the host's default, which revalidates them.
func netlify(base string, fingerprinted []string) []byte {
	var b strings.Builder
	b.WriteString("# Written by vises build: the headers of the kit for Netlify and Cloudflare Pages.\n")
	b.WriteString("# This file must be at the top of the published folder (docs/hosting.md).\n")
	fmt.Fprintf(&b, "%s*\n", base)
	fmt.Fprintf(&b, "  Content-Security-Policy: %s\n", Policy)
	fmt.Fprintf(&b, "  X-Content-Type-Options: %s\n", NoSniff)
	fmt.Fprintf(&b, "  Referrer-Policy: %s\n", Referrer)
	names := append([]string(nil), fingerprinted...)
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "%s\n  Cache-Control: %s\n", path.Join(base, n), Immutable)
	}
	return []byte(b.String())
}

// apache writes the .htaccess file of an Apache server that lets the folder set headers and
// error pages (AllowOverride FileInfo) and has mod_headers.
func apache(base string) []byte {
	var b strings.Builder
	b.WriteString("# Written by vises build: the headers of the kit for Apache (AllowOverride FileInfo, mod_headers).\n")
	fmt.Fprintf(&b, "ErrorDocument 404 %s404.html\n", base)
	b.WriteString("AddDefaultCharset utf-8\n")
	b.WriteString("<IfModule mod_headers.c>\n")
	fmt.Fprintf(&b, "  Header always set Content-Security-Policy \"%s\"\n", Policy)
	fmt.Fprintf(&b, "  Header always set X-Content-Type-Options \"%s\"\n", NoSniff)
	fmt.Fprintf(&b, "  Header always set Referrer-Policy \"%s\"\n", Referrer)
	fmt.Fprintf(&b, "  Header set Cache-Control \"%s\"\n", Revalidate)
	fmt.Fprintf(&b, "  <FilesMatch \"%s\">\n", FingerprintPattern)
	fmt.Fprintf(&b, "    Header set Cache-Control \"%s\"\n", Immutable)
	b.WriteString("  </FilesMatch>\n")
	b.WriteString("</IfModule>\n")
	return []byte(b.String())
}
