// The indicator picker: facet filters, accent-insensitive search (also by related words:
// keywords and glossary synonyms, written by the build), a selection basket kept in the browser
// (localStorage) and in the address (so a link restores the same view), and the export of the
// selection as a data-collection plan. A link with another selection (#sel=…) shows it as a
// selection shared with the reader, leaving her own basket stored as it was until she adds the
// shared indicators to it or goes back to it. It enhances the catalogue page, which
// lists every indicator without JavaScript, and adds an add/remove button to indicator pages.
// Nothing is sent anywhere. The data comes from picker-data.js (window.VISES_PICKER); the
// helpers from common.js (window.vises).
(function () {
  "use strict";

  var fold = window.vises.fold, format = window.vises.format, countText = window.vises.countText;
  var storage = window.vises.storage, el = window.vises.el;

  var BASKET_KEY = "vises.basket";
  var PREVIOUS_KEY = "vises.basket.previous";
  var BASKET_VERSION = 1;
  var WARN_AT = 12;
  var ID_RE = /^[A-Z]{3}-[0-9]{2,3}$/;

  // ---- Basket storage -------------------------------------------------------------------

  function readStored(key) {
    var raw = storage.get(key);
    if (!raw) { return []; }
    var rec = null;
    try { rec = JSON.parse(raw); } catch (e) { rec = null; }
    if (!rec || rec.v !== BASKET_VERSION || !Array.isArray(rec.ids)) { return []; }
    return rec.ids.filter(function (id) { return typeof id === "string" && ID_RE.test(id); });
  }

  function writeStored(key, ids) {
    return storage.set(key, JSON.stringify({ v: BASKET_VERSION, ids: ids }));
  }

  function uniq(list) {
    var seen = {};
    return list.filter(function (x) {
      if (seen[x]) { return false; }
      seen[x] = true;
      return true;
    });
  }

  // ---- Indicator pages: add or remove this indicator ------------------------------------

  function initToggle(box) {
    var id = box.getAttribute("data-basket-id");
    if (!ID_RE.test(id)) { return; }
    var button = el("button", { type: "button", "class": "button basket-button" });
    var status = el("p", { "class": "basket-status", role: "status" });
    function draw() {
      var ids = readStored(BASKET_KEY);
      var on = ids.indexOf(id) >= 0;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = box.getAttribute(on ? "data-label-remove" : "data-label-add");
      status.textContent = "";
      if (ids.length > 0) {
        var link = el("a", { href: box.getAttribute("data-catalogue") + "#sel=" + ids.join(","), text: format(box.getAttribute("data-label-count"), { n: ids.length }) });
        status.appendChild(link);
      }
    }
    button.addEventListener("click", function () {
      var ids = readStored(BASKET_KEY);
      var i = ids.indexOf(id);
      if (i >= 0) { ids.splice(i, 1); } else { ids.push(id); }
      var ok = writeStored(BASKET_KEY, ids);
      draw();
      // The button shows what the storage holds; a refused write is said, not hidden.
      if (!ok) { status.insertBefore(el("span", { "class": "basket-failed", text: box.getAttribute("data-label-failed") + " " }), status.firstChild); }
    });
    window.addEventListener("storage", draw);
    box.appendChild(button);
    box.appendChild(status);
    draw();
  }

  // ---- The catalogue picker -------------------------------------------------------------

  function Picker(mount, data) {
    this.mount = mount;
    this.data = data;
    this.ui = data.ui || {};
    this.byId = {};
    this.labels = {};
    var self = this;
    data.facets.forEach(function (f) {
      self.labels[f.name] = {};
      f.values.forEach(function (v) { self.labels[f.name][v.code] = v.label; });
    });
    data.items.forEach(function (it) {
      self.byId[it.id] = it;
      // Related words (keywords, glossary terms and their synonyms in both languages) are
      // searched too: "employabilité" finds the indicators of skills.
      it.text = fold([it.id, it.name, it.def, self.labels.theme[it.f.theme[0]], it.kw || ""].join(" "));
    });
    this.state = { q: "", filters: {}, sel: [], view: "list" };
    // shared is true while the page shows a selection that came with a link (#sel=…) and
    // differs from the reader's own basket; the own basket then stays in the storage,
    // untouched, until the reader adds the shared indicators to it or goes back to it.
    this.shared = false;
  }

  Picker.prototype.t = function (id) { return this.ui[id] || id; };

  // State in the address: #q=…&dimension=social,economic&sel=SOC-01,ECO-02&view=plan.
  Picker.prototype.readHash = function () {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var st = { q: params.get("q") || "", filters: {}, sel: null, view: params.get("view") === "plan" ? "plan" : "list" };
    var self = this;
    this.data.facets.forEach(function (f) {
      var v = params.get(f.name);
      if (v) {
        st.filters[f.name] = v.split(",").filter(function (c) { return self.labels[f.name][c] !== undefined; });
      }
    });
    if (params.has("sel")) {
      st.sel = uniq(params.get("sel").split(",").filter(function (id) { return self.byId[id]; }));
    }
    return st;
  };

  Picker.prototype.hash = function () {
    var parts = [];
    var st = this.state;
    if (st.q) { parts.push("q=" + encodeURIComponent(st.q)); }
    this.data.facets.forEach(function (f) {
      var v = st.filters[f.name];
      if (v && v.length) { parts.push(f.name + "=" + v.map(encodeURIComponent).join(",")); }
    });
    if (st.sel.length) { parts.push("sel=" + st.sel.join(",")); }
    if (st.view === "plan") { parts.push("view=plan"); }
    return parts.length ? "#" + parts.join("&") : "";
  };

  Picker.prototype.writeHash = function () {
    var h = this.hash();
    var url = window.location.href.replace(/#.*$/, "") + h;
    try {
      window.history.replaceState(null, "", url);
    } catch (e) {
      if (window.location.hash !== h) { window.location.hash = h; }
    }
    // The language switch leads to the same view in the other language.
    document.querySelectorAll(".lang-switch a[hreflang]").forEach(function (a) {
      a.setAttribute("href", a.getAttribute("href").replace(/#.*$/, "") + h);
    });
  };

  // own returns the reader's own basket, as kept in the storage.
  Picker.prototype.own = function () {
    return readStored(BASKET_KEY).filter(function (id) { return this.byId[id]; }, this);
  };

  // adopt makes st the picker's state: a selection from the address that is not the reader's
  // own basket is shown as a shared one.
  Picker.prototype.adopt = function (st) {
    var own = this.own();
    if (st.sel === null) {
      st.sel = this.shared ? this.state.sel : own;
    } else if (st.sel.join(",") !== own.join(",")) {
      this.shared = true;
    } else {
      this.shared = false;
    }
    this.state = st;
  };

  Picker.prototype.start = function () {
    this.adopt(this.readHash());
    this.build();
    this.save();
    this.render();
    this.mount.hidden = false;
    var list = document.getElementById("catalogue-static");
    if (list) { list.hidden = true; }
  };

  // save keeps the view in the address and, unless a shared selection is shown, the basket
  // in the storage; storageOK says whether the storage took it.
  Picker.prototype.save = function () {
    if (!this.shared) { this.storageOK = writeStored(BASKET_KEY, this.state.sel); }
    this.writeHash();
  };

  Picker.prototype.matches = function (it, skipFacet) {
    var st = this.state;
    var words = fold(st.q).split(/\s+/).filter(Boolean);
    for (var i = 0; i < words.length; i++) {
      if (it.text.indexOf(words[i]) < 0) { return false; }
    }
    for (var f in st.filters) {
      if (f === skipFacet || !st.filters[f].length) { continue; }
      var vals = it.f[f] || [];
      var ok = st.filters[f].some(function (v) { return vals.indexOf(v) >= 0; });
      if (!ok) { return false; }
    }
    return true;
  };

  Picker.prototype.build = function () {
    var self = this;
    var m = this.mount;
    m.textContent = "";

    this.noticeBox = el("div", { "class": "picker-notice", role: "status" });
    m.appendChild(this.noticeBox);

    var form = el("form", { "class": "picker-form", role: "search", "aria-label": this.t("picker.filters") });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var q = el("input", { type: "search", id: "picker-q", autocomplete: "off", spellcheck: "false" });
    q.value = this.state.q;
    q.addEventListener("input", function () { self.state.q = q.value; self.save(); self.render(); });
    form.appendChild(el("div", { "class": "picker-search" }, [
      el("label", { "for": "picker-q", text: this.t("picker.search") }),
      q,
      el("p", { "class": "picker-hint", id: "picker-q-hint", text: this.t("picker.search.hint") })
    ]));
    q.setAttribute("aria-describedby", "picker-q-hint");
    this.q = q;

    this.facetBoxes = {};
    var facets = el("div", { "class": "picker-facets" });
    this.data.facets.forEach(function (f) {
      var fs = el("fieldset", { "class": "picker-facet" }, [el("legend", { text: f.label })]);
      var list = el("ul", { "class": "picker-options" });
      self.facetBoxes[f.name] = {};
      f.values.forEach(function (v) {
        var id = "f-" + f.name + "-" + v.code;
        var box = el("input", { type: "checkbox", id: id, value: v.code });
        box.addEventListener("change", function () { self.toggleFilter(f.name, v.code, box.checked); });
        var count = el("span", { "class": "picker-option-count" });
        list.appendChild(el("li", null, [box, el("label", { "for": id }, [v.label + " ", count])]));
        self.facetBoxes[f.name][v.code] = { box: box, count: count };
      });
      fs.appendChild(list);
      var details = el("details", { "class": "picker-facet-group" }, [el("summary", { text: f.label }), fs]);
      if (f.name === "dimension" || f.name === "level" || f.name === "effort") { details.open = true; }
      facets.appendChild(details);
    });
    // On a phone the filters are folded behind a button that counts those on, so that the
    // results come first; from 56rem on the button is hidden and the filters always shown.
    facets.id = "picker-facets";
    this.filtersButton = el("button", { type: "button", "class": "picker-filters-button", "aria-expanded": "false", "aria-controls": "picker-facets" });
    this.filtersButton.addEventListener("click", function () {
      var open = self.filtersButton.getAttribute("aria-expanded") !== "true";
      self.filtersButton.setAttribute("aria-expanded", open ? "true" : "false");
      form.classList.toggle("picker-filters-open", open);
    });
    form.appendChild(this.filtersButton);
    form.appendChild(facets);
    m.appendChild(form);

    this.chips = el("div", { "class": "picker-chips", "aria-label": this.t("picker.active") });
    m.appendChild(this.chips);
    this.count = el("p", { "class": "picker-count", id: "picker-count", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    m.appendChild(this.count);
    this.results = el("ul", { "class": "picker-results", "aria-labelledby": "picker-count" });
    m.appendChild(this.results);

    var basketTitle = el("h2", { id: "picker-basket-title", text: this.t("picker.basket") });
    this.basketTitle = basketTitle;
    this.basketList = el("ol", { "class": "picker-basket-list" });
    this.basketWarn = el("p", { "class": "picker-warning", role: "alert" });
    this.basketStatus = el("p", { "class": "picker-basket-status", role: "status" });
    var actions = el("div", { "class": "picker-actions" }, [
      this.button(this.t("picker.export"), "picker-export", function () { self.download(); }),
      this.button(this.t("picker.plan"), "picker-plan-button", function () { self.showPlan(true); }),
      this.button(this.t("picker.cards"), "picker-cards", function () {
        window.location.href = self.mount.getAttribute("data-cards") + "#sel=" + self.state.sel.join(",");
      }),
      this.button(this.t("picker.clear"), "picker-clear", function () {
        if (self.state.sel.length && window.confirm(self.t("picker.clear.confirm"))) {
          writeStored(PREVIOUS_KEY, self.state.sel);
          self.state.sel = [];
          self.save();
          self.render();
        }
      })
    ]);
    this.basket = el("section", { "class": "picker-basket", "aria-labelledby": "picker-basket-title" },
      [basketTitle, this.basketStatus, this.basketWarn, this.basketList, actions]);
    m.appendChild(this.basket);

    this.plan = el("section", { "class": "picker-plan", id: "picker-plan", "aria-labelledby": "picker-plan-title", hidden: "" });
    m.appendChild(this.plan);
  };

  Picker.prototype.button = function (label, cls, onClick) {
    var b = el("button", { type: "button", "class": "button " + cls, text: label });
    b.addEventListener("click", onClick);
    return b;
  };

  Picker.prototype.toggleFilter = function (facet, code, on) {
    var cur = this.state.filters[facet] || [];
    cur = cur.filter(function (c) { return c !== code; });
    if (on) { cur.push(code); }
    this.state.filters[facet] = cur;
    this.save();
    this.render();
  };

  Picker.prototype.toggleSel = function (id) {
    var i = this.state.sel.indexOf(id);
    if (i >= 0) { this.state.sel.splice(i, 1); } else { this.state.sel.push(id); }
    this.save();
    this.render();
  };

  Picker.prototype.render = function () {
    var self = this;
    var st = this.state;
    var items = this.data.items;

    // Facet counts: how many results each value would give with the other filters kept.
    this.data.facets.forEach(function (f) {
      var counts = {};
      items.forEach(function (it) {
        if (!self.matches(it, f.name)) { return; }
        (it.f[f.name] || []).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      var active = st.filters[f.name] || [];
      Object.keys(self.facetBoxes[f.name]).forEach(function (code) {
        var o = self.facetBoxes[f.name][code];
        var n = counts[code] || 0;
        o.box.checked = active.indexOf(code) >= 0;
        o.box.disabled = n === 0 && !o.box.checked;
        o.count.textContent = "(" + n + ")";
      });
    });

    var on = 0;
    this.data.facets.forEach(function (f) { on += (st.filters[f.name] || []).length; });
    this.filtersButton.textContent = countText(on, this.t("picker.filters.none"), this.t("picker.filters.one"), this.t("picker.filters.other"));

    // Chips for the active filters.
    this.chips.textContent = "";
    var any = false;
    if (st.q) {
      any = true;
      this.chips.appendChild(this.chip(format(this.t("picker.chip.query"), { q: st.q }), function () { st.q = ""; self.q.value = ""; }));
    }
    this.data.facets.forEach(function (f) {
      (st.filters[f.name] || []).forEach(function (code) {
        any = true;
        self.chips.appendChild(self.chip(format(self.t("picker.chip.facet"), { facet: f.label, value: self.labels[f.name][code] }), function () {
          st.filters[f.name] = st.filters[f.name].filter(function (c) { return c !== code; });
        }));
      });
    });
    if (any) {
      this.chips.appendChild(this.button(this.t("picker.clearfilters"), "picker-clear-filters", function () {
        st.q = ""; self.q.value = ""; st.filters = {}; self.save(); self.render(); self.q.focus();
      }));
    }

    // Results.
    var shown = items.filter(function (it) { return self.matches(it); });
    this.count.textContent = countText(shown.length, this.t("picker.none"), this.t("picker.count.one"), this.t("picker.count.other"));
    this.results.textContent = "";
    shown.forEach(function (it) {
      var on = st.sel.indexOf(it.id) >= 0;
      var b = el("button", { type: "button", "class": "picker-toggle", "aria-pressed": on ? "true" : "false",
        "aria-label": (on ? self.t("picker.remove") : self.t("picker.add")) + " " + it.id + " " + it.name,
        text: on ? self.t("picker.remove") : self.t("picker.add") });
      b.addEventListener("click", function () { self.toggleSel(it.id); self.focusToggle(it.id); });
      b.setAttribute("data-id", it.id);
      self.results.appendChild(el("li", { "class": "picker-result" + (on ? " selected" : "") }, [
        el("p", { "class": "indicator-item-title" }, [el("span", { "class": "indicator-code", text: it.id }), " ", el("a", { href: it.url, text: it.name })]),
        el("p", { "class": "indicator-item-def", text: it.def }),
        el("p", { "class": "indicator-item-meta", text: [self.labels.dimension[it.f.dimension[0]], self.labels.level[it.f.level[0]], self.labels.effort[it.f.effort[0]]].join(" · ") }),
        b
      ]));
    });

    // Basket.
    this.basketList.textContent = "";
    st.sel.forEach(function (id) {
      var it = self.byId[id];
      var rm = el("button", { type: "button", "class": "picker-remove", "aria-label": self.t("picker.remove") + " " + id + " " + it.name, text: "×" });
      rm.addEventListener("click", function () { self.toggleSel(id); });
      self.basketList.appendChild(el("li", null, [el("a", { href: it.url, text: id + " · " + it.name }), " ", rm]));
    });
    this.basketTitle.textContent = this.t(this.shared ? "picker.shared.title" : "picker.basket");
    this.basket.classList.toggle("picker-basket-shared", this.shared);
    this.basketStatus.textContent = countText(st.sel.length, this.t("picker.basket.empty"), this.t("picker.basket.one"), this.t("picker.basket.other"));
    if (this.storageOK === false && !this.shared) {
      this.basketStatus.textContent += " " + this.t("picker.storage.failed");
    }
    this.basketWarn.textContent = st.sel.length > WARN_AT ? format(this.t("picker.warning"), { n: st.sel.length }) : "";
    this.basketWarn.hidden = st.sel.length <= WARN_AT;
    this.basket.querySelectorAll(".picker-export, .picker-plan-button, .picker-cards, .picker-clear").forEach(function (b) { b.disabled = st.sel.length === 0; });
    this.basket.querySelector(".picker-clear").hidden = this.shared;

    this.renderNotice();
    this.showPlan(st.view === "plan", true);
  };

  Picker.prototype.focusToggle = function (id) {
    var b = this.results.querySelector('button[data-id="' + id + '"]');
    if (b) { b.focus(); }
  };

  Picker.prototype.chip = function (label, remove) {
    var self = this;
    var b = el("button", { type: "button", "class": "picker-chip", "aria-label": this.t("picker.removefilter") + " " + label, text: label + " ×" });
    b.addEventListener("click", function () { remove(); self.save(); self.render(); self.q.focus(); });
    return b;
  };

  // renderNotice shows, while a shared selection is shown, what it is and the two ways out:
  // add its indicators to the own basket, or go back to the own basket.
  Picker.prototype.renderNotice = function () {
    var self = this;
    this.noticeBox.textContent = "";
    this.noticeBox.hidden = !this.shared;
    if (!this.shared) { return; }
    var own = this.own();
    // leave shows sel as the own basket; write says whether it must be stored (going back to
    // the own basket writes nothing). A write the storage refuses keeps the shared view.
    var leave = function (sel, write) {
      self.shared = false;
      self.state.sel = sel;
      if (write) { self.save(); } else { self.writeHash(); }
      if (write && self.storageOK === false) { self.shared = true; self.state.sel = shared; self.writeHash(); }
      self.render();
      self.basketTitle.setAttribute("tabindex", "-1");
      self.basketTitle.focus();
    };
    var shared = this.state.sel.slice();
    var add = this.button(this.t("picker.shared.add"), "picker-shared-add", function () { leave(uniq(own.concat(shared)), true); });
    var back = this.button(format(this.t("picker.shared.back"), { n: own.length }), "picker-shared-back", function () { leave(own, false); });
    add.disabled = shared.length === 0;
    this.noticeBox.appendChild(el("p", { text: format(this.t("picker.shared"), { n: shared.length, own: own.length }) }));
    if (this.storageOK === false) { this.noticeBox.appendChild(el("p", { text: this.t("picker.storage.failed") })); }
    this.noticeBox.appendChild(el("div", { "class": "picker-actions" }, [add, back]));
  };

  // ---- The data-collection plan ---------------------------------------------------------

  Picker.prototype.planRows = function () {
    var self = this;
    var rows = [window.vises.planColumns.map(function (c) { return self.t("csv.plan." + c); })];
    this.state.sel.forEach(function (id) { rows.push(window.vises.planRow(self.data, self.byId[id])); });
    return rows;
  };

  // csv returns the plan as Excel opens it in French and Dutch locales (common.js).
  Picker.prototype.csv = function () {
    return window.vises.csv(this.planRows());
  };

  Picker.prototype.download = function () {
    window.vises.download(this.t("picker.csv.filename"), this.csv(), "text/csv;charset=utf-8");
  };

  Picker.prototype.showPlan = function (on, quiet) {
    var self = this;
    this.state.view = on ? "plan" : "list";
    document.body.classList.toggle("picker-view-plan", on);
    this.plan.hidden = !on;
    if (!quiet) { this.save(); }
    if (!on) { return; }
    this.plan.textContent = "";
    var rows = this.planRows();
    var table = el("table", { "class": "plan-table" });
    table.appendChild(el("thead", null, [el("tr", null, rows[0].map(function (h) { return el("th", { scope: "col", text: h }); }))]));
    var body = el("tbody");
    rows.slice(1).forEach(function (r) { body.appendChild(el("tr", null, r.map(function (v) { return el("td", { text: v }); }))); });
    table.appendChild(body);
    this.plan.appendChild(el("h2", { id: "picker-plan-title", text: this.t("picker.plan.title") }));
    this.plan.appendChild(el("p", { "class": "plan-meta", text: this.t("picker.plan.meta") }));
    this.plan.appendChild(table);
    this.plan.appendChild(el("div", { "class": "picker-actions" }, [
      this.button(this.t("picker.print"), "picker-print", function () { window.print(); }),
      this.button(this.t("picker.back"), "picker-back", function () { self.showPlan(false); self.q.focus(); })
    ]));
    if (!quiet) { this.plan.querySelector("h2").setAttribute("tabindex", "-1"); this.plan.querySelector("h2").focus(); }
  };

  // ---- Indicator cards: keep the cards of a selection ----------------------------------

  function initCards(sheet) {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var sel = (params.get("sel") || "").split(",").filter(function (id) { return ID_RE.test(id); });
    if (!sel.length) { return; }
    // Cards not in the selection leave the page, so that the selected ones fill the sheets.
    sheet.querySelectorAll(".card-a6").forEach(function (card) {
      if (sel.indexOf(card.getAttribute("data-id")) < 0) { card.remove(); }
    });
    var status = document.querySelector(".cards-selection");
    if (status) { status.textContent = format(status.getAttribute("data-template"), { n: sheet.querySelectorAll(".card-a6").length }); }
  }

  // ---- Start ----------------------------------------------------------------------------

  document.querySelectorAll(".cards-sheet").forEach(initCards);
  document.querySelectorAll(".basket-toggle[data-basket-id]").forEach(initToggle);
  var mount = document.getElementById("picker");
  if (mount && window.VISES_PICKER) {
    var picker = new Picker(mount, window.VISES_PICKER);
    picker.start();
    window.visesPicker = picker;
    window.addEventListener("hashchange", function () {
      if (picker.hash() !== window.location.hash && window.location.hash !== "") {
        picker.adopt(picker.readHash());
        picker.q.value = picker.state.q;
        picker.save();
        picker.render();
      }
    });
  }
})();
