// Progressive enhancement for every page: remember the reader's language choice so that the
// bilingual entry page can offer it first. Nothing leaves the browser. The helpers come from
// common.js (window.vises).
(function () {
  "use strict";
  var KEY = "vises.lang";
  var storage = window.vises.storage;
  function store(lang) { storage.set(KEY, lang); } // storage may be disabled: nothing to say
  function stored() { return storage.get(KEY); }
  var kept = false; // whether this page has stored a language already
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("[data-lang-choice]");
    if (a) { kept = true; store(a.getAttribute("data-lang-choice")); }
  });
  var lang = document.documentElement.getAttribute("lang");
  // The page's language is kept when the reader leaves the page, not while it loads: the first
  // use of the storage can take a while on a slow phone, and nothing needs it before then.
  if (!document.body.classList.contains("kind-root") && !document.body.classList.contains("kind-404") && lang) {
    var keep = function () { if (!kept) { kept = true; store(lang); } };
    window.addEventListener("pagehide", keep);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") { keep(); } });
  }
  if (document.body.classList.contains("kind-root")) {
    // The stored value is compared with the page's languages, never put into a selector.
    var choice = stored();
    var part = null;
    document.querySelectorAll(".bilingual-part[data-lang]").forEach(function (p) {
      if (!part && choice && p.getAttribute("data-lang") === choice) { part = p; }
    });
    if (part) {
      part.classList.add("chosen");
      part.parentNode.insertBefore(part, part.parentNode.firstChild);
      var link = part.querySelector("a.button");
      if (link) { link.focus(); }
    }
  }
})();
