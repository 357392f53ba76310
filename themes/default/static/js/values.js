// Indicator values of Mon évaluation / Mijn evaluatie (docs/evaluation.md): for each indicator
// of the basket, its definition locked beside its values, a unit, a baseline, a target and the
// values measured period after period, saved in the browser (localStorage, "vises.values") on
// every change; an accessible SVG chart per indicator; the values exported to and imported from
// a CSV file for Excel that starts with the collection plan's columns.
//
// window.vises.values is what the journey, the dossier and the report read: KEY, check(rec),
// read(), empty(), chart(ind, opts), parseNumber(s), number(n, lang). The page itself (the UI)
// starts only where partials/values.html put its mount (#values). The catalogue's data comes
// from picker-data.js (window.VISES_PICKER), the strings from evaluation-data.js
// (window.VISES_EVALUATION.ui), the helpers from common.js (window.vises).
(function () {
  "use strict";

  var V = window.vises, el = V.el, format = V.format, storage = V.storage;
  var KEY = "vises.values", BASKET = "vises.basket";
  var FORMAT = "vises-values", VERSION = 1;
  var ID_RE = /^[A-Z]{3}-[0-9]{2,3}$/;
  var EVAL = window.VISES_EVALUATION || {};
  var UI = EVAL.ui || {};
  var LANG = EVAL.lang || document.documentElement.getAttribute("lang") || "fr";

  function t(k) { return UI[k] || k; }
  function isObj(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function isStr(x) { return typeof x === "string"; }
  function isVal(x) { return x === null || (typeof x === "number" && isFinite(x)); }

  // ---- Numbers ----------------------------------------------------------------------------

  // parseNumber reads a number as French and Dutch readers write it: a decimal comma or point,
  // thousands set apart by spaces, or by points before a decimal comma ("1.234,5"). It returns
  // null for an empty text and NaN for a text that is not a number.
  function parseNumber(s) {
    s = String(s === null || s === undefined ? "" : s).replace(/[\s\u00a0\u202f']/g, "").replace(/^\u2212/, "-");
    if (s === "") { return null; }
    if (/^[+-]?\d+(?:[.,]\d+)?$/.test(s)) { return parseFloat(s.replace(",", ".")); }
    var m = /^([+-]?\d{1,3}(?:([.,])\d{3})+)(?:([.,])(\d+))?$/.exec(s);
    if (m && m[3] !== m[2]) { return parseFloat(m[1].split(m[2]).join("") + (m[3] ? "." + m[4] : "")); }
    return NaN;
  }

  // plain writes n with a decimal comma and no thousands separator, as fields and the CSV
  // hold it (Excel reads it as a number in French and Dutch locales); "" for null.
  function plain(n) { return typeof n === "number" ? String(n).replace(".", ",") : ""; }

  // number writes n for reading in lang (thousands set apart); "" for null.
  function number(n, lang) {
    if (typeof n !== "number") { return ""; }
    try {
      return new Intl.NumberFormat((lang || LANG) === "nl" ? "nl-BE" : "fr-BE", { maximumFractionDigits: 10 }).format(n);
    } catch (e) {
      return plain(n);
    }
  }

  // ---- Records ----------------------------------------------------------------------------

  function empty() { return { format: FORMAT, version: VERSION, indicators: {}, saved: null }; }

  function checkPoint(p) { return isObj(p) && isStr(p.period) && isVal(p.value); }

  function checkIndicator(ind) {
    if (!isObj(ind) || !isObj(ind.definition) || !isStr(ind.unit)) { return false; }
    var d = ind.definition;
    if (!isStr(d.name) || !isStr(d.text) || !isStr(d.unit) || !isStr(d.lang)) { return false; }
    if (!checkPoint(ind.baseline) || !checkPoint(ind.target) || !Array.isArray(ind.periods)) { return false; }
    return ind.periods.every(function (p) { return checkPoint(p) && isStr(p.source) && isStr(p.by) && isStr(p.note); });
  }

  // check returns "" when rec is a values record this script can use, or a message saying
  // what is wrong: msg(code, vals) for code "damaged", "newer" (a later version) or "indicator"
  // (the values of indicator {code} are damaged); by default the values page's sentences,
  // which speak of the values saved in this browser (the dossier gives its own).
  function check(rec, msg) {
    msg = msg || function (code, vals) { return format(t(code === "damaged" ? "values.bad.record" : "values.bad." + code), vals); };
    if (!isObj(rec) || rec.format !== FORMAT || typeof rec.version !== "number" || !isObj(rec.indicators)) { return msg("damaged", {}); }
    if (rec.version > VERSION) { return msg("newer", {}); }
    if (rec.saved !== null && rec.saved !== undefined && !isStr(rec.saved)) { return msg("damaged", {}); }
    for (var id in rec.indicators) {
      if (!Object.prototype.hasOwnProperty.call(rec.indicators, id)) { continue; }
      if (!ID_RE.test(id) || !checkIndicator(rec.indicators[id])) { return msg("indicator", { code: id }); }
    }
    return "";
  }

  // read returns the record kept in this browser, or null when there is none or it cannot be
  // read (the values page keeps an unreadable one aside and says so).
  function read() {
    var raw = storage.get(KEY);
    if (!raw) { return null; }
    var rec;
    try { rec = JSON.parse(raw); } catch (e) { return null; }
    return check(rec) === "" ? rec : null;
  }

  // hasValues says whether ind holds anything the structure entered.
  function hasValues(ind) {
    if (!ind) { return false; }
    return ind.unit !== "" || ind.baseline.value !== null || ind.baseline.period !== "" || ind.target.value !== null || ind.target.period !== "" ||
      ind.periods.some(function (p) { return p.period !== "" || p.value !== null || p.source !== "" || p.by !== "" || p.note !== ""; });
  }

  // ---- Chart ------------------------------------------------------------------------------

  var SVG = "http://www.w3.org/2000/svg";
  var COLORS = { ink: "#1d2327", grid: "#c9d3d6", bar: "#0b5560", baseline: "#4a555c", target: "#9a3412" };
  var charts = 0;

  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) { n.textContent = text; }
    return n;
  }

  // niceStep returns a round step (1, 2 or 5 times a power of ten) near span/4.
  function niceStep(span) {
    var raw = span / 4, p = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  // sep separates the items of a list in a sentence: French sets a thin space before ";".
  function sep(lang) { return lang === "nl" ? "; " : "\u202f; "; }

  // describe returns the chart's figures as a sentence: the values by period, the baseline,
  // the target and the unit.
  function describe(ind, lang, tt) {
    var parts = [];
    var pts = ind.periods.filter(function (p) { return p.value !== null; });
    if (pts.length) {
      parts.push(pts.map(function (p) { return format(tt("values.chart.point"), { period: p.period || "?", value: number(p.value, lang) }); }).join(sep(lang)) + ".");
    } else {
      parts.push(tt("values.chart.nopoint"));
    }
    if (ind.baseline.value !== null) { parts.push(format(tt("values.chart.desc.baseline"), { period: ind.baseline.period || "?", value: number(ind.baseline.value, lang) })); }
    if (ind.target.value !== null) { parts.push(format(tt("values.chart.desc.target"), { period: ind.target.period || "?", value: number(ind.target.value, lang) })); }
    if (ind.unit) { parts.push(format(tt("values.chart.desc.unit"), { unit: ind.unit })); }
    return parts.join(" ");
  }

  // chart draws an indicator record's values as an SVG image: bars for up to eight periods, a
  // line beyond, the baseline (dashed) and the target (solid) as labelled lines. Its title and
  // description give every figure; colours are set as attributes, so that the image keeps
  // them printed or saved outside the kit. opts: code, name (default: the locked definition's
  // name), lang, ui (strings; default those of the page), id (a prefix for the ids inside),
  // width (of the drawing in CSS pixels, 280 to 600; 400 by default: draw it at the width it
  // will be shown at, so that its 13 px text stays 13 px).
  function chart(ind, opts) {
    opts = opts || {};
    // A record read from elsewhere (a dossier, another page) may lack parts: they count as empty.
    var point = function (p) { return isObj(p) && typeof p.value === "number" && isFinite(p.value) ? { period: String(p.period || ""), value: p.value } : { period: "", value: null }; };
    ind = { definition: isObj(ind && ind.definition) ? ind.definition : {}, unit: isStr(ind && ind.unit) ? ind.unit : "",
      baseline: point(ind && ind.baseline), target: point(ind && ind.target),
      periods: (ind && Array.isArray(ind.periods) ? ind.periods : []).filter(isObj).map(point) };
    var ui = opts.ui || UI, lang = opts.lang || LANG;
    var tt = function (k) { return ui[k] || UI[k] || k; };
    var id = opts.id || "values-chart-" + (++charts);
    var name = (opts.code ? opts.code + " " : "") + (opts.name || (ind.definition && ind.definition.name) || "");
    var pts = ind.periods.filter(function (p) { return p.value !== null; });
    var base = ind.baseline.value !== null ? ind.baseline : null;
    var target = ind.target.value !== null ? ind.target : null;

    var W = Math.round(Math.max(280, Math.min(600, opts.width || 400))), H = 250, top = 14, bottom = 34, right = 10;
    // The width attribute is the drawing's size, for print (values.css prints it at that
    // size, its text at about 10 pt); on screen the style sheets fit it to its box.
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, role: "img", "aria-labelledby": id + "-title " + id + "-desc", "class": "values-chart",
      "font-family": "system-ui, -apple-system, 'Segoe UI', sans-serif", "font-size": "13", "data-points": String(pts.length) });
    root.appendChild(svg("title", { id: id + "-title" }, format(tt("values.chart.title"), { name: name })));
    root.appendChild(svg("desc", { id: id + "-desc" }, describe(ind, lang, tt)));
    if (!pts.length && !base && !target) {
      root.setAttribute("viewBox", "0 0 " + W + " 40");
      root.appendChild(svg("text", { x: 0, y: 24, fill: COLORS.ink }, tt("values.chart.empty")));
      return root;
    }

    var all = pts.map(function (p) { return p.value; });
    if (base) { all.push(base.value); }
    if (target) { all.push(target.value); }
    var lo = Math.min(0, Math.min.apply(null, all)), hi = Math.max(0, Math.max.apply(null, all));
    if (hi === lo) { hi = lo + 1; }
    var step = niceStep(hi - lo);
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
    var ticks = [];
    for (var v = lo; v <= hi + step / 2; v += step) { ticks.push(Math.round(v / step) * step); }
    var widest = Math.max.apply(null, ticks.map(function (x) { return number(x, lang).length; }));
    var left = 14 + widest * 7.5;
    var plotW = W - left - right, plotH = H - top - bottom;
    var y = function (x) { return top + plotH - (x - lo) / (hi - lo) * plotH; };
    var f1 = function (x) { return x.toFixed(1); };

    ticks.forEach(function (x) {
      root.appendChild(svg("line", { x1: left, x2: W - right, y1: f1(y(x)), y2: f1(y(x)), stroke: COLORS.grid, "stroke-width": x === 0 ? 1.5 : 1 }));
      root.appendChild(svg("text", { x: left - 6, y: f1(y(x) + 4), "text-anchor": "end", fill: COLORS.ink, "class": "values-chart-tick" }, number(x, lang)));
    });

    var n = pts.length;
    if (n) {
      var slot = plotW / n;
      var every = Math.max(1, Math.ceil(n * 62 / plotW));
      var cx = function (i) { return left + slot * (i + 0.5); };
      var bars = n <= 8;
      var group = svg("g", { "class": bars ? "values-chart-bars" : "values-chart-line" });
      if (!bars) {
        group.appendChild(svg("polyline", { points: pts.map(function (p, i) { return f1(cx(i)) + "," + f1(y(p.value)); }).join(" "), fill: "none", stroke: COLORS.bar, "stroke-width": 2.5 }));
      }
      pts.forEach(function (p, i) {
        if (bars) {
          var bw = Math.min(slot * 0.6, 56), y0 = y(0), y1 = y(p.value);
          group.appendChild(svg("rect", { x: f1(cx(i) - bw / 2), y: f1(Math.min(y0, y1)), width: f1(bw), height: f1(Math.max(1, Math.abs(y0 - y1))), fill: COLORS.bar, "class": "values-chart-bar" }));
          group.appendChild(svg("text", { x: f1(cx(i)), y: f1(p.value >= 0 ? y1 - 5 : y1 + 14), "text-anchor": "middle", fill: COLORS.ink, "font-weight": "600", "class": "values-chart-value" }, number(p.value, lang)));
        } else {
          group.appendChild(svg("circle", { cx: f1(cx(i)), cy: f1(y(p.value)), r: 4, fill: COLORS.bar, "class": "values-chart-dot" }));
        }
        if (i % every === 0) {
          var label = p.period.length > 10 ? p.period.slice(0, 9) + "…" : p.period;
          group.appendChild(svg("text", { x: f1(cx(i)), y: H - bottom + 18, "text-anchor": "middle", fill: COLORS.ink, "class": "values-chart-period" }, label));
        }
      });
      root.appendChild(group);
    }

    // The baseline and the target: lines across the chart, told apart by their dashes as well
    // as their colours, and named with their figures in a key below the chart.
    var marks = [];
    if (base) { marks.push({ p: base, cls: "values-chart-baseline", color: COLORS.baseline, dash: "7 5", text: tt("values.chart.baseline") }); }
    if (target) { marks.push({ p: target, cls: "values-chart-target", color: COLORS.target, dash: null, text: tt("values.chart.target") }); }
    marks.forEach(function (m, i) {
      var ly = f1(y(m.p.value)), ky = H + 22 * i + 4;
      var g = svg("g", { "class": m.cls });
      var line = { x1: left, x2: W - right, y1: ly, y2: ly, stroke: m.color, "stroke-width": 2.5 };
      var sample = { x1: 0, x2: 36, y1: ky - 4, y2: ky - 4, stroke: m.color, "stroke-width": 2.5 };
      if (m.dash) { line["stroke-dasharray"] = m.dash; sample["stroke-dasharray"] = m.dash; }
      g.appendChild(svg("line", line));
      g.appendChild(svg("line", sample));
      g.appendChild(svg("text", { x: 44, y: ky, fill: COLORS.ink, "class": "values-chart-key" },
        format(m.text, { value: number(m.p.value, lang), period: m.p.period || "?" })));
      root.appendChild(g);
    });
    if (marks.length) { root.setAttribute("viewBox", "0 0 " + W + " " + (H + 22 * marks.length)); }
    return root;
  }

  var api = { KEY: KEY, FORMAT: FORMAT, VERSION: VERSION, check: check, read: read, empty: empty, hasValues: hasValues,
    chart: chart, parseNumber: parseNumber, number: number };
  window.vises.values = api;

  // ---- The values page --------------------------------------------------------------------

  var mount = document.getElementById("values");
  var picker = window.VISES_PICKER;
  if (!mount || !picker) { return; }

  var base = EVAL.base || window.location.href;
  var catalogue = new URL((EVAL.pages && EVAL.pages.catalogue) || "../indicateurs/", base);
  var byId = {};
  picker.items.forEach(function (it) { byId[it.id] = it; });
  function pt(k) { return (picker.ui && picker.ui[k]) || k; }

  var rec = empty();
  var blocked = false;  // an unreadable record could not be kept aside: writing would lose it
  var invalid = {};     // fields holding a text that is not a number: id -> true
  var lastSave = null;  // true, false, or null before the first write
  var fieldCount = 0;

  function fresh(id) {
    var it = byId[id];
    return { definition: { name: it.name, text: it.def, unit: it.unit || "", lang: picker.lang || LANG }, unit: "",
      baseline: { period: "", value: null }, target: { period: "", value: null }, periods: [] };
  }

  function readBasket() {
    var raw = storage.get(BASKET), b = null;
    try { b = raw ? JSON.parse(raw) : null; } catch (e) { b = null; }
    if (!b || b.v !== 1 || !Array.isArray(b.ids)) { return []; }
    return b.ids.filter(function (id) { return typeof id === "string" && byId[id]; });
  }

  // load reads the stored record; one that cannot be read is kept aside under
  // vises.values.unreadable.TIME, and when even that fails nothing is written over it.
  function load() {
    var got = V.loadRecord(KEY, check);
    if (got.blocked) { return [t("values.storage.none")]; }
    if (got.rec) { rec = got.rec; return []; }
    if (got.aside === undefined) { return []; } // nothing saved yet
    var problem = got.problem || t("values.bad.record");
    if (got.aside) { return [problem + " " + format(t("values.unreadable"), { key: got.aside })]; }
    blocked = true;
    return [problem + " " + t("values.unreadable.blocked")];
  }

  // save writes the record, and says in the status line whether the browser kept it.
  function save() {
    if (blocked) { lastSave = false; status(); warn(t("values.unreadable.blocked")); return false; }
    var before = rec.saved, was = lastSave;
    rec.saved = new Date().toISOString();
    lastSave = storage.set(KEY, JSON.stringify(rec));
    if (!lastSave) {
      rec.saved = before;
      if (was !== false) { warn(t("values.status.failed")); }
    }
    status();
    return lastSave;
  }

  // ---- Drawing ----------------------------------------------------------------------------

  // The status line is read, not announced at every key; a write the browser refuses is
  // announced once, in the alert region.
  var statusLine = el("p", { "class": "values-status" });
  var message = el("p", { "class": "values-message", role: "status", "aria-live": "polite" });
  var alertBox = el("p", { "class": "values-alert", role: "alert" });
  var confirmBox = el("section", { "class": "values-confirm", "aria-labelledby": "values-confirm-title", hidden: "" });
  var cardsBox = el("div", { "class": "values-cards" });
  var apartBox = el("section", { "class": "values-apart", "aria-labelledby": "values-apart-title", hidden: "" });
  var fileInput = el("input", { type: "file", id: "values-import", accept: ".csv,text/csv", "class": "values-import-input visually-hidden" });

  function say(text) { alertBox.textContent = ""; message.textContent = text || ""; }
  function warn(text) { message.textContent = ""; alertBox.textContent = text || ""; }

  function time(iso) {
    try {
      return new Date(iso).toLocaleTimeString(LANG === "nl" ? "nl-BE" : "fr-BE", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    } catch (e) {
      return iso;
    }
  }

  function status() {
    var s;
    if (lastSave === false) {
      s = t(blocked ? "values.unreadable.blocked" : "values.status.failed");
    } else if (rec.saved) {
      s = format(t("values.status.saved"), { time: time(rec.saved) });
    } else {
      s = t("values.status.none");
    }
    var bad = Object.keys(invalid).length;
    if (bad) { s += " " + V.countText(bad, "", t("values.status.invalid.one"), t("values.status.invalid.other")); }
    statusLine.textContent = s;
    statusLine.classList.toggle("values-status-failed", lastSave === false || bad > 0);
  }

  function nextId() { return "values-f" + (++fieldCount); }

  // textField returns a labelled input; onChange(value) is called on every change.
  function textField(label, value, onChange, attrs) {
    var id = nextId();
    var input = el("input", Object.assign({ type: "text", id: id, autocomplete: "off" }, attrs || {}));
    input.value = value;
    if (onChange) { input.addEventListener("input", function () { onChange(input.value); }); }
    return { input: input, label: el("label", { "for": id, text: label }) };
  }

  // numberField returns a labelled input for a number; a text that is not one is marked,
  // explained beside the field and left unsaved, and the saved value stays as it was.
  function numberField(label, value, onChange, field) {
    var f = textField(label, plain(value), null, { inputmode: "decimal", "class": "values-number", "data-field": field });
    var err = el("span", { "class": "values-field-error", id: f.input.id + "-error" });
    f.error = err;
    f.input.addEventListener("input", function () {
      var n = parseNumber(f.input.value);
      var ok = !(typeof n === "number" && isNaN(n));
      f.input.setAttribute("aria-invalid", ok ? "false" : "true");
      if (ok) {
        f.input.removeAttribute("aria-describedby");
        err.textContent = "";
        delete invalid[f.input.id];
        onChange(n);
      } else {
        f.input.setAttribute("aria-describedby", err.id);
        err.textContent = format(t("values.number.bad"), { value: f.input.value });
        invalid[f.input.id] = true;
        status();
      }
    });
    return f;
  }

  // textField's input listener is set by the caller when onChange is null.
  function bindText(f, onChange) { f.input.addEventListener("input", function () { onChange(f.input.value); }); return f; }

  function catalogueURL(id) {
    var it = byId[id];
    return it ? new URL(it.url, catalogue).href : catalogue.href;
  }

  function langName(l) { return t("values.lang." + l) === "values.lang." + l ? l : t("values.lang." + l); }

  // definitionBox shows the definition the values follow: the copy saved with them once they
  // exist, and, when the catalogue now says something else, both, with a way to adopt it.
  function definitionBox(id, card) {
    var it = byId[id], ind = rec.indicators[id];
    var box = el("div", { "class": "values-definition" });
    if (!ind) {
      box.appendChild(el("p", { "class": "values-def-text", text: it.def }));
      if (it.unit) { box.appendChild(el("p", { "class": "values-def-unit", text: format(t("values.definition.unit"), { unit: it.unit }) })); }
      box.appendChild(el("p", { "class": "values-def-note", text: t("values.definition.pending") }));
      return box;
    }
    var d = ind.definition;
    var other = d.lang !== (picker.lang || LANG);
    var savedAttrs = other ? { lang: d.lang } : {};
    box.appendChild(el("p", { "class": "values-def-label", text: other ? format(t("values.definition.saved.lang"), { lang: langName(d.lang) }) : t("values.definition.saved") }));
    box.appendChild(el("p", Object.assign({ "class": "values-def-text values-def-saved" }, savedAttrs), [d.name !== (it && it.name) || other ? el("strong", { text: d.name + ". " }) : "", d.text]));
    if (d.unit) { box.appendChild(el("p", Object.assign({ "class": "values-def-unit" }, savedAttrs), [format(t("values.definition.unit"), { unit: d.unit })])); }
    if (!it) { return box; }
    if (other) {
      box.appendChild(el("p", { "class": "values-def-label", text: t("values.definition.translation") }));
      box.appendChild(el("p", { "class": "values-def-text", text: it.def }));
      return box;
    }
    if (d.name === it.name && d.text === it.def && d.unit === (it.unit || "")) {
      box.appendChild(el("p", { "class": "values-def-note", text: t("values.definition.locked") }));
      return box;
    }
    // The catalogue's definition changed since the values began: both are shown, and only the
    // reader can replace the saved one.
    box.classList.add("values-def-changed");
    box.appendChild(el("p", { "class": "values-def-warning", text: t("values.definition.changed") }));
    box.appendChild(el("p", { "class": "values-def-label", text: t("values.definition.current") }));
    box.appendChild(el("p", { "class": "values-def-text values-def-current" }, [d.name !== it.name ? el("strong", { text: it.name + ". " }) : "", it.def]));
    if ((it.unit || "") !== d.unit) { box.appendChild(el("p", { "class": "values-def-unit", text: format(t("values.definition.unit"), { unit: it.unit || "—" }) })); }
    var adopt = el("button", { type: "button", "class": "button values-adopt", text: t("values.definition.adopt") });
    adopt.addEventListener("click", function () {
      var old = ind.definition;
      ind.definition = fresh(id).definition;
      if (save()) {
        say(format(t("values.definition.adopted"), { code: id }));
      } else {
        ind.definition = old;
      }
      redrawCard(id, card, ".values-adopt");
    });
    box.appendChild(adopt);
    return box;
  }

  // ensure returns the indicator's record, made (its definition locked) on the first entry.
  function ensure(id) {
    if (!rec.indicators[id]) {
      rec.indicators[id] = fresh(id);
    }
    return rec.indicators[id];
  }

  // edit changes the indicator's record with fn, saves, and redraws its chart.
  function edit(id, card, fn) {
    var first = !rec.indicators[id];
    fn(ensure(id));
    save();
    if (first) {
      var def = card.querySelector(".values-definition");
      def.parentNode.replaceChild(definitionBox(id, card), def);
    }
    drawChart(id, card);
  }

  function drawChart(id, card) {
    var box = card.querySelector(".values-chart-box");
    box.textContent = "";
    var ind = rec.indicators[id] || fresh(id);
    if (ind.baseline.value === null && ind.target.value === null && !ind.periods.some(function (p) { return p.value !== null; })) {
      box.appendChild(el("p", { "class": "values-hint", text: t("values.chart.empty") }));
      return;
    }
    // Drawn at the width it is shown at, so that its text keeps its size on a phone.
    box.appendChild(chart(ind, { code: id, name: byId[id] ? byId[id].name : ind.definition.name, id: "values-chart-" + id,
      width: Math.min(box.clientWidth || 400, 544) }));
  }

  var COLS = ["period", "value", "source", "by", "note"];

  function periodsTable(id, card) {
    var ind = rec.indicators[id];
    var rows = ind ? ind.periods : [];
    var wrap = el("div", { "class": "values-periods" });
    var cap = el("caption", { "class": "visually-hidden", text: format(t("values.periods.caption"), { code: id }) });
    var table = el("table", { "class": "values-table" }, [cap]);
    var head = el("tr", null, COLS.map(function (c) { return el("th", { scope: "col", text: t("values." + c) }); }));
    head.appendChild(el("th", { scope: "col", "class": "values-col-actions" }, [el("span", { "class": "visually-hidden", text: t("values.actions") })]));
    table.appendChild(el("thead", null, [head]));
    var body = el("tbody");
    rows.forEach(function (p, i) {
      var tr = el("tr", { "data-row": String(i) });
      COLS.forEach(function (c) {
        var f;
        var label = t("values." + c);
        if (c === "value") {
          f = numberField(label, p.value, function (n) { edit(id, card, function () { p.value = n; }); }, "value");
        } else {
          f = bindText(textField(label, p[c], null, c === "period" ? { "class": "values-period-input", "aria-describedby": "values-period-hint", "data-field": c } : { "data-field": c }),
            function (v) { edit(id, card, function () { p[c] = v; }); });
        }
        f.label.className = "values-cell-label";
        tr.appendChild(el("td", { "class": "values-col-" + c }, [f.label, f.input, f.error || null]));
      });
      var rm = el("button", { type: "button", "class": "button values-remove", text: t("values.remove"),
        "aria-label": format(t("values.remove.label"), { n: i + 1, period: p.period || "" }) });
      rm.addEventListener("click", function () {
        edit(id, card, function (ind) { ind.periods.splice(i, 1); });
        redrawTable(id, card);
        say(format(t("values.removed"), { n: i + 1 }));
        var next = card.querySelectorAll(".values-remove")[Math.min(i, ind.periods.length - 1)];
        (next || card.querySelector(".values-add")).focus();
      });
      tr.appendChild(el("td", { "class": "values-col-actions" }, [rm]));
      body.appendChild(tr);
    });
    table.appendChild(body);
    if (rows.length) {
      wrap.appendChild(table);
    } else {
      wrap.appendChild(el("p", { "class": "values-noperiod", text: t("values.periods.none") }));
    }
    var add = el("button", { type: "button", "class": "button values-add", text: t("values.add") });
    add.addEventListener("click", function () {
      edit(id, card, function (ind) { ind.periods.push({ period: "", value: null, source: "", by: "", note: "" }); });
      redrawTable(id, card);
      var inputs = card.querySelectorAll(".values-period-input");
      inputs[inputs.length - 1].focus();
      say(format(t("values.added"), { n: inputs.length }));
    });
    wrap.appendChild(add);
    return wrap;
  }

  function redrawTable(id, card) {
    // Fields of the old table that held a bad number are gone with it.
    card.querySelectorAll(".values-periods input").forEach(function (i) { delete invalid[i.id]; });
    var old = card.querySelector(".values-periods");
    old.parentNode.replaceChild(periodsTable(id, card), old);
    status();
  }

  function redrawCard(id, card, focus) {
    var def = card.querySelector(".values-definition");
    def.parentNode.replaceChild(definitionBox(id, card), def);
    var f = card.querySelector(focus) || card.querySelector("h2");
    if (f.tagName === "H2") { f.setAttribute("tabindex", "-1"); }
    f.focus();
  }

  function pointFields(id, card, which, legend) {
    var ind = rec.indicators[id];
    var p = ind ? ind[which] : { period: "", value: null };
    var per = bindText(textField(t("values.period"), p.period, null, { "class": "values-period-input", "aria-describedby": "values-period-hint", "data-field": which + ".period" }),
      function (v) { edit(id, card, function (ind) { ind[which].period = v; }); });
    var val = numberField(t("values.value"), p.value, function (n) { edit(id, card, function (ind) { ind[which].value = n; }); }, which + ".value");
    return el("fieldset", { "class": "values-point values-" + which }, [el("legend", { text: legend }),
      el("div", { "class": "values-pair" }, [el("div", null, [per.label, per.input]), el("div", null, [val.label, val.input, val.error])])]);
  }

  function card(id) {
    var it = byId[id], ind = rec.indicators[id];
    var titleId = "values-title-" + id;
    var c = el("section", { "class": "values-card", id: "values-" + id, "aria-labelledby": titleId, "data-id": id });
    c.appendChild(el("h2", { id: titleId }, [el("span", { "class": "indicator-code", text: id }), " ", it.name]));
    c.appendChild(el("p", { "class": "values-link" }, [el("a", { href: catalogueURL(id), text: format(t("values.open"), { code: id }) })]));
    c.appendChild(definitionBox(id, c));
    var listId = "values-units-" + id;
    var unit = bindText(textField(t("values.unit"), ind ? ind.unit : "", null, { list: listId, "data-field": "unit" }), function (v) { edit(id, c, function (ind) { ind.unit = v; }); });
    var units = (it.unit || "").split(/\s*;\s*/).filter(Boolean);
    c.appendChild(el("div", { "class": "values-unit" }, [unit.label, unit.input,
      el("datalist", { id: listId }, units.map(function (u) { return el("option", { value: u }); })),
      units.length ? el("p", { "class": "values-hint", text: format(t("values.unit.hint"), { units: units.join(" · ") }) }) : null]));
    c.appendChild(el("div", { "class": "values-points" }, [pointFields(id, c, "baseline", t("values.baseline")), pointFields(id, c, "target", t("values.target"))]));
    c.appendChild(el("h3", { text: t("values.periods") }));
    c.appendChild(periodsTable(id, c));
    c.appendChild(el("figure", { "class": "values-chart-box" }));
    return c;
  }

  function writeBasket(ids) { return storage.set(BASKET, JSON.stringify({ v: 1, ids: ids })); }

  function apartItem(id) {
    var ind = rec.indicators[id], it = byId[id];
    var name = it ? it.name : ind.definition.name;
    var li = el("li", { "class": "values-apart-item", "data-id": id });
    li.appendChild(el("p", { "class": "values-apart-name" }, [el("span", { "class": "indicator-code", text: id }), " ", name]));
    li.appendChild(el("p", { "class": "values-apart-count", text: V.countText(ind.periods.length, t("values.apart.none"), t("values.apart.one"), t("values.apart.other")) }));
    var actions = el("div", { "class": "values-actions" });
    if (it) {
      var back = el("button", { type: "button", "class": "button values-restore", text: t("values.apart.back") });
      back.addEventListener("click", function () {
        var ids = readBasket();
        if (ids.indexOf(id) < 0) { ids.push(id); }
        if (!writeBasket(ids)) { warn(t("values.basket.failed")); return; }
        render();
        say(format(t("values.apart.restored"), { code: id }));
        var h = document.getElementById("values-title-" + id);
        h.setAttribute("tabindex", "-1");
        h.focus();
      });
      actions.appendChild(back);
    }
    var del = el("button", { type: "button", "class": "button values-delete", text: t("values.apart.delete") });
    del.addEventListener("click", function () {
      // The deletion is confirmed in the page, beside the button.
      var ask = el("div", { "class": "values-ask", role: "group", "aria-labelledby": "values-ask-" + id });
      var q = el("p", { id: "values-ask-" + id, tabindex: "-1", text: format(t("values.apart.confirm"), { code: id, name: name }) });
      var yes = el("button", { type: "button", "class": "button values-delete-yes", text: t("values.apart.yes") });
      var no = el("button", { type: "button", "class": "button values-delete-no", text: t("values.cancel") });
      yes.addEventListener("click", function () {
        var kept = rec.indicators[id];
        delete rec.indicators[id];
        if (!save()) { rec.indicators[id] = kept; warn(t("values.status.failed")); ask.remove(); del.focus(); return; }
        render();
        say(format(t("values.apart.deleted"), { code: id }));
        apartBox.hidden ? mount.querySelector(".values-tools h2").focus() : apartBox.querySelector("h2").focus();
      });
      no.addEventListener("click", function () { ask.remove(); del.hidden = false; del.focus(); });
      ask.addEventListener("keydown", function (e) { if (e.key === "Escape") { no.click(); } });
      del.hidden = true;
      ask.appendChild(q);
      ask.appendChild(el("div", { "class": "values-actions" }, [yes, no]));
      li.appendChild(ask);
      q.focus();
    });
    actions.appendChild(del);
    li.appendChild(actions);
    return li;
  }

  function render() {
    invalid = {};
    var basket = readBasket();
    cardsBox.textContent = "";
    if (!basket.length) {
      cardsBox.appendChild(el("div", { "class": "values-empty" }, [
        el("p", { text: t("values.empty") }),
        el("p", null, [el("a", { "class": "button", href: catalogue.href, text: t("values.empty.link") })])
      ]));
    }
    // What to write in the fields, said once above the cards (the period fields point to it).
    if (basket.length) { cardsBox.appendChild(el("p", { id: "values-period-hint", "class": "values-hint", text: t("values.period.hint") })); }
    basket.forEach(function (id) {
      var c = card(id);
      cardsBox.appendChild(c);
      drawChart(id, c);
    });
    var apart = Object.keys(rec.indicators).filter(function (id) { return basket.indexOf(id) < 0 && hasValues(rec.indicators[id]); });
    apartBox.textContent = "";
    apartBox.hidden = apart.length === 0;
    if (apart.length) {
      apartBox.appendChild(el("h2", { id: "values-apart-title", tabindex: "-1", text: t("values.apart.title") }));
      apartBox.appendChild(el("p", { text: t("values.apart.intro") }));
      apartBox.appendChild(el("ul", { "class": "values-apart-list" }, apart.map(apartItem)));
    }
    status();
  }

  // ---- CSV for Excel ----------------------------------------------------------------------

  var VALUE_COLS = ["unit", "baselinePeriod", "targetPeriod", "period", "value", "source", "by", "note"];

  function header() {
    return V.planColumns.map(function (c) { return pt("csv.plan." + c); }).concat(VALUE_COLS.map(function (c) { return t("values.csv." + c); }));
  }

  // exported lists the indicators the file holds: the basket's, then those kept apart.
  function exported() {
    var basket = readBasket();
    return basket.concat(Object.keys(rec.indicators).filter(function (id) { return basket.indexOf(id) < 0 && hasValues(rec.indicators[id]); }));
  }

  // csvText returns the values as one CSV file: the plan's columns (its baseline and target
  // columns hold their values), then the unit, the periods of the baseline and the target,
  // and one row per period (one row with empty period cells when there is none yet).
  function csvText() {
    var rows = [header()];
    exported().forEach(function (id) {
      var ind = rec.indicators[id] || (byId[id] ? fresh(id) : null);
      var it = byId[id] || { id: id, f: {}, src: "", freq: "" };
      it = Object.assign({}, it, { name: it.name || ind.definition.name, def: ind.definition.text });
      var lead = V.planRow(picker, it, plain(ind.baseline.value), plain(ind.target.value)).concat([ind.unit, ind.baseline.period, ind.target.period]);
      var ps = ind.periods.length ? ind.periods : [null];
      ps.forEach(function (p) {
        rows.push(lead.concat(p ? [p.period, plain(p.value), p.source, p.by, p.note] : ["", "", "", "", ""]));
      });
    });
    return V.csv(rows);
  }

  // parseCSVFile reads a file made by csvText and perhaps edited in Excel. It checks all of it
  // first and returns {error} naming the line, or {indicators: {ID: values}, order: [ID]}.
  function parseCSVFile(text) {
    var parsed = V.parseCSV(text);
    if (parsed.error) { return { error: format(t("values.csv.bad.quote"), { line: parsed.line }) }; }
    var rows = parsed.rows;
    var want = header();
    if (!rows.length) { return { error: t("values.csv.bad.empty") }; }
    var head = rows[0].cells;
    for (var c = 0; c < want.length; c++) {
      var found = (head[c] || "").trim();
      if (found !== want[c]) { return { error: format(t("values.csv.bad.columns"), { n: c + 1, found: found, want: want[c] }) }; }
    }
    if (head.slice(want.length).some(function (x) { return x.trim() !== ""; })) {
      return { error: format(t("values.csv.bad.columns.extra"), { n: want.length }) };
    }
    var out = {}, first = {}, order = [];
    var W = want.length, P = V.planColumns.length;
    for (var r = 1; r < rows.length; r++) {
      var line = rows[r].line, cells = rows[r].cells.slice();
      if (cells.slice(W).some(function (x) { return x.trim() !== ""; })) { return { error: format(t("values.csv.bad.count"), { line: line, found: cells.length, want: W }) }; }
      while (cells.length < W) { cells.push(""); }
      // A cell written ="2025-03" (to keep Excel from reading a period as a date) is its text.
      cells = cells.map(function (x) { return x.trim().replace(/^="(.*)"$/, "$1"); });
      if (cells.every(function (x) { return x === ""; })) { continue; }
      var code = cells[0].split(/\s+/)[0];
      if (!ID_RE.test(code) || (!byId[code] && !rec.indicators[code])) { return { error: format(t("values.csv.bad.code"), { line: line, value: cells[0] }) }; }
      var nums = {};
      var spots = [[P - 2, "baseline"], [P - 1, "target"], [P + 4, "value"]];
      for (var s = 0; s < spots.length; s++) {
        var n = parseNumber(cells[spots[s][0]]);
        if (typeof n === "number" && isNaN(n)) { return { error: format(t("values.csv.bad.number"), { line: line, column: want[spots[s][0]], value: cells[spots[s][0]] }) }; }
        nums[spots[s][1]] = n;
      }
      var ind = { unit: cells[P], baseline: { period: cells[P + 1], value: nums.baseline }, target: { period: cells[P + 2], value: nums.target }, periods: [] };
      if (!out[code]) {
        out[code] = ind;
        first[code] = line;
        order.push(code);
      } else {
        // Every row of an indicator repeats its unit, baseline and target: they must agree.
        var o = out[code];
        var diffs = [[o.unit !== ind.unit, P], [o.baseline.value !== ind.baseline.value, P - 2], [o.target.value !== ind.target.value, P - 1],
          [o.baseline.period !== ind.baseline.period, P + 1], [o.target.period !== ind.target.period, P + 2]];
        for (var d = 0; d < diffs.length; d++) {
          if (diffs[d][0]) { return { error: format(t("values.csv.bad.differs"), { line: line, column: want[diffs[d][1]], first: first[code] }) }; }
        }
      }
      var p = { period: cells[P + 3], value: nums.value, source: cells[P + 5], by: cells[P + 6], note: cells[P + 7] };
      if (p.period !== "" || p.value !== null || p.source !== "" || p.by !== "" || p.note !== "") { out[code].periods.push(p); }
    }
    if (!order.length) { return { error: t("values.csv.bad.empty") }; }
    return { indicators: out, order: order };
  }

  function same(a, b) { return JSON.stringify([a.unit, a.baseline, a.target, a.periods]) === JSON.stringify([b.unit, b.baseline, b.target, b.periods]); }

  // changes lists, for the indicators of the file, what the import would replace.
  function changes(file) {
    var list = [];
    file.order.forEach(function (id) {
      var now = rec.indicators[id], next = file.indicators[id];
      if (!hasValues(now) || same(now, next)) { return; }
      var what = [];
      if (now.unit !== next.unit) { what.push(format(t("values.change.unit"), { before: now.unit || "—", after: next.unit || "—" })); }
      if (now.baseline.value !== next.baseline.value || now.baseline.period !== next.baseline.period) {
        what.push(format(t("values.change.baseline"), { before: pointText(now.baseline), after: pointText(next.baseline) }));
      }
      if (now.target.value !== next.target.value || now.target.period !== next.target.period) {
        what.push(format(t("values.change.target"), { before: pointText(now.target), after: pointText(next.target) }));
      }
      what = what.concat(periodChanges(now.periods, next.periods));
      list.push({ id: id, text: format(t("values.change"), { code: id, name: byId[id] ? byId[id].name : now.definition.name, what: what.join(sep(LANG)) }) });
    });
    return list;
  }

  // periodChanges says how the rows of periods change, row by row: a value that changes, a
  // row otherwise changed, rows added or removed at the end.
  function periodChanges(now, next) {
    var what = [];
    for (var i = 0; i < Math.min(now.length, next.length); i++) {
      var a = now[i], b = next[i];
      if (JSON.stringify(a) === JSON.stringify(b)) { continue; }
      if (a.period === b.period && a.source === b.source && a.by === b.by && a.note === b.note) {
        what.push(format(t("values.change.value"), { period: a.period || "?", before: pointText({ value: a.value, period: "" }), after: pointText({ value: b.value, period: "" }) }));
      } else {
        what.push(format(t("values.change.row"), { n: i + 1, period: b.period || a.period || "?" }));
      }
    }
    if (next.length > now.length) { what.push(V.countText(next.length - now.length, "", t("values.change.added.one"), t("values.change.added.other"))); }
    if (now.length > next.length) { what.push(V.countText(now.length - next.length, "", t("values.change.removed.one"), t("values.change.removed.other"))); }
    return what;
  }

  function pointText(p) { return p.value === null ? "—" : number(p.value) + (p.period ? " (" + p.period + ")" : ""); }

  // apply writes the file's values: each indicator of the file replaces the one in the
  // browser (keeping its locked definition); the others stay. Indicators of the file not in
  // the basket are added to it.
  function apply(file) {
    var next = JSON.parse(JSON.stringify(rec));
    file.order.forEach(function (id) {
      var v = file.indicators[id];
      var def = next.indicators[id] ? next.indicators[id].definition : fresh(id).definition;
      next.indicators[id] = { definition: def, unit: v.unit, baseline: v.baseline, target: v.target, periods: v.periods };
    });
    var kept = rec;
    rec = next;
    if (!save()) {
      rec = kept;
      status();
      warn(t("values.csv.failed"));
      return false;
    }
    var basket = readBasket();
    var added = file.order.filter(function (id) { return byId[id] && basket.indexOf(id) < 0; });
    var basketOK = !added.length || writeBasket(basket.concat(added));
    render();
    var text = V.countText(file.order.length, "", t("values.csv.imported.one"), t("values.csv.imported.other"));
    if (added.length) { text += " " + (basketOK ? format(t("values.csv.added"), { codes: added.join(", ") }) : t("values.basket.failed")); }
    say(text);
    return true;
  }

  function closeConfirm(focus) {
    confirmBox.hidden = true;
    confirmBox.textContent = "";
    if (focus) { focus.focus(); }
  }

  // importText checks a CSV file's text and imports it, asking first when it would replace
  // values already kept; it returns what it did: "refused", "asked", "same", "imported".
  function importText(text) {
    closeConfirm();
    var file = parseCSVFile(text);
    if (file.error) { warn(file.error); return "refused"; }
    var changed = file.order.filter(function (id) {
      var now = rec.indicators[id];
      return now ? !same(now, file.indicators[id]) : hasValues(file.indicators[id]);
    });
    if (!changed.length) { say(t("values.csv.same")); return "same"; }
    var list = changes(file);
    if (!list.length) { apply(file); return "imported"; }
    var title = el("h2", { id: "values-confirm-title", tabindex: "-1", text: t("values.confirm.title") });
    var yes = el("button", { type: "button", "class": "button values-confirm-yes", text: t("values.confirm.yes") });
    var no = el("button", { type: "button", "class": "button values-confirm-no", text: t("values.cancel") });
    yes.addEventListener("click", function () { closeConfirm(); if (apply(file)) { message.focus(); } else { fileInput.focus(); } });
    no.addEventListener("click", function () { closeConfirm(fileInput); say(t("values.csv.cancelled")); });
    confirmBox.appendChild(title);
    confirmBox.appendChild(el("p", { text: t("values.confirm.intro") }));
    confirmBox.appendChild(el("ul", null, list.map(function (c) { return el("li", { text: c.text }); })));
    var fresh2 = changed.length - list.length;
    if (fresh2 > 0) { confirmBox.appendChild(el("p", { text: V.countText(fresh2, "", t("values.confirm.others.one"), t("values.confirm.others.other")) })); }
    confirmBox.appendChild(el("div", { "class": "values-actions" }, [yes, no]));
    confirmBox.hidden = false;
    title.focus();
    return "asked";
  }

  function download() { V.download(t("values.csv.filename"), csvText(), "text/csv;charset=utf-8"); }

  // ---- Start ------------------------------------------------------------------------------

  var exportButton = el("button", { type: "button", "class": "button values-export", text: t("values.csv.export") });
  exportButton.addEventListener("click", download);
  V.onFileChosen(fileInput, importText, function () { warn(t("values.csv.unreadable")); });
  message.setAttribute("tabindex", "-1");
  // Escape answers the confirmation panel "cancel".
  confirmBox.addEventListener("keydown", function (e) {
    var no = confirmBox.querySelector(".values-confirm-no");
    if (e.key === "Escape" && !confirmBox.hidden && no) { no.click(); }
  });

  var tools = el("section", { "class": "values-tools", "aria-labelledby": "values-tools-title" }, [
    el("h2", { id: "values-tools-title", tabindex: "-1", text: t("values.csv.title") }),
    el("p", { "class": "values-hint", text: t("values.csv.hint") }),
    el("div", { "class": "values-actions" }, [exportButton,
      el("label", { "class": "button values-import-label" }, [t("values.csv.import"), fileInput])]),
    confirmBox
  ]);
  mount.textContent = "";
  mount.appendChild(tools);
  mount.appendChild(alertBox);
  mount.appendChild(message);
  mount.appendChild(cardsBox);
  mount.appendChild(apartBox);
  mount.appendChild(statusLine);

  var notes = load();
  mount.hidden = false;
  render();
  if (notes.length) { warn(notes.join(" ")); }
  var nojs = document.getElementById("values-nojs");
  if (nojs) { nojs.hidden = true; }
  document.body.classList.add("values-ready");

  // Another tab that changes the basket or the values redraws this page.
  window.addEventListener("storage", function (e) {
    if (e.key !== KEY && e.key !== BASKET) { return; }
    if (e.key === KEY) { rec = read() || rec; }
    render();
  });

  api.page = { csv: csvText, importText: importText, record: function () { return rec; } };
})();
