// Worksheets in the browser: answers of two respondents saved in localStorage on every change,
// live scores with their formula, a radar drawn as inline SVG, export and import of the answers
// as a JSON file, print and reset. The form itself works and prints without this script.
// Bad data never replaces answers: an unreadable saved record is kept aside, and a file of
// another worksheet, of another version or of another kind, or holding an answer the form
// cannot show (outside the scale, of the wrong kind, to an unknown question), is refused with
// a message naming the question. A write the storage refuses is reported, never shown as saved. The
// helpers come from common.js (window.vises).
(function () {
  "use strict";

  var fill = window.vises.format, storage = window.vises.storage;

  var FORMAT = window.vises.worksheets.FORMAT;
  var VERSION = window.vises.worksheets.VERSION;
  var form = document.getElementById("worksheet");
  var tools = document.getElementById("ws-tools");
  if (!form || !tools) { return; }

  var id = form.getAttribute("data-worksheet");
  var signature = form.getAttribute("data-signature");
  var KEY = "vises.worksheet." + id;
  var lang = document.documentElement.getAttribute("lang") || "fr";

  function ui(name) { return tools.getAttribute("data-" + name) || ""; }
  function fmtDate(iso) {
    try {
      return new Date(iso).toLocaleString(lang === "nl" ? "nl-BE" : "fr-FR", { dateStyle: "long", timeStyle: "short" });
    } catch (e) {
      return iso;
    }
  }

  var state = { respondents: [{ name: "", answers: {} }, { name: "", answers: {} }], saved: null, exported: null };
  var current = 0;
  var message = tools.querySelector(".ws-message");
  var status = tools.querySelector(".ws-status");
  var nameInput = tools.querySelector(".ws-name");

  function say(text) { message.textContent = text || ""; }

  // ---- The form's controls ----------------------------------------------------------------

  function controls() {
    return Array.prototype.slice.call(form.querySelectorAll("input[name], textarea[name]"));
  }
  // spec says what the record may hold (window.vises.worksheets): each answer key of the form,
  // its kind ("one" for radio buttons, "list" for checkboxes, "text"), the values of its
  // buttons or boxes, and the words that name it in a message (the question, and the column and
  // row of a table cell). The journey's dossier reads the same from the worksheet's view.
  var spec = { id: id, signature: signature, items: {} };
  controls().forEach(function (c) {
    var k = spec.items[c.name];
    if (!k) {
      var item = c.closest(".ws-item");
      var q = item ? item.querySelector("legend, .ws-label") : null;
      var label = q ? q.textContent.replace(/\s+/g, " ").trim() : c.name;
      if (c.getAttribute("aria-label")) { label += " — " + c.getAttribute("aria-label"); }
      k = spec.items[c.name] = { kind: c.type === "radio" ? "one" : (c.type === "checkbox" ? "list" : "text"), values: {}, label: label };
    }
    if (k.kind !== "text") { k.values[c.value] = true; }
  });

  function readForm() {
    var answers = {};
    controls().forEach(function (c) {
      if (c.type === "radio") {
        if (c.checked) { answers[c.name] = c.value; }
      } else if (c.type === "checkbox") {
        if (c.checked) { (answers[c.name] = answers[c.name] || []).push(c.value); }
      } else if (c.value !== "") {
        answers[c.name] = c.value;
      }
    });
    return answers;
  }

  function writeForm(answers) {
    controls().forEach(function (c) {
      var v = answers[c.name];
      if (c.type === "radio") {
        c.checked = v === c.value;
      } else if (c.type === "checkbox") {
        c.checked = Array.isArray(v) && v.indexOf(c.value) >= 0;
      } else {
        c.value = typeof v === "string" ? v : "";
      }
    });
  }

  // ---- Records: what is saved and exported --------------------------------------------------

  function record() {
    return {
      format: FORMAT, version: VERSION, worksheet: id, signature: signature,
      respondents: state.respondents, saved: state.saved, exported: state.exported
    };
  }

  // check returns a message when rec cannot be loaded, or "" when it can.
  function check(rec) {
    return window.vises.worksheets.check(rec, spec, function (code, vals) { return fill(ui(code), vals); });
  }

  function adopt(rec) {
    var rs = rec.respondents.map(function (r) { return { name: r.name, answers: r.answers }; });
    while (rs.length < 2) { rs.push({ name: "", answers: {} }); }
    state = { respondents: rs, saved: rec.saved || null, exported: rec.exported || null };
  }

  // unsaved is true while the last changes could not be written to the storage.
  var unsaved = false;

  // save writes the answers to the storage and says whether it could. A failed write is
  // reported in the message and the status line, never shown as saved.
  function save() {
    var before = state.saved;
    state.saved = new Date().toISOString();
    var ok = storage.set(KEY, JSON.stringify(record()));
    if (ok) {
      unsaved = false;
      if (message.textContent === ui("quota")) { say(""); }
    } else {
      state.saved = before;
      unsaved = true;
      say(ui("quota"));
    }
    showStatus();
    return ok;
  }

  function load() {
    var got = window.vises.loadRecord(KEY, check);
    if (got.blocked) { // the storage cannot be read
      say(ui("quota"));
      return;
    }
    if (got.rec) { adopt(got.rec); return; }
    if (got.aside === undefined) { return; } // nothing saved yet
    // The unreadable record is kept aside, never overwritten. If the storage refuses, the
    // message says it.
    if (got.aside) {
      say(ui("corrupt"));
    } else {
      unsaved = true;
      say(ui("corrupt") + " " + ui("quota"));
    }
  }

  function showStatus() {
    status.classList.toggle("ws-status-unsaved", unsaved);
    if (unsaved) {
      status.textContent = ui("unsaved") + (state.saved ? " · " + fill(ui("saved"), { date: fmtDate(state.saved) }) : "");
      return;
    }
    if (!state.saved) {
      status.textContent = ui("notsaved");
      return;
    }
    status.textContent = fill(ui("saved"), { date: fmtDate(state.saved) }) + " · " +
      (state.exported ? fill(ui("exported"), { date: fmtDate(state.exported) }) : ui("never"));
  }

  // ---- Scores and radar ---------------------------------------------------------------------

  // score returns the score of the scale items in scope for a respondent's answers (radar.js).
  function score(scope, answers) {
    var items = Array.prototype.map.call(scope.querySelectorAll(".ws-points"), function (scale) {
      return { id: scale.closest(".ws-item").getAttribute("data-item"), max: parseInt(scale.closest(".ws-choices").getAttribute("data-max"), 10) };
    });
    return window.vises.radar.score(items, answers);
  }

  function describe(s) {
    if (s.pct === null) { return ui("score-none"); }
    var maxText = s.maxes.every(function (m) { return m === s.maxes[0]; }) ? s.maxes.length + " × " + s.maxes[0] : s.maxes.join(" + ");
    var text = fill(ui("score"), { pct: String(s.pct).replace(".", ","), sum: s.parts.join(" + "), max: maxText });
    if (s.na) { text += " · " + fill(ui("na"), { n: s.na }); }
    return text;
  }

  var scoredSections = Array.prototype.slice.call(form.querySelectorAll("fieldset.ws-scored"));

  function showScores() {
    var answers = state.respondents[current].answers;
    scoredSections.forEach(function (sec) {
      var p = sec.querySelector(".ws-score");
      var s = score(sec, answers);
      p.querySelector(".ws-score-live").textContent = describe(s);
      // A section without answers prints the blank line to fill in by hand.
      p.classList.toggle("ws-empty", s.pct === null && s.na === 0);
    });
    var overall = form.querySelector(".ws-overall");
    if (overall) {
      overall.hidden = false;
      overall.textContent = fill(ui("overall"), { score: describe(score(form, answers)) });
    }
    drawRadar();
  }

  // drawRadar draws the radar of the scored sections, one shape per respondent (radar.js).
  function drawRadar() {
    var fig = document.getElementById("ws-radar");
    if (!fig || scoredSections.length < 3) { return; }
    fig.hidden = false;
    var old = fig.querySelector("svg");
    if (old) { old.remove(); }
    var root = window.vises.radar.draw({
      id: "ws-radar", title: ui("radar-title"),
      axes: scoredSections.map(function (sec) { return sec.querySelector("legend").textContent; }),
      series: state.respondents.map(function (r, ri) {
        return {
          name: r.name || ui(ri === 0 ? "respondent-a" : "respondent-b"),
          fractions: scoredSections.map(function (sec) { var s = score(sec, r.answers); return s.pct === null ? null : s.pct / 100; })
        };
      })
    });
    fig.insertBefore(root, fig.firstChild);
  }

  // ---- Respondents --------------------------------------------------------------------------

  var respondentButtons = Array.prototype.slice.call(tools.querySelectorAll(".ws-respondent"));
  function showRespondent(i) {
    current = i;
    respondentButtons.forEach(function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-respondent") === String(i) ? "true" : "false"); });
    nameInput.value = state.respondents[i].name;
    writeForm(state.respondents[i].answers);
    showScores();
    showPrintName();
  }
  respondentButtons.forEach(function (b) {
    b.addEventListener("click", function () { showRespondent(parseInt(b.getAttribute("data-respondent"), 10)); });
  });
  nameInput.addEventListener("input", function () {
    state.respondents[current].name = nameInput.value;
    save();
    drawRadar();
    showPrintName();
  });

  // ---- Print ----------------------------------------------------------------------------------

  // The printed page carries its own header and footer (print.css draws them in the page
  // margins from these attributes of the root element, which the page's margin boxes can read):
  // kit and worksheet title, address, licence, and whose answers the paper holds. The name of the
  // current respondent, or "Respondent A/B" when answers have no name, also fills the "Filled in
  // by" line at the top of the form.
  var docRoot = document.documentElement;
  ["head", "url", "licence"].forEach(function (k) { docRoot.setAttribute("data-ws-" + k, form.getAttribute("data-print-" + k) || ""); });
  var paperName = form.querySelector(".ws-paper-name");
  function showPrintName() {
    var r = state.respondents[current];
    var name = r.name.trim();
    if (!name && Object.keys(r.answers).length > 0) { name = ui(current === 0 ? "respondent-a" : "respondent-b"); }
    if (paperName) { paperName.textContent = name; }
    if (name) {
      docRoot.setAttribute("data-ws-by", form.getAttribute("data-print-by") + " " + name);
    } else {
      docRoot.setAttribute("data-ws-by", "");
    }
  }

  // ---- Changes, export, import, print, reset ----------------------------------------------

  function changed() {
    state.respondents[current].answers = readForm();
    save();
    showScores();
    showPrintName();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  tools.querySelector(".ws-export").addEventListener("click", function () {
    state.exported = new Date().toISOString();
    window.vises.download(id + "-" + state.exported.slice(0, 10) + ".json", JSON.stringify(record(), null, 2) + "\n", "application/json");
    save();
  });

  var importInput = tools.querySelector(".ws-import");
  function importText(text) {
    var rec = null;
    try { rec = JSON.parse(text); } catch (e) { rec = null; }
    var problem = check(rec);
    if (problem) {
      say(problem);
      return false;
    }
    var hasAnswers = state.respondents.some(function (r) { return Object.keys(r.answers).length > 0; });
    if (hasAnswers && !window.confirm(ui("replace"))) { return false; }
    var before = state, wasUnsaved = unsaved, exported = state.exported;
    adopt(rec);
    state.exported = rec.exported || exported;
    if (!save()) {
      // The storage refused the answers: keep the current ones, which are still those stored,
      // and say that nothing was imported.
      state = before;
      unsaved = wasUnsaved;
      say(ui("import-unsaved"));
      showStatus();
      return false;
    }
    showRespondent(0);
    say(ui("imported"));
    return true;
  }
  window.vises.onFileChosen(importInput, importText, function () { say(ui("badfile")); });

  tools.querySelector(".ws-print").addEventListener("click", function () { window.print(); });
  tools.querySelector(".ws-reset").addEventListener("click", function () {
    if (!window.confirm(ui("reset-confirm"))) { return; }
    state.respondents = [{ name: "", answers: {} }, { name: "", answers: {} }];
    save();
    showRespondent(0);
  });

  // ---- Start ----------------------------------------------------------------------------------

  load();
  tools.hidden = false;
  document.body.classList.add("ws-ready");
  showRespondent(0);
  showStatus();
  window.visesWorksheet = { importText: importText, record: record, key: KEY, spec: spec };
})();
