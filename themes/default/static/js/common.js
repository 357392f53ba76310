// What the theme's scripts share, as one object, window.vises: accent folding, "{n}" texts and
// counts, localStorage calls that never throw, element creation, the CSV files for Excel
// (the collection plan's columns and rows), downloads, reading a chosen file, and saved
// records that cannot be read kept aside. base.html loads it before
// every other script of the theme.
(function () {
  "use strict";

  // fold lowers the case of s and takes the accents off, so that "Coopératives" finds
  // "cooperatives"; subscript digits become digits ("CO₂" finds "co2"). internal/search normalizes the words of the index the same way.
  function fold(s) {
    return String(s === null || s === undefined ? "" : s).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss")
      .replace(/[\u2080-\u2089]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0x2050); }); // CO₂ -> co2
  }

  // format replaces every {name} of template by vals[name]; a name without a value stays.
  function format(template, vals) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return vals[k] !== undefined ? String(vals[k]) : m;
    });
  }

  // countText returns the text for n things: zero when n is 0, else one or other with {n} filled in.
  function countText(n, zero, one, other) {
    return n === 0 ? zero : format(n === 1 ? one : other, { n: n });
  }

  // storage is the browser's localStorage through calls that never throw: storage may be
  // disabled, full, or refused to pages opened from disk.
  var storage = {
    // get returns the value kept under key, null when there is none, and undefined when the
    // storage cannot be read.
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return undefined; }
    },
    // set keeps value under key and says whether it could (false when the storage is full or
    // disabled).
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
    },
    // remove deletes key and says whether it could.
    remove: function (key) {
      try { window.localStorage.removeItem(key); return true; } catch (e) { return false; }
    }
  };

  // el returns a new element: attrs are its attributes ("text" sets its text; null and
  // undefined values are left out), children its child nodes (a string becomes text; empty
  // ones are skipped).
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") { node.textContent = attrs[k]; } else if (attrs[k] !== null && attrs[k] !== undefined) { node.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) {
      if (typeof c === "string") { c = c ? document.createTextNode(c) : null; }
      if (c) { node.appendChild(c); }
    });
    return node;
  }

  // csv returns rows (lists of cells) as Excel opens them in French and Dutch locales: a byte
  // order mark, semicolons, CRLF, fields quoted when they need it.
  function csv(rows) {
    return "\ufeff" + rows.map(function (row) {
      return row.map(function (v) {
        v = String(v === null || v === undefined ? "" : v);
        return /[";\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
      }).join(";");
    }).join("\r\n") + "\r\n";
  }

  // parseCSV reads text written by csv, or by Excel saving "CSV UTF-8 (;)", into rows of cells
  // with the line of the file each row starts at: [{line, cells}]. The byte order mark is
  // dropped; quoted fields may hold semicolons, quotes ("") and line breaks; empty lines are
  // skipped. A quote left open is an error: {error: "quote", line}.
  function parseCSV(text) {
    text = String(text).replace(/^\ufeff/, "");
    var rows = [], cells = [], cell = "", line = 1, start = 1, quoted = false, i = 0, n = text.length;
    function endRow() {
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== "") { rows.push({ line: start, cells: cells }); }
      cells = []; cell = "";
    }
    while (i < n) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        if (c === '"') { quoted = false; i++; continue; }
        if (c === "\n") { line++; }
        cell += c; i++;
        continue;
      }
      if (c === '"' && cell === "") { quoted = true; i++; continue; }
      if (c === ";") { cells.push(cell); cell = ""; i++; continue; }
      if (c === "\r" && text[i + 1] === "\n") { i++; continue; }
      if (c === "\n" || c === "\r") { endRow(); line++; start = line; i++; continue; }
      cell += c; i++;
    }
    if (quoted) { return { error: "quote", line: start }; }
    if (cell !== "" || cells.length) { endRow(); }
    return { rows: rows };
  }

  // planColumns are the columns of the collection plan (picker.js, values.js), named by the
  // UI strings csv.plan.*; planRow returns an indicator's row of the plan from the catalogue's
  // data (window.VISES_PICKER): the card suggests the owner, time cost, minimum numbers and
  // breakdown; baseline and target are the structure's own values, given or left empty.
  var planColumns = ["indicator", "definition", "method", "source", "frequency", "timeCost", "minN", "disaggregation", "owner", "baseline", "target"];
  function planRow(data, it, baseline, target) {
    var methods = {};
    data.facets.forEach(function (f) {
      if (f.name === "methods") { f.values.forEach(function (v) { methods[v.code] = v.label; }); }
    });
    return [it.id + " " + it.name, it.def, (it.f.methods || []).map(function (c) { return methods[c]; }).join(", "),
      it.src, it.freq, it.time || "", it.minN || "", it.disag || "", it.owner || "",
      baseline === undefined ? "" : baseline, target === undefined ? "" : target];
  }

  // download saves text as a file named name, of MIME type type, as a download of the browser.
  function download(name, text, type) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // onFileChosen reads the file chosen in the file input as text (UTF-8) each time one is
  // chosen: done(text) with its text, failed() when the browser cannot read it; the input is
  // emptied after, so that the same file can be chosen again.
  function onFileChosen(input, done, failed) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      var reader = new FileReader();
      reader.onload = function () { done(String(reader.result)); input.value = ""; };
      reader.onerror = function () { failed(); input.value = ""; };
      reader.readAsText(file, "utf-8");
    });
  }

  // keepAside keeps raw, the text of a saved record under key that cannot be read, under
  // key.unreadable.TIME (TIME: the date and time, as 2026-12-03T10-00-00-000Z), and removes key
  // only once that copy is written. It returns the key of the copy, or "" when the storage
  // refused it: key then still holds the record, and writing over it would lose it.
  function keepAside(key, raw) {
    var aside = key + ".unreadable." + new Date().toISOString().replace(/[:.]/g, "-");
    if (!storage.set(aside, raw)) { return ""; }
    storage.remove(key);
    return aside;
  }

  // loadRecord reads the JSON record saved under key: {rec} for one that check(rec) accepts
  // (check returns "" or a message), {} when there is none, {blocked: true} when the storage
  // cannot be read. A record that cannot be read (not JSON, or refused by check) is kept aside
  // (keepAside): {problem: check's message, "" when the text is not JSON, aside: the key of
  // the copy, "" when the storage refused it}.
  function loadRecord(key, check) {
    var raw = storage.get(key);
    if (raw === undefined) { return { blocked: true }; }
    if (raw === null) { return {}; }
    var rec, json = true;
    try { rec = JSON.parse(raw); } catch (e) { json = false; }
    var problem = json ? check(rec) : "";
    if (json && problem === "") { return { rec: rec }; }
    return { problem: problem, aside: keepAside(key, raw) };
  }

  window.vises = { fold: fold, format: format, countText: countText, storage: storage, el: el, download: download,
    csv: csv, parseCSV: parseCSV, planColumns: planColumns, planRow: planRow,
    onFileChosen: onFileChosen, keepAside: keepAside, loadRecord: loadRecord };
})();

