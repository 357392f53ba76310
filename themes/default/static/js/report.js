// The impact report of Mon évaluation / Mijn evaluatie (docs/evaluation.md). It defines
// window.vises.report (the key and the check of the report's texts, which the dossier reads)
// and, on the report page, assembles the report from what the structure saved in this browser,
// in the page's language: the worksheets' answers, the chosen indicators with their values and
// charts, the radars of the self-assessments, and the texts the structure writes, saved on every
// change. It prints on A4 with its own cover (report.css) and saves as one HTML file that opens
// anywhere. Nothing leaves the browser. The helpers come from common.js (window.vises) and the
// radar from radar.js.
(function () {
  "use strict";

  var V = window.vises, fill = V.format, storage = V.storage, el = V.el;
  var KEY = "vises.report", FORMAT = "vises-report", VERSION = 1;

  var E = window.VISES_EVALUATION || null;
  // ui returns the page's string id (evaluation-data.js), or id itself where the page has none,
  // so that a refusal is never an empty message.
  function ui(id) {
    var e = window.VISES_EVALUATION;
    return (e && e.ui && e.ui[id]) || id;
  }

  // check returns "" when rec is a record of the report's texts this version can read, or a
  // message saying why not: msg(code) for code "damaged" or "newer" (a later version); by
  // default the report page's sentences (the dossier gives its own).
  function check(rec, msg) {
    msg = msg || function (code) { return ui(code === "damaged" ? "report.badfile" : "report.newer"); };
    if (!rec || typeof rec !== "object" || Array.isArray(rec) || rec.format !== FORMAT || typeof rec.version !== "number") { return msg("damaged", {}); }
    if (rec.version > VERSION) { return msg("newer", {}); }
    if (!rec.fields || typeof rec.fields !== "object" || Array.isArray(rec.fields)) { return msg("damaged", {}); }
    for (var k in rec.fields) {
      if (Object.prototype.hasOwnProperty.call(rec.fields, k) && typeof rec.fields[k] !== "string") { return msg("damaged", {}); }
    }
    return "";
  }

  V.report = { KEY: KEY, check: check };

  var root = document.getElementById("report");
  if (!root || !E) { return; }

  var lang = E.lang || document.documentElement.lang || "fr";
  var locale = lang === "nl" ? "nl-BE" : "fr-FR";
  var tools = root.querySelector(".report-tools");
  var message = root.querySelector(".report-message");
  var status = root.querySelector(".report-status");
  function say(text) { message.textContent = text || ""; }
  function addr(rel) {
    try { return new URL(rel, E.base || document.baseURI).href; } catch (e) { return rel; }
  }
  function fmtDate(iso, withTime) {
    try {
      return new Date(iso).toLocaleString(locale, withTime ? { dateStyle: "long", timeStyle: "short" } : { dateStyle: "long" });
    } catch (e) { return iso; }
  }
  function num(v) {
    return typeof v === "number" && isFinite(v) ? v.toLocaleString(locale, { maximumFractionDigits: 2 }) : "–";
  }
  // linked returns a paragraph of template where {key} is the link a (the rest is text).
  function linked(cls, template, key, a, vals) {
    var parts = fill(template, vals || {}).split("{" + key + "}");
    var p = el("p", { "class": cls }, [parts[0]]);
    for (var i = 1; i < parts.length; i++) { p.appendChild(a.cloneNode(true)); p.appendChild(document.createTextNode(parts[i])); }
    return p;
  }
  function read(key) {
    var raw = storage.get(key);
    if (!raw) { return null; }
    try { return JSON.parse(raw); } catch (e) { return null; }
  }

  // ---- Worksheets ---------------------------------------------------------------------------

  var sheets = {};
  (E.worksheets || []).forEach(function (w) { sheets[w.id] = w; });

  // respondents returns the respondents of worksheet id's saved record ({name, answers}), an
  // empty list when there is none or it cannot be read (the worksheet's page sets it aside).
  function respondents(id) {
    var rec = read("vises.worksheet." + id);
    if (!rec || rec.format !== "vises-worksheet" || !Array.isArray(rec.respondents)) { return []; }
    return rec.respondents.filter(function (r) { return r && r.answers && typeof r.answers === "object"; });
  }
  function who(r, i) { return (r.name || "").trim() || root.getAttribute(i === 0 ? "data-respondent-a" : "data-respondent-b"); }

  // answered says whether answers hold an answer to item it (a table: one of its cells filled).
  var answered = V.worksheets.answered;
  function label(list, value) {
    for (var i = 0; i < (list || []).length; i++) { if (list[i].value === value) { return list[i].label; } }
    return value;
  }
  // answerNode draws the answer to item it readably: a scale point or a choice by its label, a
  // list of choices as a list, a text with its line breaks, a table as a table.
  function answerNode(it, answers, caption) {
    var v = answers[it.id];
    switch (it.kind) {
    case "scale":
      return el("p", { "class": "report-answer", text: v === "na" ? root.getAttribute("data-na") || "–" : v + " · " + label(it.points, v) });
    case "choice":
      return el("p", { "class": "report-answer", text: label(it.options, v) });
    case "multi":
    case "checklist":
      return el("ul", { "class": "report-answer report-list" }, v.map(function (x) { return el("li", { text: label(it.options, x) }); }));
    case "table":
      // The rows and columns that hold something: an empty column says nothing to a reader.
      var cell = function (r, c) { var x = answers[it.id + "." + r + "." + c.id]; return x === undefined || x === null ? "" : String(x).trim(); };
      var rows = (it.rows || []).filter(function (r) { return (it.columns || []).some(function (c) { return cell(r, c) !== ""; }); });
      var cols = (it.columns || []).filter(function (c) { return rows.some(function (r) { return cell(r, c) !== ""; }); });
      var table = el("table", { "class": "report-table" }, [
        caption ? el("caption", { text: caption }) : null,
        el("thead", null, [el("tr", null, cols.map(function (c) { return el("th", { scope: "col", text: c.label }); }))]),
        el("tbody", null, rows.map(function (r) {
          return el("tr", null, cols.map(function (c) { return el("td", { text: cell(r, c) }); }));
        }))
      ]);
      return el("div", { "class": "report-table-wrap", tabindex: "0", role: "region", "aria-label": caption || it.label }, [table]);
    default:
      return el("p", { "class": "report-answer report-prose", text: String(v) });
    }
  }

  function partTitle(box) { return box.closest(".report-part").querySelector("h2").textContent; }

  function sheetLink(w) { return el("a", { href: addr(w.url), text: w.title }); }

  // showWorksheet draws the answers of worksheet show.worksheet (of one section when
  // show.section is set), each question with the answers of one or both respondents, and says
  // whether there were any (first: the worksheet is named above them).
  function showWorksheet(box, show, first) {
    var w = sheets[show.worksheet];
    if (!w) { return false; }
    var secs = w.sections.filter(function (s) { return !show.section || s.id === show.section; });
    var rs = respondents(w.id);
    var any = false;
    var out = el("div", { "class": "report-ws", "data-worksheet": w.id });
    if (first) { out.appendChild(linked("report-from", ui("report.from"), "title", sheetLink(w), {})); }
    secs.forEach(function (s) {
      var who2 = rs.map(function (r, i) { return { r: r, i: i }; }).filter(function (x) {
        return s.items.some(function (it) { return answered(it, x.r.answers); });
      });
      if (!who2.length) { return; }
      any = true;
      var same = V.fold(s.title) === V.fold(partTitle(box));
      var sec = el("div", { "class": "report-section" }, [same ? null : el("h3", { text: s.title })]);
      s.items.forEach(function (it) {
        var by = who2.filter(function (x) { return answered(it, x.r.answers); });
        if (!by.length) { return; }
        var item = el("div", { "class": "report-item report-item-" + it.kind }, [el("p", { "class": "report-q", text: it.label })]);
        by.forEach(function (x) {
          var name = who2.length > 1 ? fill(ui("report.by"), { name: who(x.r, x.i) }) : "";
          if (it.kind === "table") {
            item.appendChild(answerNode(it, x.r.answers, name));
          } else {
            var a = el("div", { "class": "report-a" }, [name ? el("p", { "class": "report-who", text: name }) : null, answerNode(it, x.r.answers)]);
            item.appendChild(a);
          }
        });
        sec.appendChild(item);
      });
      out.appendChild(sec);
    });
    if (!any) {
      var s0 = show.section ? secs[0] : null;
      box.appendChild(s0 ?
        linked("report-todo", ui("report.todo.section"), "title", sheetLink(w), { section: s0.title }) :
        linked("report-todo", ui("report.todo.worksheet"), "title", sheetLink(w), {}));
      return false;
    }
    box.appendChild(out);
    return true;
  }

  // showRadar draws the radar of worksheet show.worksheet (its scored sections), with the
  // scores as a table beside it.
  var radars = 0;
  function showRadar(box, show) {
    var w = sheets[show.worksheet];
    if (!w || !V.radar) { return; }
    var secs = w.sections.filter(function (s) { return s.scored; });
    var series = respondents(w.id).map(function (r, i) {
      return {
        name: who(r, i),
        fractions: secs.map(function (s) {
          var items = s.items.filter(function (it) { return it.kind === "scale"; }).map(function (it) { return { id: it.id, max: it.max }; });
          var sc = V.radar.score(items, r.answers);
          return sc.pct === null ? null : sc.pct / 100;
        })
      };
    }).filter(function (s) { return s.fractions.some(function (f) { return f !== null; }); });
    if (!series.length) {
      box.appendChild(linked("report-todo", ui("report.todo.radar"), "title", sheetLink(w), {}));
      return;
    }
    radars++;
    var svg = V.radar.draw({ id: "report-radar-" + radars, title: root.getAttribute("data-radar-title") + " — " + w.title, axes: secs.map(function (s) { return s.title; }), series: series });
    var table = el("table", { "class": "report-table report-scores" }, [
      el("thead", null, [el("tr", null, [el("th", { scope: "col", text: ui("report.col.dimension") })].concat(series.map(function (s) { return el("th", { scope: "col", text: s.name }); })))]),
      el("tbody", null, secs.map(function (s, i) {
        return el("tr", null, [el("th", { scope: "row", text: s.title })].concat(series.map(function (se) {
          return el("td", { text: se.fractions[i] === null ? "–" : Math.round(se.fractions[i] * 100) + " %" });
        })));
      }))
    ]);
    box.appendChild(el("h3", { "class": "report-radar-title", text: w.title }));
    box.appendChild(el("figure", { "class": "report-radar ws-radar" }, [svg, table, el("figcaption", null, [linked("report-caption", ui("report.radar.caption"), "title", sheetLink(w), {})])]));
  }

  // ---- Indicators -----------------------------------------------------------------------------

  function pickerItems() {
    var byID = {};
    var P = window.VISES_PICKER;
    if (P && Array.isArray(P.items)) { P.items.forEach(function (it) { byID[it.id] = it; }); }
    return byID;
  }

  // chart returns the chart of values.js for indicator id, when values.js gives one.
  function chart(id, rec, name) {
    var vv = V.values;
    if (!vv || typeof vv.chart !== "function") { return null; }
    try {
      var c = vv.chart(rec, { id: "report-chart-" + id, name: name, lang: lang });
      if (c && c.nodeType) { return c; }
    } catch (e) { /* the table below carries the values anyway */ }
    return null;
  }

  function showIndicators(box) {
    var basket = read("vises.basket");
    var ids = basket && Array.isArray(basket.ids) ? basket.ids.filter(function (x) { return typeof x === "string"; }) : [];
    var catalogue = addr(E.pages.catalogue);
    if (!ids.length) {
      box.appendChild(linked("report-todo", ui("report.todo.basket"), "link", el("a", { href: catalogue, text: ui("report.link.catalogue") })));
      return;
    }
    var values = read("vises.values");
    var recs = values && values.format === "vises-values" && values.indicators && typeof values.indicators === "object" ? values.indicators : {};
    var items = pickerItems();
    ids.forEach(function (id) {
      var it = items[id] || {};
      var rec = recs[id] || null;
      var def = rec && rec.definition && typeof rec.definition === "object" ? rec.definition : {};
      var mine = def.lang === lang;
      var name = (mine && def.name) || it.name || def.name || id;
      var text = (mine && def.text) || it.def || def.text || "";
      var unit = (rec && rec.unit) || (mine && def.unit) || it.unit || "";
      var head = el("h3", null, [el("span", { "class": "report-code", text: id }), " ", it.url ? el("a", { href: new URL(it.url, catalogue).href, text: name }) : name]);
      var ind = el("div", { "class": "report-indicator", "data-indicator": id }, [head,
        text ? el("p", { "class": "report-def", text: text }) : null,
        unit ? el("p", { "class": "report-unit", text: fill(ui("report.unit"), { unit: unit }) }) : null]);
      var rows = [];
      function row(kind, p) {
        if (!p || typeof p !== "object") { return; }
        var period = String(p.period || "");
        rows.push(el("tr", { "class": kind ? "report-row-" + kind : null }, [
          el("th", { scope: "row", text: kind ? ui("report." + kind) + (period ? " · " + period : "") : period }),
          el("td", { "class": "report-num", text: num(p.value) }),
          el("td", { text: String(p.source || "") }), el("td", { text: String(p.by || "") }), el("td", { text: String(p.note || "") })
        ]));
      }
      if (rec) {
        row("baseline", rec.baseline);
        (Array.isArray(rec.periods) ? rec.periods : []).forEach(function (p) { row("", p); });
        row("target", rec.target);
      }
      var measured = rec && Array.isArray(rec.periods) && rec.periods.some(function (p) { return p && typeof p.value === "number"; });
      if (!measured) {
        ind.appendChild(linked("report-todo", ui("report.todo.values"), "link", el("a", { href: addr(E.pages.values), text: ui("report.link.values") })));
      } else {
        var c = chart(id, rec, name);
        if (c) { ind.appendChild(el("div", { "class": "report-chart" }, [c])); }
      }
      if (rows.length) {
        var cap = fill(ui("report.values.caption"), { name: name });
        ind.appendChild(el("div", { "class": "report-table-wrap", tabindex: "0", role: "region", "aria-label": cap }, [el("table", { "class": "report-table report-values" }, [
          el("caption", { text: cap }),
          el("thead", null, [el("tr", null, ["period", "value", "source", "by", "note"].map(function (k) { return el("th", { scope: "col", text: ui("report.col." + k) }); }))]),
          el("tbody", null, rows)
        ])]));
      }
      box.appendChild(ind);
    });
  }

  // ---- The texts the structure writes ---------------------------------------------------------

  var texts = { fields: {}, saved: null };
  var unsaved = false;

  function load() {
    var got = V.loadRecord(KEY, check);
    if (got.blocked) { say(ui("report.quota")); return; }
    if (got.rec) { texts = { fields: got.rec.fields, saved: got.rec.saved || null }; return; }
    if (got.aside === undefined) { return; } // nothing saved yet
    // The unreadable record is kept aside, never overwritten.
    if (got.aside) {
      say(ui("report.corrupt"));
    } else {
      unsaved = true;
      say(ui("report.corrupt") + " " + ui("report.quota"));
    }
  }

  function save() {
    var saved = new Date().toISOString();
    var ok = storage.set(KEY, JSON.stringify({ format: FORMAT, version: VERSION, fields: texts.fields, saved: saved }));
    if (ok) {
      texts.saved = saved;
      unsaved = false;
      if (message.textContent === ui("report.quota")) { say(""); }
    } else {
      unsaved = true;
      say(ui("report.quota"));
    }
    showStatus();
  }

  function showStatus() {
    // While the texts cannot be saved, the message says so (once) and the status says nothing.
    status.textContent = unsaved ? "" : (texts.saved ? fill(ui("report.status.saved"), { date: fmtDate(texts.saved, true) }) : ui("report.status.none"));
  }

  // mirror writes a text box's text beside it, which is what prints and what the saved file
  // holds (a printed text box would cut its text), and the cover's lines.
  function mirror(ta) {
    var box = ta.parentNode.querySelector(".report-text");
    if (!box) {
      box = el("div", { "class": "report-text", "aria-hidden": "true" });
      ta.parentNode.appendChild(box);
    }
    box.textContent = ta.value;
    ta.parentNode.classList.toggle("report-field-empty", ta.value.trim() === "");
    var cover = root.querySelector('[data-cover="' + ta.name + '"]');
    if (cover) { cover.textContent = ta.value.trim(); }
    if (ta.name === "structure") { printHead(); }
  }

  // printHead gives the printed pages their running head (report.css draws it in the page
  // margin from this attribute of the root element): the structure's name and the report's title.
  function printHead() {
    var name = (texts.fields.structure || "").trim();
    var title = root.querySelector(".report-cover-title").textContent;
    document.documentElement.setAttribute("data-report-head", name ? name + " · " + title : title);
  }

  // ---- Assembly -----------------------------------------------------------------------------

  function assemble() {
    radars = 0;
    root.querySelectorAll(".report-part").forEach(function (part) {
      var seen = {};
      part.querySelectorAll(".report-show").forEach(function (box) {
        box.textContent = "";
        var show = { kind: box.getAttribute("data-kind"), worksheet: box.getAttribute("data-worksheet"), section: box.getAttribute("data-section") };
        if (show.kind === "worksheet") {
          if (showWorksheet(box, show, !seen[show.worksheet])) { seen[show.worksheet] = true; }
        } else if (show.kind === "radar") {
          showRadar(box, show);
        } else if (show.kind === "indicators") {
          showIndicators(box);
        }
      });
      var filled = part.querySelector(".report-ws, .report-radar, .report-indicator .report-table, .report-field:not(.report-field-empty)");
      part.classList.toggle("report-part-filled", !!filled);
    });
    root.querySelector('[data-cover="date"]').textContent = fmtDate(new Date().toISOString());
  }

  // ---- The saved file -------------------------------------------------------------------------

  // The saved file's own style: it has no site around it and opens from anywhere.
  var FILE_CSS = [
    "body{font:11pt/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2327;max-width:48rem;margin:0 auto;padding:1.5rem}",
    "h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 1.5rem}h2{font-size:1.4rem;border-bottom:2px solid #0b5560;padding-bottom:.2rem;margin:2.2rem 0 .8rem;color:#0b5560}",
    "h3{font-size:1.1rem;margin:1.4rem 0 .4rem}a{color:#0b5560}",
    ".report-cover{border:2px solid #0b5560;padding:1.5rem;margin-bottom:2rem}.report-cover p{margin:.3rem 0}.report-cover-kit{color:#4b5a5f;text-transform:uppercase;letter-spacing:.05em;font-size:.85rem}",
    ".report-cover-title{font-size:1.9rem;font-weight:700;line-height:1.2;margin:.5rem 0 1rem!important}.report-cover-label{color:#4b5a5f;margin-right:.3rem}.report-cover-name .report-cover-value{font-size:1.3rem;font-weight:700}",
    ".report-cover-url{font-size:.85rem;color:#4b5a5f;margin-top:1rem!important}",
    ".report-from,.report-caption{color:#4b5a5f;font-size:.9rem}.report-q,.report-label{font-weight:600;margin:.8rem 0 .2rem;display:block}.report-who{font-style:italic;margin:.2rem 0}",
    ".report-answer{margin:.1rem 0 .5rem}.report-prose,.report-text{white-space:pre-line}.report-list{padding-left:1.3rem}",
    ".report-table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}.report-table th,.report-table td{border:1px solid #c9d3d6;padding:.3rem .45rem;text-align:left;vertical-align:top}",
    ".report-table thead th{background:#eef3f4}.report-table caption{text-align:left;font-weight:600;padding-bottom:.25rem}.report-num{text-align:right!important;white-space:nowrap}",
    ".report-code{font-family:ui-monospace,monospace;font-size:.85em;color:#4b5a5f}.report-def{margin:.2rem 0}.report-unit{color:#4b5a5f;font-size:.9rem;margin:.2rem 0}",
    ".report-radar{margin:1rem 0;text-align:center}.report-radar svg{width:100%;max-width:30rem;height:auto;font-size:13px}.report-radar .report-table{max-width:30rem;margin:.5rem auto}",
    ".report-chart svg{width:100%;max-width:28rem;height:auto}.report-scores td{white-space:nowrap}",
    "figure{margin:0}.report-indicator,.report-radar,.report-chart,tr{break-inside:avoid}h2,h3{break-after:avoid}",
    "@page{size:A4;margin:18mm 16mm}@media print{body{padding:0;max-width:none;font-size:10.5pt}.report-cover{border:0;min-height:240mm;display:flex;flex-direction:column;justify-content:center;break-after:page}a{color:inherit;text-decoration:none}}"
  ].join("\n");

  var SVG_STYLE = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "opacity", "font-size", "font-weight", "font-family", "font-style", "text-anchor", "dominant-baseline"];

  // fileHTML returns the report as one HTML document with no script: the cover and the parts
  // that hold something, the texts as text, the charts as inline SVG with their drawn style.
  function fileHTML() {
    var clone = root.cloneNode(true);
    // The SVG of the page take their style from the site's style sheets: write it on them.
    var from = root.querySelectorAll("svg, svg *"), to = clone.querySelectorAll("svg, svg *");
    for (var i = 0; i < from.length && i < to.length; i++) {
      var cs = window.getComputedStyle(from[i]), st = [];
      SVG_STYLE.forEach(function (p) { var v = cs.getPropertyValue(p); if (v) { st.push(p + ":" + v); } });
      to[i].setAttribute("style", st.join(";"));
      to[i].removeAttribute("class");
    }
    clone.querySelectorAll(".report-tools, .report-todo, .report-intro, .report-help, .report-label-same, textarea, .report-part-cover, .report-field-empty, .report-show:empty").forEach(function (n) { n.remove(); });
    clone.querySelectorAll(".report-field > label").forEach(function (l) {
      var h = el("h3", { "class": "report-label", text: l.textContent });
      l.parentNode.replaceChild(h, l);
    });
    clone.querySelectorAll("[aria-hidden]").forEach(function (n) { n.removeAttribute("aria-hidden"); });
    clone.querySelectorAll("[tabindex]").forEach(function (n) { n.removeAttribute("tabindex"); });
    clone.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", a.href); });
    clone.querySelectorAll(".report-part").forEach(function (p) {
      if (!p.querySelector(".report-show *, .report-field")) { p.remove(); }
    });
    clone.querySelectorAll(".report-cover-value").forEach(function (v) {
      if (!v.textContent.trim()) { v.parentNode.remove(); }
    });
    var name = (texts.fields.structure || "").trim();
    var title = document.querySelector("h1").textContent + (name ? " · " + name : "");
    return "<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      esc(title) + "</title>\n<style>\n" + FILE_CSS + "\n</style>\n</head>\n<body>\n<main>\n" + clone.innerHTML + "\n</main>\n</body>\n</html>\n";
  }
  function esc(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  function fileName() {
    var name = V.fold(texts.fields.structure || "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
    return (lang === "nl" ? "impactrapport" : "rapport-impact") + (name ? "-" + name : "") + "-" + new Date().toISOString().slice(0, 10) + ".html";
  }

  // ---- Start ----------------------------------------------------------------------------------

  load();
  root.querySelectorAll(".report-label").forEach(function (l) {
    // A field named as its part ("Résumé" in "Résumé") prints without its label.
    if (V.fold(l.textContent) === V.fold(l.closest(".report-part").querySelector("h2").textContent)) { l.classList.add("report-label-same"); }
  });
  root.querySelectorAll("textarea[name]").forEach(function (ta) {
    var v = texts.fields[ta.name];
    ta.value = typeof v === "string" ? v : "";
    mirror(ta);
    ta.addEventListener("input", function () {
      texts.fields[ta.name] = ta.value;
      mirror(ta);
      save();
      var part = ta.closest(".report-part");
      if (ta.value.trim()) { part.classList.add("report-part-filled"); }
    });
  });
  assemble();
  tools.querySelector(".report-print").addEventListener("click", function () { window.print(); });
  tools.querySelector(".report-save").addEventListener("click", function () {
    V.download(fileName(), fileHTML(), "text/html;charset=utf-8");
    say(ui("report.saved.file"));
  });
  // Another tab (a worksheet, the values page) may change the dossier: the report follows.
  window.addEventListener("storage", function (e) {
    if (e.key && e.key.indexOf("vises.") === 0 && e.key !== KEY) { assemble(); }
  });
  V.report.fileHTML = fileHTML;
  tools.hidden = false;
  document.body.classList.add("report-ready");
  showStatus();
})();
