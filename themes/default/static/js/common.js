// What the theme's scripts share, as one object, window.vises: accent folding, "{n}" texts and
// counts, localStorage calls that never throw, and element creation. base.html loads it before
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

  window.vises = { fold: fold, format: format, countText: countText, storage: storage, el: el };
})();