// The rules of a worksheet's saved record, window.vises.worksheets (docs/evaluation.md), written
// once for the worksheet page (worksheet.js) and the dossier (dossier.js).
(function () {
  "use strict";

  // A spec says what a worksheet's record may hold: {id, signature, items: {KEY: {kind, values,
  // label}}}, one entry per answer key (an item, or ITEM.ROW.COLUMN for a table cell); kind is "one" (a
  // scale or choice: one of values), "list" (multi or checklist: a list of values) or "text".
  var worksheets = {
    FORMAT: "vises-worksheet",
    VERSION: 1,
    // spec returns the spec of a worksheet as its form draws it (worksheetform.View, as
    // evaluation-data.js gives it).
    spec: function (view) {
      var items = {};
      (view.sections || []).forEach(function (sec) {
        (sec.items || []).forEach(function (it) {
          if (it.kind === "table") {
            (it.rows || []).forEach(function (r) {
              (it.columns || []).forEach(function (c) {
                items[it.id + "." + r + "." + c.id] = { kind: "text", values: {}, label: it.label + " — " + c.label + " (" + r + ")" };
              });
            });
            return;
          }
          var kind = it.kind === "scale" || it.kind === "choice" ? "one" : (it.kind === "multi" || it.kind === "checklist" ? "list" : "text");
          var values = {};
          (it.points || []).concat(it.options || []).forEach(function (p) { values[p.value] = true; });
          if (it.na) { values.na = true; }
          items[it.id] = { kind: kind, values: values, label: it.label };
        });
      });
      return { id: view.id, signature: view.signature, items: items };
    },
    // check returns "" when rec is a record of the worksheet of spec that its form can show,
    // else the message msg(code, vals) gives for the first problem: badfile (not a worksheet
    // record, or damaged), newer (a later version), otherws (another worksheet: {name}), oldws
    // (another version of this worksheet), unknownitem (an answer to no question: {item}),
    // badvalue (an answer the question cannot hold: {item}, {value}).
    check: function (rec, spec, msg) {
      if (!rec || typeof rec !== "object" || rec.format !== worksheets.FORMAT || typeof rec.version !== "number") { return msg("badfile", {}); }
      if (rec.version > worksheets.VERSION) { return msg("newer", {}); }
      if (rec.worksheet !== spec.id) { return msg("otherws", { name: String(rec.worksheet) }); }
      if (rec.signature !== spec.signature) { return msg("oldws", {}); }
      if (!Array.isArray(rec.respondents) || rec.respondents.length < 1 || rec.respondents.length > 2) { return msg("badfile", {}); }
      for (var i = 0; i < rec.respondents.length; i++) {
        var r = rec.respondents[i];
        if (!r || typeof r !== "object" || typeof r.name !== "string" || !r.answers || typeof r.answers !== "object" || Array.isArray(r.answers)) { return msg("badfile", {}); }
        // Every answer must be one the form can show: an answer outside the scale, of the
        // wrong kind or to a question the worksheet does not have is refused, naming the
        // question.
        for (var k in r.answers) {
          if (!Object.prototype.hasOwnProperty.call(r.answers, k)) { continue; }
          var problem = answerProblem(spec, k, r.answers[k], msg);
          if (problem) { return problem; }
        }
      }
      return "";
    }
  };

  // filled says whether v, an answer, holds something: a non-empty list, a text not blank.
  function filled(v) { return Array.isArray(v) ? v.length > 0 : typeof v === "string" && v.trim() !== ""; }
  // answered says whether answers, a respondent's, hold an answer to item it of a worksheet's
  // view (as evaluation-data.js gives it): a table is answered when one of its cells is filled.
  worksheets.answered = function (it, answers) {
    if (it.kind === "table") {
      return (it.rows || []).some(function (r) { return (it.columns || []).some(function (c) { return filled(answers[it.id + "." + r + "." + c.id]); }); });
    }
    return filled(answers[it.id]);
  };
  worksheets.filled = filled;

  // answerProblem returns a message when v is not an answer that key k of spec accepts, or "".
  function answerProblem(spec, k, v, msg) {
    var it = Object.prototype.hasOwnProperty.call(spec.items, k) ? spec.items[k] : null;
    if (!it) { return msg("unknownitem", { item: k }); }
    // A message names the question by its label, cut to about 90 characters.
    var name = it.label.length > 90 ? it.label.slice(0, 88).replace(/\s+\S*$/, "") + " …" : it.label;
    var bad = function (x) { return msg("badvalue", { item: name, value: typeof x === "string" ? x : JSON.stringify(x) }); };
    if (it.kind === "text") { return typeof v === "string" ? "" : bad(v); }
    if (it.kind === "one") { return typeof v === "string" && it.values[v] === true ? "" : bad(v); }
    if (!Array.isArray(v)) { return bad(v); }
    for (var i = 0; i < v.length; i++) {
      if (typeof v[i] !== "string" || it.values[v[i]] !== true) { return bad(v[i]); }
    }
    return "";
  }

  window.vises.worksheets = worksheets;
})();
