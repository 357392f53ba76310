// Progressive enhancement for every page: remember the reader's language choice so that the
// bilingual entry page can offer it first. Nothing leaves the browser. The helpers come from
// common.js (window.vises).
(function () {
  "use strict";
  var KEY = "vises.lang";
  var storage = window.vises.storage;
  function store(lang) { storage.set(KEY, lang); } // storage may be disabled: nothing to say
  function stored() { return storage.get(KEY); }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("[data-lang-choice]");
    if (a) { store(a.getAttribute("data-lang-choice")); }
  });
  var lang = document.documentElement.getAttribute("lang");
  if (!document.body.classList.contains("kind-root") && !document.body.classList.contains("kind-404") && lang) {
    store(lang);
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
