// The journey page of Mon évaluation / Mijn evaluatie and the dossier (docs/evaluation.md). It
// reads what the structure saved in this browser (worksheets, the basket of indicators, the
// values, the report's texts), shows where it stands and the next thing to do, and marks each
// moment of the path with its state, in words. The dossier exports all of it as one file and
// imports it back: the whole file is checked before anything is written, a file that would
// replace work asks first, and a write the storage refuses puts back what was there. Nothing
// leaves the browser. Without this script the page is the readable path.
(function () {
  "use strict";

  var E = window.VISES_EVALUATION, V = window.vises;
  var app = document.getElementById("journey");
  var path = document.querySelector(".journey-path");
  if (!E || !V || !app || !path) { return; }
  var fill = V.format, storage = V.storage, el = V.el;

  var FORMAT = "vises-dossier";
  var VERSION = E.version || 1;
  var WS_PREFIX = "vises.worksheet.";
  var BASKET = "vises.basket";
  // The values and report pages define their keys and checks (values.js, report.js, loaded
  // before this script); the keys below are those of docs/evaluation.md.
  function helper(name) { return V[name] && typeof V[name].check === "function" ? V[name] : null; }
  var VALUES = helper("values") ? V.values.KEY : "vises.values";
  var REPORT = helper("report") ? V.report.KEY : "vises.report";

  // t returns the UI string id with {name}s filled in from vals.
  function t(id, vals) {
    var s = Object.prototype.hasOwnProperty.call(E.ui, id) ? E.ui[id] : id;
    return vals ? fill(s, vals) : s;
  }
  // tn returns the string of id for n things: id.zero, id.one or id.other.
  function tn(id, n, vals) {
    var v = { n: n };
    Object.keys(vals || {}).forEach(function (k) { v[k] = vals[k]; });
    return fill(n === 0 && E.ui[id + ".zero"] !== undefined ? E.ui[id + ".zero"] : (n === 1 ? E.ui[id + ".one"] : E.ui[id + ".other"]), v);
  }

  // ---- The worksheets and the pages the path links to --------------------------------------

  // norm returns the address u without fragment and without a final index.html, absolute.
  function norm(u, base) {
    try {
      return new URL(u, base || location.href).href.replace(/#.*$/, "").replace(/index\.html$/, "");
    } catch (e) {
      return "";
    }
  }
  var base = E.base || location.href;
  var sheets = {}, order = [];
  E.worksheets.forEach(function (w) {
    sheets[w.id] = { view: w, spec: V.worksheets.spec(w), url: norm(w.url, base) };
    order.push(w.id);
  });
  var pages = {
    basket: E.pages.catalogue ? norm(E.pages.catalogue, base) : "",
    values: E.pages.values ? norm(E.pages.values, base) : "",
    report: E.pages.report ? norm(E.pages.report, base) : ""
  };
  // thingOf returns what a link of the path leads to: "ws:ID" for a worksheet, "basket" for the
  // catalogue, "values", "report", or "" for a page whose progress the browser does not keep.
  function thingOf(href) {
    var u = norm(href);
    if (!u) { return ""; }
    for (var k in pages) { if (pages[k] && pages[k] === u) { return k; } }
    for (var i = 0; i < order.length; i++) { if (sheets[order[i]].url === u) { return "ws:" + order[i]; } }
    return "";
  }

  // ---- The records' checks -------------------------------------------------------------------

  function wsMsg(code, vals) { return t("dossier.ws." + code, vals); }
  function plain(o) { return !!o && typeof o === "object" && !Array.isArray(o); }

  function checkBasket(rec) {
    if (!plain(rec) || rec.v !== 1 || !Array.isArray(rec.ids) || !rec.ids.every(function (s) { return typeof s === "string"; })) { return t("dossier.damaged"); }
    return "";
  }
  // partMsg words what values.js and report.js find wrong in a part of a dossier, as a clause
  // that follows the part's name in dossier.bad.part (their own sentences speak of what this
  // browser keeps).
  function partMsg(code, vals) { return t(code === "indicator" ? "dossier.values.indicator" : (code === "newer" ? "dossier.ws.newer" : "dossier.damaged"), vals); }
  // checkValues and checkReport use the checks of values.js and report.js; while a page has
  // none, they check the record's kind, version and shape.
  function checkValues(rec) {
    if (helper("values")) { return V.values.check(rec, partMsg); }
    if (!plain(rec) || rec.format !== "vises-values" || typeof rec.version !== "number" || !plain(rec.indicators)) { return t("dossier.damaged"); }
    return rec.version > VERSION ? t("dossier.ws.newer") : "";
  }
  function checkReport(rec) {
    if (helper("report")) { return V.report.check(rec, partMsg); }
    if (!plain(rec) || rec.format !== "vises-report" || typeof rec.version !== "number" || !plain(rec.fields)) { return t("dossier.damaged"); }
    for (var k in rec.fields) { if (typeof rec.fields[k] !== "string") { return t("dossier.damaged"); } }
    return rec.version > VERSION ? t("dossier.ws.newer") : "";
  }

  // ---- What this browser holds ---------------------------------------------------------------

  // read returns the records saved in this browser: {worksheets: {ID: record}, basket, values,
  // report (null when none), unreadable: [keys], blocked (the storage cannot be read)}. A record
  // that cannot be read is left where it is (its page keeps it aside) and counted as none.
  function read() {
    var st = { worksheets: {}, basket: null, values: null, report: null, unreadable: [], blocked: false };
    function get(key, check) {
      var raw = storage.get(key);
      if (raw === undefined) { st.blocked = true; return null; }
      if (raw === null) { return null; }
      var rec = null;
      try { rec = JSON.parse(raw); } catch (e) { rec = undefined; }
      if (rec === undefined || check(rec)) { st.unreadable.push(key); return null; }
      return rec;
    }
    order.forEach(function (id) {
      var rec = get(WS_PREFIX + id, function (r) { return V.worksheets.check(r, sheets[id].spec, wsMsg); });
      if (rec) { st.worksheets[id] = rec; }
    });
    st.basket = get(BASKET, checkBasket);
    st.values = get(VALUES, checkValues);
    st.report = get(REPORT, checkReport);
    return st;
  }

  // ---- Progress ------------------------------------------------------------------------------

  // filled says whether an answer or a text holds something; answered whether answers hold an
  // answer to item it (a table: one of its cells filled in).
  var filled = V.worksheets.filled, answered = V.worksheets.answered;
  function items(view) {
    var out = [];
    view.sections.forEach(function (s) { out = out.concat(s.items); });
    return out;
  }
  // answerCount returns how many answers a worksheet record holds, both respondents together.
  function answerCount(rec) {
    if (!rec) { return 0; }
    return rec.respondents.reduce(function (n, r) {
      return n + Object.keys(r.answers).filter(function (k) { return filled(r.answers[k]); }).length;
    }, 0);
  }
  // A worksheet is complete when one respondent has answered every question (a table: one row
  // at least); started when someone has answered one.
  function wsProgress(id, rec) {
    var its = items(sheets[id].view), best = 0;
    (rec ? rec.respondents : []).forEach(function (r) {
      var n = its.filter(function (it) { return answered(it, r.answers); }).length;
      if (n > best) { best = n; }
    });
    var state = best === 0 ? "todo" : (best === its.length ? "done" : "started");
    var text = state === "done" ? t("eval.ws.done") : (state === "started" ? t("eval.ws.started", { n: best, total: its.length }) : t("eval.ws.todo"));
    return { state: state, text: text };
  }
  function basketIDs(st) { return st.basket ? st.basket.ids : []; }
  function basketProgress(st) {
    var n = basketIDs(st).length;
    return { state: n ? "done" : "todo", text: tn("eval.basket", n) };
  }
  function isNum(v) { return typeof v === "number" && isFinite(v); }
  // valueCount returns how many values a values record holds (baselines, targets, periods).
  function valueCount(rec) {
    if (!rec) { return 0; }
    var n = 0;
    Object.keys(rec.indicators).forEach(function (id) {
      var ind = rec.indicators[id] || {};
      if (ind.baseline && isNum(ind.baseline.value)) { n++; }
      if (ind.target && isNum(ind.target.value)) { n++; }
      (Array.isArray(ind.periods) ? ind.periods : []).forEach(function (p) { if (p && isNum(p.value)) { n++; } });
    });
    return n;
  }
  // The values are done when every chosen indicator has a value measured over a period.
  function valuesProgress(st) {
    var ids = basketIDs(st), inds = st.values ? st.values.indicators : {};
    var measured = ids.filter(function (id) {
      var ind = inds[id];
      return ind && Array.isArray(ind.periods) && ind.periods.some(function (p) { return p && isNum(p.value); });
    }).length;
    if (valueCount(st.values) === 0) { return { state: "todo", text: t("eval.values.todo") }; }
    if (ids.length > 0 && measured === ids.length) { return { state: "done", text: t("eval.values.done", { n: measured }) }; }
    return { state: "started", text: t("eval.values.started", { n: measured, total: ids.length }) };
  }
  function reportFields() {
    var ids = [];
    (E.report || []).forEach(function (p) { (p.fields || []).forEach(function (f) { ids.push(f.id); }); });
    return ids;
  }
  function textCount(rec) {
    if (!rec) { return 0; }
    return Object.keys(rec.fields).filter(function (k) { return filled(rec.fields[k]); }).length;
  }
  function reportProgress(st) {
    var ids = reportFields(), f = st.report ? st.report.fields : {};
    var n = ids.filter(function (id) { return filled(f[id]); }).length;
    if (n === 0) { return { state: "todo", text: t("eval.report.todo") }; }
    if (n === ids.length) { return { state: "done", text: t("eval.report.done", { n: n }) }; }
    return { state: "started", text: t("eval.report.started", { n: n, total: ids.length }) };
  }
  function progress(thing, st) {
    if (thing.slice(0, 3) === "ws:") { return wsProgress(thing.slice(3), st.worksheets[thing.slice(3)]); }
    if (thing === "basket") { return basketProgress(st); }
    if (thing === "values") { return valuesProgress(st); }
    return reportProgress(st);
  }

  // ---- The path ------------------------------------------------------------------------------

  // The path is the page's text: each step a heading h2#etape-N, each moment a heading
  // h3#moment-NX, and the tools of a moment the first links of its list items.
  var steps = [];
  Array.prototype.forEach.call(path.querySelectorAll("h2, h3"), function (h) {
    if (h.tagName === "H2") {
      if (/^etape-/.test(h.id)) { steps.push({ head: h, title: h.textContent.trim(), moments: [] }); }
      return;
    }
    if (!/^moment-/.test(h.id) || !steps.length) { return; }
    var m = { head: h, code: h.id.slice(7), title: h.textContent.trim(), links: [] };
    for (var n = h.nextElementSibling; n && n.tagName !== "H2" && n.tagName !== "H3"; n = n.nextElementSibling) {
      Array.prototype.forEach.call(n.querySelectorAll("li"), function (li) {
        var a = li.querySelector("a[href]");
        var thing = a ? thingOf(a.getAttribute("href")) : "";
        if (thing) { m.links.push({ a: a, thing: thing }); }
      });
    }
    steps[steps.length - 1].moments.push(m);
  });

  function stateOf(list) {
    if (!list.length) { return ""; }
    if (list.every(function (s) { return s === "done"; })) { return "done"; }
    return list.some(function (s) { return s !== "todo"; }) ? "started" : "todo";
  }

  // next returns the next thing to do: the tools in path order (each counted where it first
  // appears), from the last one the structure worked on: that one if it is not finished, else
  // the first unfinished after it, else the first unfinished of all. null when all are done.
  function next(st) {
    var seq = [], seen = {};
    steps.forEach(function (s) {
      s.moments.forEach(function (m) {
        m.links.forEach(function (l) {
          if (seen[l.thing]) { return; }
          seen[l.thing] = true;
          seq.push({ moment: m, link: l, p: progress(l.thing, st) });
        });
      });
    });
    var last = -1;
    seq.forEach(function (x, i) { if (x.p.state !== "todo") { last = i; } });
    var i;
    for (i = Math.max(last, 0); i < seq.length; i++) { if (seq[i].p.state !== "done") { return seq[i]; } }
    for (i = 0; i < seq.length; i++) { if (seq[i].p.state !== "done") { return seq[i]; } }
    return null;
  }
  function nextText(x) {
    var th = x.link.thing, started = x.p.state === "started";
    if (th.slice(0, 3) === "ws:") { return t(started ? "eval.next.ws.continue" : "eval.next.ws", { title: sheets[th.slice(3)].view.title }); }
    return t("eval.next." + th + (started ? ".continue" : ""));
  }

  var statusBox = app.querySelector(".journey-status-body");
  var nextBox = app.querySelector(".journey-next");
  var message = app.querySelector(".journey-message");
  function say(text) { message.textContent = text || ""; }

  function mark(parent, p, cls) {
    var old = parent.querySelector(":scope > .journey-mark");
    if (old) { old.remove(); }
    var span = el("span", { "class": "journey-mark journey-mark-" + p.state + (cls ? " " + cls : ""), text: p.text });
    parent.appendChild(span);
  }

  // render shows where the structure stands: the next thing to do, a line per step and moment,
  // and the state of each moment and tool on the path.
  function render() {
    var st = read();
    var summary = el("ol", { "class": "journey-summary" });
    steps.forEach(function (s) {
      var sub = el("ul", {});
      var states = [];
      s.moments.forEach(function (m) {
        var ps = m.links.map(function (l) {
          var p = progress(l.thing, st);
          mark(l.a.parentNode, { state: p.state, text: " " + t("eval.sep") + " " + p.text });
          return p.state;
        });
        var state = stateOf(ps);
        states = states.concat(ps);
        ["todo", "started", "done"].forEach(function (k) { m.head.classList.toggle("journey-" + k, state === k); });
        if (state) { mark(m.head, { state: state, text: t("eval.state." + state) }, "journey-badge"); }
        var done = ps.filter(function (x) { return x === "done"; }).length;
        sub.appendChild(el("li", { "class": "journey-sum-" + (state || "none") }, [
          el("a", { href: "#" + m.head.id, text: m.title }),
          " " + t("eval.sep") + " ",
          state ? el("span", { "class": "journey-mark journey-mark-" + state, text: t("eval.state." + state) }) : "",
          state ? " (" + tn("eval.count", done, { total: ps.length }) + ")" : ""
        ]));
      });
      var sstate = stateOf(states);
      summary.appendChild(el("li", {}, [
        el("span", { "class": "journey-sum-step", text: s.title }),
        " " + t("eval.sep") + " ",
        sstate ? el("span", { "class": "journey-mark journey-mark-" + sstate, text: t("eval.state." + sstate) }) : "",
        sub
      ]));
    });
    statusBox.replaceChildren(summary);

    var x = next(st);
    if (x) {
      nextBox.replaceChildren(el("span", { "class": "journey-next-label", text: t("eval.next") + " " }),
        el("a", { href: x.link.a.getAttribute("href"), "class": "journey-next-link", text: nextText(x) }),
        el("span", { "class": "journey-next-where", text: " (" + x.moment.title + ")" }));
    } else {
      nextBox.replaceChildren(el("span", { "class": "journey-next-label", text: t("eval.next") + " " }),
        el("a", { href: "#journey-dossier", "class": "journey-next-link", text: t("eval.next.alldone") }));
    }
    var notes = app.querySelector(".journey-notes");
    var lines = [];
    if (st.blocked) { lines.push(t("eval.blocked")); }
    st.unreadable.forEach(function (k) { lines.push(t("eval.unreadable", { part: partName(k) })); });
    notes.replaceChildren.apply(notes, lines.map(function (l) { return el("p", { text: l }); }));
    return st;
  }

  // partName returns how a message names the part of the dossier kept under storage key k.
  function partName(k) {
    if (k.indexOf(WS_PREFIX) === 0) {
      var id = k.slice(WS_PREFIX.length);
      return sheets[id] ? t("dossier.part.ws", { title: sheets[id].view.title }) : t("dossier.part.unknownws", { name: id });
    }
    return t(k === BASKET ? "dossier.part.basket" : (k === VALUES ? "dossier.part.values" : "dossier.part.report"));
  }

  // ---- Export --------------------------------------------------------------------------------

  // dossier returns the dossier of the records st, as docs/evaluation.md writes it.
  function dossier(st) {
    return {
      format: FORMAT, version: VERSION, exported: new Date().toISOString(), lang: E.lang,
      worksheets: st.worksheets, basket: st.basket, values: st.values, report: st.report
    };
  }
  // download saves the dossier as a file. Each worksheet it holds counts as exported then, as
  // when its own page exports it: its record in the file and in this browser takes the
  // dossier's date (a write the storage refuses leaves that record as it was; the export stands).
  function download() {
    var d = dossier(read());
    Object.keys(d.worksheets).forEach(function (id) { d.worksheets[id].exported = d.exported; });
    var name = "vises-dossier-" + d.exported.slice(0, 10) + ".json";
    V.download(name, JSON.stringify(d, null, 2) + "\n", "application/json");
    Object.keys(d.worksheets).forEach(function (id) { storage.set(WS_PREFIX + id, JSON.stringify(d.worksheets[id])); });
    say(t("dossier.exported", { file: name }));
    return d;
  }

  // ---- Import --------------------------------------------------------------------------------

  // problem returns "" when d is a dossier this page can import, else a message naming what is
  // wrong and the part where it is.
  function problem(d) {
    if (!plain(d)) { return t("dossier.bad.kind"); }
    if (d.format === "vises-worksheet") { return t("dossier.bad.worksheetfile"); }
    if (d.format !== FORMAT) { return t("dossier.bad.kind"); }
    if (typeof d.version !== "number") { return t("dossier.bad.damaged"); }
    if (d.version > VERSION) { return t("dossier.bad.newer"); }
    var part = function (name, p) { return t("dossier.bad.part", { part: name, problem: p }); };
    if (d.worksheets !== undefined && d.worksheets !== null && !plain(d.worksheets)) { return part(t("dossier.part.worksheets"), t("dossier.damaged")); }
    var ws = d.worksheets || {};
    for (var id in ws) {
      if (!Object.prototype.hasOwnProperty.call(ws, id)) { continue; }
      if (!Object.prototype.hasOwnProperty.call(sheets, id)) { return part(t("dossier.part.unknownws", { name: id }), t("dossier.ws.unknown")); }
      var p = V.worksheets.check(ws[id], sheets[id].spec, wsMsg);
      if (p) { return part(t("dossier.part.ws", { title: sheets[id].view.title }), p); }
    }
    var checks = [["basket", checkBasket, "dossier.part.basket"], ["values", checkValues, "dossier.part.values"], ["report", checkReport, "dossier.part.report"]];
    for (var i = 0; i < checks.length; i++) {
      var v = d[checks[i][0]];
      if (v === undefined || v === null) { continue; }
      var q = checks[i][1](v);
      if (q) { return part(t(checks[i][2]), q); }
    }
    return "";
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function answersText(n) { return tn("dossier.answers", n); }

  // changes lists what importing d would change: {replace: [texts], add: [texts]}. A part
  // replaces work when this browser holds something of its own there that differs.
  function changes(st, d) {
    var out = { replace: [], add: [] };
    function put(has, differs, text) { if (!differs) { return; } (has ? out.replace : out.add).push(text); }
    order.forEach(function (id) {
      var there = (d.worksheets || {})[id];
      if (!there) { return; }
      var here = st.worksheets[id], n = answerCount(here);
      put(n > 0, !here || !same(here.respondents, there.respondents),
        t("dossier.change.ws", { title: sheets[id].view.title, here: answersText(n), there: answersText(answerCount(there)) }));
    });
    if (d.basket) {
      var hb = basketIDs(st);
      put(hb.length > 0, !same(hb, d.basket.ids), t("dossier.change.basket", { here: tn("dossier.indicators", hb.length), there: tn("dossier.indicators", d.basket.ids.length) }));
    }
    if (d.values) {
      var hv = valueCount(st.values);
      put(hv > 0, !st.values || !same(st.values.indicators, d.values.indicators), t("dossier.change.values", { here: tn("dossier.values", hv), there: tn("dossier.values", valueCount(d.values)) }));
    }
    if (d.report) {
      var hr = textCount(st.report);
      put(hr > 0, !st.report || !same(st.report.fields, d.report.fields), t("dossier.change.report", { here: tn("dossier.texts", hr), there: tn("dossier.texts", textCount(d.report)) }));
    }
    return out;
  }

  // write saves every part of d; if the storage refuses one, the parts already written are put
  // back as they were and write returns false. A record of this browser that could not be read
  // is kept aside under KEY.unreadable.TIME before it is replaced.
  function write(d, st) {
    var parts = [];
    Object.keys(d.worksheets || {}).forEach(function (id) { parts.push([WS_PREFIX + id, d.worksheets[id]]); });
    if (d.basket) { parts.push([BASKET, d.basket]); }
    if (d.values) { parts.push([VALUES, d.values]); }
    if (d.report) { parts.push([REPORT, d.report]); }
    var done = []; // [key, what it held, the key of its copy kept aside]
    function undo() {
      done.reverse().forEach(function (w) {
        var back = typeof w[1] === "string" ? storage.set(w[0], w[1]) : storage.remove(w[0]);
        // A copy kept aside goes only once the record is back where it was.
        if (w[2] && back) { storage.remove(w[2]); }
      });
      return false;
    }
    for (var i = 0; i < parts.length; i++) {
      var key = parts[i][0], old = storage.get(key), aside = "";
      if (st.unreadable.indexOf(key) >= 0 && typeof old === "string") {
        aside = V.keepAside(key, old);
        if (!aside) { return undo(); }
      }
      done.push([key, old, aside]);
      if (!storage.set(key, JSON.stringify(parts[i][1]))) { return undo(); }
    }
    return true;
  }

  var importInput = app.querySelector(".journey-import");
  var panel = app.querySelector(".journey-panel");

  function closePanel(focus) {
    panel.hidden = true;
    panel.replaceChildren();
    if (focus) { focus.focus(); }
  }
  // openPanel shows a panel in the page (not a dialog of the browser): a title, a text, a list,
  // a text after it, and buttons [label, action, primary]; the title takes the focus.
  function openPanel(title, text, list, after, buttons) {
    var h = el("h3", { id: "journey-panel-title", tabindex: "-1", text: title });
    var kids = [h, el("p", { text: text })];
    if (list.length) { kids.push(el("ul", {}, list.map(function (x) { return el("li", { text: x }); }))); }
    if (after) { kids.push(el("p", { text: after })); }
    var row = el("div", { "class": "journey-actions" });
    buttons.forEach(function (b) {
      var btn = el("button", { type: "button", "class": "button" + (b[2] ? "" : " button-secondary"), text: b[0] });
      btn.addEventListener("click", b[1]);
      row.appendChild(btn);
    });
    kids.push(row);
    // Escape answers the last button (cancel).
    panel.onkeydown = function (e) { if (e.key === "Escape") { e.preventDefault(); buttons[buttons.length - 1][1](); } };
    panel.replaceChildren.apply(panel, kids);
    panel.hidden = false;
    h.focus();
  }

  function finishImport(d, st) {
    closePanel(null);
    if (!write(d, st)) {
      say(t("dossier.quota"));
      render();
      importInput.focus();
      return false;
    }
    render();
    say(t("dossier.imported"));
    importInput.focus();
    return true;
  }

  // importText imports the dossier text: it returns "refused", "asked" (the panel asks first),
  // "imported" or "failed" (the storage refused).
  function importText(text) {
    closePanel(null);
    var d;
    try { d = JSON.parse(text); } catch (e) {
      say(t("dossier.bad.json"));
      return "refused";
    }
    var p = problem(d);
    if (p) {
      say(p);
      return "refused";
    }
    var st = read(), ch = changes(st, d);
    if (!ch.replace.length) { return finishImport(d, st) ? "imported" : "failed"; }
    say("");
    openPanel(t("dossier.confirm.title"), t("dossier.confirm.intro"), ch.replace.concat(ch.add), t("dossier.confirm.kept"), [
      [t("dossier.confirm.replace"), function () { finishImport(d, read()); }, true],
      [t("dossier.confirm.cancel"), function () { closePanel(importInput); say(t("dossier.cancelled")); }, false]
    ]);
    return "asked";
  }
  V.onFileChosen(importInput, importText, function () { say(t("dossier.bad.json")); });

  // ---- Start again ---------------------------------------------------------------------------

  // ours lists the storage keys of the evaluation in this browser, the records kept aside too.
  function ours() {
    var keys = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k.indexOf(WS_PREFIX) === 0 || k === BASKET || k.indexOf(BASKET + ".") === 0 ||
          k === VALUES || k.indexOf(VALUES + ".") === 0 || k === REPORT || k.indexOf(REPORT + ".") === 0) { keys.push(k); }
      }
    } catch (e) { /* the storage cannot be read: nothing to clear */ }
    return keys;
  }
  function clearAll() {
    var failed = ours().filter(function (k) { return !storage.remove(k); });
    closePanel(clearButton);
    render();
    say(failed.length ? t("dossier.clear.failed") : t("dossier.cleared"));
  }
  var clearButton = app.querySelector(".journey-clear");
  clearButton.addEventListener("click", function () {
    var st = read(), list = [];
    order.forEach(function (id) {
      var n = answerCount(st.worksheets[id]);
      if (n) { list.push(t("dossier.change.clearws", { title: sheets[id].view.title, n: answersText(n) })); }
    });
    if (basketIDs(st).length) { list.push(tn("dossier.indicators", basketIDs(st).length)); }
    if (valueCount(st.values)) { list.push(tn("dossier.values", valueCount(st.values))); }
    if (textCount(st.report)) { list.push(tn("dossier.texts", textCount(st.report))); }
    if (!ours().length) {
      closePanel(null);
      say(t("dossier.clear.nothing"));
      return;
    }
    say("");
    openPanel(t("dossier.clear.title"), t("dossier.clear.intro"), list, "", [
      [t("dossier.clear.export"), function () { download(); clearAll(); }, true],
      [t("dossier.clear.confirm"), clearAll, false],
      [t("dossier.confirm.cancel"), function () { closePanel(clearButton); }, false]
    ]);
  });

  app.querySelector(".journey-export").addEventListener("click", download);

  // ---- Start ---------------------------------------------------------------------------------

  render();
  app.hidden = false;
  document.body.classList.add("journey-ready");
  // Another tab saving a worksheet or a basket updates the page.
  window.addEventListener("storage", function () { render(); });
  V.dossier = { importText: importText, dossier: function () { return dossier(read()); }, read: read, render: render };
})();
