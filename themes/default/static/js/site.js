// Progressive enhancement for every page: remember the reader's language choice so that the
// bilingual entry page can offer it first. Nothing leaves the browser.
(function () {
  "use strict";
  var KEY = "vises.lang";
  function store(lang) {
    try { window.localStorage.setItem(KEY, lang); } catch (e) { /* storage may be disabled */ }
  }
  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
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
