// Search in the kit, in the browser: the index of the page's language (search-index.js, a
// script file so that it also loads from file://) is loaded the first time the search box is
// used. Words are matched without case or accents, on light French and Dutch stems (the same
// rules as internal/search), the last word as a prefix while typing. Results rank titles
// first, then headings, then text. The box is a combobox: arrow keys move through the results,
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

  // Words a query can leave out: they say nothing about what is searched.
  var stopWords = {
    fr: " a au aux d de des du en et l la le les pour par sur un une dans ",
    nl: " de het een en van in op te voor met of is "
  };

  function queryWords(q) {
    var ws = words(q);
    var stop = stopWords[lang] || "";
    var kept = ws.filter(function (w) { return w.length > 1 && stop.indexOf(" " + w + " ") < 0; });
    return kept.length ? kept : ws;
  }

  // ---- The index ----------------------------------------------------------------------------

  function load(done) {
    if (index) { done(); return; }
    waiting.push(done);
    if (waiting.length > 1) { return; }
    function ready() {
      var data = window.VISES_SEARCH;
      index = data.docs.map(function (d) {
        return { d: d, x: " " + d.x + " ", y: " " + (d.y || "") + " ", z: " " + d.z + " ", title: " " + words(d.t).join(" ") + " " };
      });
      index.kinds = data.kinds;
      waiting.forEach(function (f) { f(); });
      waiting = [];
    }
    if (window.VISES_SEARCH) { ready(); return; }
    var s = document.createElement("script");
    s.src = form.getAttribute("data-index");
    s.onload = ready;
    document.head.appendChild(s);
  }

  // score returns how well a document matches the query stems (the last one as a prefix), or 0.
  // A title that is the query, or holds it as a phrase, comes first.
  function score(doc, stems, last, phrase) {
    var total = 0;
    for (var i = 0; i < stems.length; i++) {
      var s = stems[i];
      var prefix = i === stems.length - 1 ? last : null;
      var t = field(doc.x, s, prefix) * 10 + field(doc.y, s, prefix) * 5 + field(doc.z, s, prefix);
      if (t === 0) { return 0; }
      total += t;
    }
    if (!doc.d.h) { total += 0.5; } // the start of a page before its sections
    if (doc.title === " " + phrase + " ") {
      total += 30;
    } else if (doc.title.indexOf(" " + phrase + " ") >= 0) {
      total += 15;
    }
    return total;
  }

  // field: 1 when the field holds the stem, or a word starting with the prefix being typed.
  function field(text, s, prefix) {
    if (text.indexOf(" " + s + " ") >= 0) { return 1; }
    if (prefix && prefix.length >= 2 && text.indexOf(" " + prefix) >= 0) { return 0.8; }
    if (text.indexOf(" " + s) >= 0 && s.length >= 4) { return 0.6; }
    return 0;
  }

  function query(q) {
    var ws = queryWords(q);
    if (!ws.length || !index) { return []; }
    var stems = ws.map(stem);
    var last = ws[ws.length - 1];
    var phrase = words(q).join(" ");
    var out = [];
    index.forEach(function (doc) {
      var sc = score(doc, stems, last, phrase);
      if (sc > 0) { out.push({ doc: doc.d, score: sc }); }
    });
    out.sort(function (a, b) { return b.score - a.score || a.doc.t.length - b.doc.t.length || (a.doc.u < b.doc.u ? -1 : 1); });
    return out;
  }

  function href(u) {
    var h = root + u;
    if (offline) { h = h.replace(/\/(#|$)/, "/index.html$1"); }
    return h;
  }

  // ---- Drawing results ----------------------------------------------------------------------

  // highlight appends text to node, marking the words that match the query.
  function highlight(node, text, stems, last) {
    text.split(/(\s+)/).forEach(function (part) {
      var w = words(part)[0];
      var hit = w && stems.some(function (s) { return stem(w) === s || w.indexOf(last) === 0; });
      node.appendChild(hit ? el("mark", { text: part }) : document.createTextNode(part));
    });
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
      shown = results.slice(0, 8);
      list.textContent = "";
      shown.forEach(function (r, i) { list.appendChild(resultNode(r, q, "search-opt-" + i)); });
      status.textContent = countText(results.length);
      status.setAttribute("data-q", q);
      popup.hidden = false;
      input.setAttribute("aria-expanded", shown.length ? "true" : "false");
      setActive(-1);
    });
  }

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

  var page = document.getElementById("search-results");
  if (page) {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    if (words(q).length) {
      load(function () {
        var results = query(q);
        page.appendChild(el("h2", { text: countText(results.length) }));
        page.appendChild(el("ol", { "class": "search-results-list" }, results.map(function (r) { return resultNode(r, q, null); })));
      });
    }
  }

  window.visesSearch = {
    query: function (q, done) { load(function () { done(query(q).map(function (r) { return r.doc.u; })); }); },
    stem: stem,
    normalize: normalize
  };
})();
