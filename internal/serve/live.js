// Live reload for vises serve (never part of a built site): reload the page when it changed,
// swap the stylesheets when only CSS changed, and show the errors of a failed build over the
// page until the next good build.
(function () {
  "use strict";
  var overlay = null;

  function current() {
    var p = decodeURIComponent(location.pathname).replace(/^\//, "");
    if (p === "" || /\/$/.test(p)) { p += "index.html"; }
    return p;
  }

  function swapStyles(paths) {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var href = link.getAttribute("href").replace(/\?.*$/, "");
      var abs = new URL(href, location.href).pathname.replace(/^\//, "");
      if (paths.indexOf(abs) < 0) { return; }
      var fresh = link.cloneNode();
      fresh.href = href + "?v=" + Date.now();
      fresh.addEventListener("load", function () { link.remove(); });
      link.after(fresh);
    });
  }

  function showErrors(items) {
    hideErrors();
    overlay = document.createElement("div");
    overlay.className = "vises-overlay";
    overlay.setAttribute("role", "alert");
    var h = document.createElement("p");
    h.className = "vises-overlay-title";
    h.textContent = "vises serve: the last build failed; this is the last good version of the page.";
    overlay.appendChild(h);
    var list = document.createElement("ul");
    items.forEach(function (it) {
      var li = document.createElement("li");
      var pos = document.createElement("code");
      pos.textContent = it.pos;
      li.appendChild(pos);
      li.appendChild(document.createTextNode(" " + it.msg));
      list.appendChild(li);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }

  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  var es = new EventSource("/_vises/events");
  es.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    if (d.css) {
      swapStyles(d.paths);
      return;
    }
    var here = current();
    var reload = d.paths.some(function (p) { return p === here || /\.js$/.test(p) || /\.css$/.test(p); });
    if (reload) {
      sessionStorage.setItem("vises.scroll", String(window.scrollY));
      location.reload();
    }
  });
  es.addEventListener("errors", function (e) { showErrors(JSON.parse(e.data)); });
  es.addEventListener("ok", function () { hideErrors(); });
  var y = sessionStorage.getItem("vises.scroll");
  if (y !== null) {
    sessionStorage.removeItem("vises.scroll");
    window.scrollTo(0, parseInt(y, 10));
  }
  window.visesLive = { source: es };
})();
