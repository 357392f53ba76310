// Search in the kit, in the browser: the index of the page's language (search-index.js, a
// script file so that it also loads from file://) is loaded the first time the search box is
// used. Words are matched without case or accents, on light French and Dutch stems (the same
// rules as internal/search), the last word as a prefix while typing, with one typo allowed in
// words of five letters or more, Dutch compounds found by their parts, and the stop words of
// both languages left out. Pages holding every word come first, then those holding fewer;
// within each group titles rank first, then headings, then text. The box is a combobox: arrow keys move through the results,
// Enter opens one, Escape closes the list; "/" puts the focus in the box. The helpers come from
// common.js (window.vises).
(function () {
  "use strict";

  var normalize = window.vises.fold, el = window.vises.el;

  var form = document.querySelector("form.site-search");
  if (!form) { return; }
  var input = form.querySelector("input[type=search]");
  var popup = form.querySelector(".search-popup");
  var list = form.querySelector(".search-list");
  var status = form.querySelector(".search-status");
  var root = form.getAttribute("data-root") || "";
  var offline = form.getAttribute("data-offline") === "true";
  var lang = document.documentElement.getAttribute("lang") || "fr";
  var ui = {
    none: form.getAttribute("data-none") || "",
    count1: form.getAttribute("data-count-one") || "{n}",
    countN: form.getAttribute("data-count-other") || "{n}",
    all: form.getAttribute("data-all") || ""
  };
  var index = null;
  var waiting = [];
  var active = -1;
  var shown = [];

  // ---- Words and stems: the same rules as internal/search ---------------------------------

  function words(s) {
    return normalize(s).split(/[^a-z0-9]+/).filter(function (w) { return w.length > 0; });
  }

  function stem(w) {
    var n = w.length;
    if (lang === "fr") {
      if (n > 4 && /aux$/.test(w)) { return w.slice(0, n - 3) + "al"; }
      if (n > 3 && (w[n - 1] === "s" || w[n - 1] === "x")) { w = w.slice(0, n - 1); n--; }
      if (n > 4 && w[n - 1] === "e") { w = w.slice(0, n - 1); }
      return w;
    }
    if (lang === "nl") {
      if (n > 5 && /en$/.test(w)) { w = w.slice(0, n - 2); } else if (n > 4 && w[n - 1] === "s") { w = w.slice(0, n - 1); }
      n = w.length;
      if (n > 4 && w[n - 1] === w[n - 2] && "aeiou".indexOf(w[n - 1]) < 0) { w = w.slice(0, n - 1); }
    }
    return w;
  }

  // Words a query can leave out, in both languages (readers of one often type the other):
  // they say nothing about what is searched ("impact vs résultat", "wat is een indicator").
  // The list comes with the index (search.StopWords in Go), which leaves them out too.
  var stopWords = " ";

  function queryWords(q) {
    var ws = words(q);
    var kept = ws.filter(function (w) { return w.length > 1 && stopWords.indexOf(" " + w + " ") < 0; });
    return kept.length ? kept : ws;
  }

  // ---- The index ----------------------------------------------------------------------------

  // The index comes in parts (internal/search.Split), each a script so that it also loads from
  // file://: search-index.js holds the titles and headings, which give first results; then
  // search-text-N.js, each the text stems of a few pages, all loaded at once, each read in a
  // short task; and search-snippets-N.js, the snippets of a few pages, loaded only for the
  // results shown. load calls done once the titles are read, or, with full, once every text
  // is read too (or could not be loaded).
  var complete = false, waitingFull = [], onComplete = [], onText = [];
  var parts = window.VISES_SEARCH_PARTS = window.VISES_SEARCH_PARTS || {};
  var snippetAt = [], snippetWaiting = {};

  // script loads the part of the index named file (beside search-index.js) and calls done
  // after it has run, or failed to load.
  function script(file, done) {
    var s = document.createElement("script");
    s.src = form.getAttribute("data-index").replace(/search-index\.js$/, file);
    s.onload = done;
    s.onerror = done;
    document.head.appendChild(s);
  }

  function load(done, full) {
    if (full ? complete : index) { done(); return; }
    (full ? waitingFull : waiting).push(done);
    if (waiting.length + waitingFull.length > 1 || index) { return; }
    function ready() {
      var data = window.VISES_SEARCH;
      var titles = {}; // the words of each title, folded once for the sections of a page
      index = data.docs.map(function (d, i) {
        // A page's own words: its title, and the last segment of its address, which authors
        // choose ("energiecooperatie" for the energy cooperative's case).
        var tw = titles[d.t] || (titles[d.t] = words(d.t));
        var own = tw.concat(d.h ? [] : words(d.u.replace(/\/(#.*)?$/, "").replace(/^.*\//, "")));
        return { d: d, n: i, x: " " + d.x + " ", y: " " + (d.y || "") + " ", z: " " + (d.z || "") + " ", title: " " + tw.join(" ") + " ",
          own: " " + own.map(stem).join(" ") + " " };
      });
      index.kinds = data.kinds;
      stems = [" " + index.map(function (doc) { return doc.x + doc.y + doc.z; }).join(" ") + " "];
      stopWords = " " + (data.stop || "") + " ";
      snippetAt = data.snippets || [];
      textAt = data.texts || []; // none: an index in one script, texts within
      requestTexts(textAt.length);
      // The first results are drawn in a task of their own, after the index is read.
      setTimeout(function () {
        var w = waiting;
        waiting = [];
        w.forEach(function (f) { f(); });
        readTexts();
      }, 0);
    }
    if (window.VISES_SEARCH) { ready(); return; }
    // The results page names the index in a script of its own, loaded with the page.
    var tag = document.getElementById("search-index-script");
    if (tag) { tag.addEventListener("load", function () { if (!index) { ready(); } }); return; }
    script("search-index.js", ready);
  }

  // The text parts: textAt, the first document of each (from the index); textParts, for each
  // part asked for, whether it has run (or failed to load); textRead, whether its texts are
  // in the index.
  var textAt = [], textParts = [], textRead = [];

  // requestTexts asks for the first n text parts not asked for yet: once the titles are read,
  // or at once on the results page, which knows their number.
  function requestTexts(n) {
    for (var k = textParts.length; k < n; k++) {
      textParts.push(false);
      (function (k) {
        script("search-text-" + k + ".js", function () { textParts[k] = true; if (index) { readTexts(); } });
      })(k);
    }
  }

  // readTexts puts the texts of the parts that have run into the index; once every part is
  // read, the index is complete.
  function readTexts() {
    var fresh = false, all = true;
    textAt.forEach(function (from, k) {
      if (!textParts[k]) { all = false; return; }
      if (textRead[k]) { return; }
      textRead[k] = fresh = true;
      var zs = parts["t" + k] || [];
      zs.forEach(function (z, j) { if (index[from + j]) { index[from + j].z = " " + z + " "; } });
      stems.push(" " + zs.join(" ") + " ");
      vocab = null;
    });
    if (complete) { return; }
    if (!all) {
      if (fresh) { onText.forEach(function (f) { f(); }); }
      return;
    }
    complete = true;
    var w = waitingFull;
    waitingFull = [];
    w.forEach(function (f) { f(); });
    onComplete.forEach(function (f) { f(); });
  }

  // snippets calls done once the snippets of the results rs are read (or could not be loaded):
  // at once when they are, else after their parts have run.
  function snippets(rs, done) {
    var need = {}, left = 0;
    rs.forEach(function (r) {
      if (r.doc.s !== undefined || !snippetAt.length) { return; }
      var k = 0;
      while (k + 1 < snippetAt.length && snippetAt[k + 1] <= r.n) { k++; }
      if (!need[k]) { need[k] = true; left++; }
    });
    if (!left) { done(); return; }
    Object.keys(need).forEach(function (k) {
      if (snippetWaiting[k]) { snippetWaiting[k].push(arrived); return; }
      snippetWaiting[k] = [arrived];
      script("search-snippets-" + k + ".js", function () {
        (parts["s" + k] || []).forEach(function (s, j) {
          if (index[snippetAt[k] + j]) { index[snippetAt[k] + j].d.s = s; }
        });
        // A part that could not be loaded leaves its results without snippet.
        for (var i = snippetAt[k]; i < (snippetAt[+k + 1] || index.length); i++) {
          if (index[i].d.s === undefined) { index[i].d.s = ""; }
        }
        var w = snippetWaiting[k];
        snippetWaiting[k] = null;
        w.forEach(function (f) { f(); });
      });
    });
    function arrived() { if (--left === 0) { done(); } }
  }

  // score returns how well a document matches the query terms, as [number of terms found,
  // score], or null when it holds none. A title that is the query, or holds it as a phrase,
  // comes first.
  function score(doc, terms, phrase, define) {
    var total = 0, found = 0;
    for (var i = 0; i < terms.length; i++) {
      var best = 0;
      for (var j = 0; j < terms[i].alts.length; j++) {
        var a = terms[i].alts[j];
        // The page's own title (not the words indexed with it) weighs most.
        var t = (field(doc.own, a.s, a.prefix) * 8 + field(doc.x, a.s, a.prefix) * 10 + field(doc.y, a.s, a.prefix) * 5 + field(doc.z, a.s, a.prefix)) * a.weight;
        if (t > best) { best = t; }
      }
      if (best > 0) { found++; total += best; }
    }
    if (!found) { return null; }
    if (define && doc.d.k === "term") { total *= 1.5; } // "c'est quoi un indicateur ?"
    if (!doc.d.h) { total += 0.5; } // the start of a page before its sections
    if (doc.title === " " + phrase + " ") {
      total += 30;
    } else if (doc.title.indexOf(" " + phrase + " ") >= 0) {
      total += 15;
    }
    return [found, total];
  }

  // field: 1 when the field holds the stem, 0.8 for a word starting with the prefix being
  // typed, 0.6 for a word starting with the stem, and in Dutch 0.5 for a compound holding
  // it ("enquête" in "tevredenheidsenquête").
  function field(text, s, prefix) {
    if (text.indexOf(" " + s + " ") >= 0) { return 1; }
    if (prefix && prefix.length >= 2 && text.indexOf(" " + prefix) >= 0) { return 0.8; }
    if (s.length >= 4 && text.indexOf(" " + s) >= 0) { return 0.6; }
    if (lang === "nl" && s.length >= 5 && text.indexOf(s) >= 0) { return 0.5; }
    return 0;
  }

  // ---- Typos and compounds: the words of the index ------------------------------------------

  // stems holds the words of the index read so far, separated by spaces, in a few strings:
  // those of the titles and headings (and texts in an index of one script), then those of each
  // text part; vocab, the same words as the keys of an object, is made from the index when a
  // typo is looked for.
  var stems = [], vocab = null;
  function vocabulary() {
    if (vocab) { return vocab; }
    vocab = {};
    index.forEach(function (doc) {
      (doc.x + doc.y + doc.z).split(" ").forEach(function (w) { if (w) { vocab[w] = true; } });
    });
    return vocab;
  }

  // within returns whether a and b are at most max edits apart (letters inserted, deleted,
  // replaced or two neighbours swapped).
  function within(a, b, max) {
    if (Math.abs(a.length - b.length) > max) { return false; }
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) { prev.push(j); }
    for (i = 1; i <= a.length; i++) {
      var cur = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var c = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { c = Math.min(c, prev2[j - 2] + 1); }
        cur.push(c);
        if (c < low) { low = c; }
      }
      if (low > max) { return false; }
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length] <= max;
  }

  // known says whether some word of the index is the stem s or starts with it.
  function known(s) {
    return stems.some(function (t) { return t.indexOf(" " + s) >= 0; });
  }

  // terms turns the words of a query into terms: each the word's stem (the last word also as
  // a prefix while typing), and, for a word of 5 letters or more that the index does not hold,
  // the words of the index one typo away. A Dutch compound the index does not hold becomes
  // its parts ("impactmeting": "impact" and "meting").
  function terms(ws) {
    var out = [];
    ws.forEach(function (w, i) {
      var s = stem(w);
      var t = { alts: [{ s: s, weight: 1, prefix: i === ws.length - 1 ? w : null }] };
      if (w.length < 5 || known(s)) { out.push(t); return; }
      if (lang === "nl") {
        for (var k = w.length - 4; k >= 4; k--) {
          var head = w.slice(0, k), tail = w.slice(w[k] === "s" && !known(stem(w.slice(k))) ? k + 1 : k);
          if (known(head) && tail.length >= 4 && known(stem(tail))) {
            out.push({ alts: [{ s: head, weight: 1, prefix: null }] }, { alts: [{ s: stem(tail), weight: 1, prefix: null }] });
            return;
          }
        }
      }
      for (var v in vocabulary()) {
        if (v.length >= 4 && within(s, v, 1)) { t.alts.push({ s: v, weight: 0.7, prefix: null }); }
      }
      out.push(t);
    });
    return out;
  }

  // query returns the documents that hold some of the query's words: first those that hold
  // them all, then those that hold fewer, each group by score.
  function query(q) {
    var ws = queryWords(q);
    if (!ws.length || !index) { return []; }
    var ts = terms(ws);
    var phrase = words(q).join(" ");
    var define = / (quoi|definition|definir|signifie|veut|wat|betekent|betekenis|definitie) /.test(" " + words(q).join(" ") + " ");
    var out = [];
    index.forEach(function (doc) {
      var sc = score(doc, ts, phrase, define);
      if (sc) { out.push({ doc: doc.d, n: doc.n, found: sc[0], score: sc[1], of: ts.length }); }
    });
    var order = function (a, b) { return b.found - a.found || b.score - a.score || a.doc.t.length - b.doc.t.length || (a.doc.u < b.doc.u ? -1 : 1); };
    out.sort(order);
    // Sections of a page already listed twice give way to other pages.
    var per = {};
    out.forEach(function (r) {
      var page = r.doc.u.split("#")[0];
      per[page] = (per[page] || 0) + 1;
      if (per[page] > 2) { r.score /= 2; }
    });
    out.sort(order);
    return out;
  }

  // suggestions returns up to six documents whose title has a word close to a word of the
  // query (two typos at most, or the same first five letters), glossary terms first: what a
  // search without result offers instead of unrelated pages.
  function suggestions(q) {
    var ws = queryWords(q).filter(function (w) { return w.length >= 4; });
    var out = [], seen = {};
    index.forEach(function (doc) {
      if (seen[doc.d.t]) { return; }
      var best = 9;
      words(doc.d.t).forEach(function (tw) {
        ws.forEach(function (w) {
          if (tw.length < 4) { return; }
          if (within(w, tw, 1)) { best = Math.min(best, 1); } else if (within(w, tw, 2)) { best = Math.min(best, 2); } else if (w.slice(0, 5) === tw.slice(0, 5) && w.length >= 5) { best = Math.min(best, 3); }
        });
      });
      if (best < 9) { seen[doc.d.t] = true; out.push({ doc: doc.d, rank: best - (doc.d.k === "term" ? 0.5 : 0) + (doc.d.h ? 0.2 : 0) }); }
    });
    out.sort(function (a, b) { return a.rank - b.rank || a.doc.t.length - b.doc.t.length; });
    return out.slice(0, 6).map(function (r) { return r.doc; });
  }

  function href(u) {
    var h = root + u;
    if (offline) { h = h.replace(/\/(#|$)/, "/index.html$1"); }
    return h;
  }

  // ---- Drawing results ----------------------------------------------------------------------

  // highlight appends text to node, marking the words that match the query (the words only:
  // not the punctuation around them).
  // The text between marks is one text node; a word of ASCII letters is lowered without the
  // (slower) accent folding, which would give the same word.
  function highlight(node, text, stems, last) {
    var plain = "";
    text.split(/([^\p{L}\p{M}\p{N}]+)/u).forEach(function (part, i) {
      if (!part) { return; }
      var w = i % 2 ? "" : /^[A-Za-z0-9]+$/.test(part) ? part.toLowerCase() : words(part)[0];
      var s = w && stem(w);
      if (w && stems.some(function (t) { return s === t || w.indexOf(last) === 0; })) {
        if (plain) { node.appendChild(document.createTextNode(plain)); plain = ""; }
        node.appendChild(el("mark", { text: part }));
      } else {
        plain += part;
      }
    });
    if (plain) { node.appendChild(document.createTextNode(plain)); }
  }

  function resultNode(r, q, id) {
    var ws = queryWords(q);
    var stems = ws.map(stem);
    var last = ws[ws.length - 1] || "";
    // In the combobox, an option is not a link (no control inside another); it goes to its
    // page on Enter or a click. On the results page, results are plain links.
    var li = id ? el("li", { id: id, role: "option", "aria-selected": "false", "data-href": href(r.doc.u) }) : el("li");
    if (id) {
      li.addEventListener("click", function () { window.location.href = li.getAttribute("data-href"); });
    }
    var title = el("strong");
    highlight(title, r.doc.t, stems, last);
    var a = el(id ? "span" : "a", id ? { "class": "search-option" } : { href: href(r.doc.u) },
      [el("span", { "class": "search-kind", text: index.kinds[r.doc.k] || r.doc.k }), " ", title]);
    if (r.doc.h) {
      var h = el("span", { "class": "search-heading" });
      highlight(h, " › " + r.doc.h, stems, last);
      a.appendChild(h);
    }
    if (r.doc.s) {
      var p = el("span", { "class": "search-snippet" });
      highlight(p, r.doc.s, stems, last);
      a.appendChild(p);
    }
    li.appendChild(a);
    return li;
  }

  function countText(n) {
    return window.vises.countText(n, ui.none, ui.count1, ui.countN);
  }

  function update() {
    var q = input.value;
    if (!words(q).length) { close(); return; }
    load(function () {
      if (q !== input.value) { return; } // the reader typed on: a later call draws the list
      var results = query(q);
      if (!results.length && !complete) { load(update, true); return; } // "no result" only once the texts are read
      shown = results.slice(0, 8);
      list.textContent = "";
      shown.forEach(function (r, i) { list.appendChild(resultNode(r, q, "search-opt-" + i)); });
      status.textContent = countText(results.length);
      status.setAttribute("data-q", q);
      popup.hidden = false;
      input.setAttribute("aria-expanded", shown.length ? "true" : "false");
      setActive(-1);
      // The snippets of these results are drawn once their parts are read.
      if (shown.some(function (r) { return r.doc.s === undefined; })) {
        snippets(shown, function () { if (q === input.value && !popup.hidden && active < 0) { update(); } });
      }
    });
  }

  // When the texts arrive, the open list is drawn again with them (unless the reader is
  // moving through it).
  onComplete.push(function () { if (!popup.hidden && active < 0 && words(input.value).length) { update(); } });

  function setActive(i) {
    active = i;
    var opts = list.querySelectorAll("[role=option]");
    opts.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
    if (i >= 0 && opts[i]) {
      input.setAttribute("aria-activedescendant", opts[i].id);
      opts[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    popup.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    var n = list.querySelectorAll("[role=option]").length;
    if (e.key === "ArrowDown" && n) {
      e.preventDefault();
      if (popup.hidden) { popup.hidden = false; input.setAttribute("aria-expanded", "true"); }
      setActive((active + 1) % n);
    } else if (e.key === "ArrowUp" && n) {
      e.preventDefault();
      setActive(active <= 0 ? n - 1 : active - 1);
    } else if (e.key === "Enter" && active >= 0 && !popup.hidden) {
      e.preventDefault();
      window.location.href = list.querySelectorAll("[role=option]")[active].getAttribute("data-href");
    } else if (e.key === "Escape") {
      if (!popup.hidden) { close(); } else { input.value = ""; }
    }
  });
  // Submitting while an option is active opens it (some input methods submit on Enter even
  // when the keydown was handled); otherwise the form goes to the results page.
  form.addEventListener("submit", function (e) {
    var opts = list.querySelectorAll("[role=option]");
    if (active >= 0 && !popup.hidden && opts[active]) {
      e.preventDefault();
      window.location.href = opts[active].getAttribute("data-href");
    }
  });
  list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep the focus
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) { close(); } });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
    }
  });

  // ---- The results page -------------------------------------------------------------------

  // While results are awaited, the static index of terms below is hidden and the results
  // region keeps the height of a screen, so that nothing jumps when they arrive. First results
  // come from the titles and headings, with the snippets of the first screen; they are drawn
  // again, in new nodes (nothing moves), once every text is read. The list is drawn five
  // results (a phone's screen) first, then ten at a time, each group once its snippets are
  // read and the end of the list comes near the screen, so that no task is long and no more
  // is drawn than is read. A search without result offers the pages whose titles are closest
  // to the words typed, and shows the index of terms again.
  var page = document.getElementById("search-results");
  if (page) {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    var staticIndex = document.querySelector(".search-index");
    var drawn = 0; // the drawing under way: a later one stops the earlier
    var first = 5; // the results of a phone's first screen, drawn first
    input.value = q;
    if (words(q).length) {
      requestTexts(+page.getAttribute("data-texts") || 0); // while the titles load
      if (staticIndex) { staticIndex.hidden = true; }
      page.classList.add("search-active");
      var show = function (final) {
        var results = query(q);
        if (!results.length && !final) { return; } // say "no result" only once the texts are read
        var my = ++drawn;
        snippets(results.slice(0, first), function () { if (my === drawn) { draw(results, my); } });
      };
      var draw = function (results, my) {
        page.textContent = "";
        page.setAttribute("data-drawn", complete ? "full" : "titles");
        page.appendChild(el("h2", { text: countText(results.length) }));
        if (results.length && results[0].found < results[0].of) {
          page.appendChild(el("p", { "class": "search-partial", text: page.getAttribute("data-partial") || "" }));
        }
        if (!results.length) {
          var near = suggestions(q);
          if (near.length) {
            page.appendChild(el("p", { "class": "search-suggest", text: page.getAttribute("data-suggest") || "" }));
            page.appendChild(el("ul", { "class": "search-suggestions" }, near.map(function (d) {
              return el("li", null, [el("a", { href: href(d.u), text: d.t + (d.h ? " › " + d.h : "") })]);
            })));
          }
          if (staticIndex) { staticIndex.hidden = false; }
          page.classList.remove("search-active");
          return;
        }
        var ol = el("ol", { "class": "search-results-list" });
        page.appendChild(ol);
        var at = 0;
        // The next group is drawn when the end of the list comes within a screen of view
        // (at once without IntersectionObserver).
        var near = window.IntersectionObserver && new IntersectionObserver(function (es) {
          if (es.some(function (e) { return e.isIntersecting; })) { near.disconnect(); more(); }
        }, { rootMargin: "0px 0px 100% 0px" });
        var more = function () {
          var group = results.slice(at, at + (at ? 10 : first));
          if (!group.length || my !== drawn) { return; }
          snippets(group, function () {
            if (my !== drawn) { return; }
            group.forEach(function (r) { ol.appendChild(resultNode(r, q, null)); });
            at += group.length;
            if (at >= results.length) {
              ol.setAttribute("data-complete", "");
            } else if (near) {
              near.observe(ol.lastChild);
            } else {
              setTimeout(more, 0);
            }
          });
        };
        more();
      };
      // As the texts arrive, the snippets of the first results as they stand are read ahead:
      // those of the final list are then read already, most of the time.
      onText.push(function () { snippets(query(q).slice(0, first), function () {}); });
      load(function () { if (!complete) { show(false); } });
      load(function () { show(true); }, true);
    }
  }

  window.visesSearch = {
    query: function (q, done) { load(function () { done(query(q).map(function (r) { return r.doc.u; })); }, true); },
    suggestions: function (q, done) { load(function () { done(suggestions(q).map(function (d) { return d.u; })); }, true); },
    stem: stem,
    normalize: normalize
  };
})();
