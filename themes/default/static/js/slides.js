// Slides: turns a deck (layouts/slides.html), a page of slides one after the other, into a
// presentation: one slide at a time, full screen at 16:9, moved with the keyboard (arrows,
// Page Up and Page Down as clickers send them, space, Home, End), an overview (O or Escape),
// and a presenter's view in a second window (P) with the notes, the next slide and a timer.
// The address names the slide (#3), so that a reload or a shared link keeps the place. The two
// windows keep in step through a BroadcastChannel and, where there is none (or it does not
// reach the other window), through storage events; neither needs a server, both work from disk.
(function () {
  "use strict";

  var main = document.getElementById("slides");
  if (!main) { return; }
  var body = document.body;
  var slides = Array.prototype.slice.call(main.querySelectorAll("section.slide"));
  if (slides.length === 0) { return; }
  var presenter = body.classList.contains("deck-presenter");
  var name = "vises-slides:" + main.getAttribute("data-channel");
  var cur = -1;
  var overview = false;
  var ready = false; // the first slide is shown
  // Each window tells its messages from the others' by this.
  var self = String(Math.random()).slice(2);

  document.documentElement.classList.add("js-deck");
  var controls = document.querySelector(".deck-controls");
  if (controls) { controls.hidden = false; }
  var count = document.querySelector(".deck-count");
  var bar = document.querySelector(".presenter-bar");
  if (bar) { bar.hidden = false; }
  var presenterCount = document.querySelector(".presenter-count");
  if (presenter) {
    slides.forEach(function (s) {
      var box = s.querySelector(".slide-box");
      if (box) { box.setAttribute("data-next", main.getAttribute("data-next-label")); }
    });
  }

  function format(s, vals) {
    return String(s).replace(/\{(\w+)\}/g, function (m, k) { return vals[k] !== undefined ? String(vals[k]) : m; });
  }

  // fromHash returns the slide the address names (#3 is the third), or -1.
  function fromHash() {
    var n = parseInt(window.location.hash.slice(1), 10);
    return n >= 1 && n <= slides.length ? n - 1 : -1;
  }

  // show makes slide i the current one; remote says it came from the other window, so that
  // it is not sent back.
  function show(i, remote) {
    i = Math.max(0, Math.min(slides.length - 1, i));
    var moved = i !== cur;
    cur = i;
    slides.forEach(function (s, j) {
      s.classList.toggle("is-current", j === i);
      s.classList.toggle("is-next", presenter && j === i + 1);
      s.hidden = !overview && j !== i && !(presenter && j === i + 1);
      if (overview) { s.setAttribute("tabindex", "0"); } else { s.removeAttribute("tabindex"); }
    });
    var text = format(main.getAttribute("data-of"), { n: i + 1, total: slides.length });
    if (count) { count.textContent = text; }
    if (presenterCount) {
      presenterCount.textContent = text + (i === slides.length - 1 ? " · " + main.getAttribute("data-end") : "");
    }
    var hash = "#" + (i + 1);
    if (window.location.hash !== hash) {
      try { history.replaceState(null, "", hash); } catch (e) { window.location.hash = hash; }
    }
    if (moved && !remote) { send({ slide: i + 1 }); }
    if (moved && presenter && ready) { startTimer(); }
  }

  // Keeping the windows in step.
  var channel = null;
  if (typeof window.BroadcastChannel === "function") {
    try {
      channel = new window.BroadcastChannel(name);
      channel.onmessage = function (e) { receive(e.data); };
    } catch (e) { channel = null; }
  }
  function send(msg) {
    msg.from = self;
    msg.at = Date.now();
    if (channel) {
      try { channel.postMessage(msg); } catch (e) { /* the storage event below still goes */ }
    }
    // Storage events reach the other windows of the same origin, pages opened from disk
    // included; a second way, for browsers where a channel does not reach them.
    try { window.localStorage.setItem(name, JSON.stringify(msg)); } catch (e) { /* storage refused */ }
  }
  var lastSeen = "";
  function receive(msg) {
    if (!msg || msg.from === self) { return; }
    var id = msg.from + ":" + msg.at;
    if (id === lastSeen) { return; } // the same message by both ways
    lastSeen = id;
    if (msg.hello) {
      if (!presenter) { send({ slide: cur + 1 }); }
      return;
    }
    if (typeof msg.slide === "number") { show(msg.slide - 1, true); }
  }
  window.addEventListener("storage", function (e) {
    if (e.key !== name || !e.newValue) { return; }
    try { receive(JSON.parse(e.newValue)); } catch (err) { /* not ours */ }
  });

  function setOverview(on) {
    overview = on;
    body.classList.toggle("deck-overview-on", on);
    var b = document.querySelector(".deck-overview");
    if (b) { b.setAttribute("aria-pressed", on ? "true" : "false"); }
    show(cur, true);
    if (on) {
      slides[cur].focus();
      slides[cur].scrollIntoView({ block: "center" });
    } else {
      main.focus();
    }
  }

  function openPresenter() {
    var href = main.getAttribute("data-notes");
    if (!href) { return; }
    window.open(href.split("#")[0] + "#" + (cur + 1), "vises-presenter:" + name);
  }

  function fullscreen() {
    var el = document.documentElement;
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (el.requestFullscreen) {
      el.requestFullscreen().catch(function () { /* refused: the slide still fills the window */ });
    }
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var t = e.target;
    var control = t && t.closest && t.closest("a[href], button, input, select, textarea, summary");
    if (control && (e.key === " " || e.key === "Enter")) { return; }
    switch (e.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case "n": case "N":
        show(cur + 1); break;
      case " ": case "Spacebar":
        show(e.shiftKey ? cur - 1 : cur + 1); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace":
        show(cur - 1); break;
      case "Home":
        show(0); break;
      case "End":
        show(slides.length - 1); break;
      case "Enter":
        if (!overview) { return; }
        setOverview(false); break;
      case "o": case "O": case "Escape": case "Esc":
        if (e.key.indexOf("Esc") === 0 && document.fullscreenElement) { return; }
        setOverview(!overview); break;
      case "p": case "P":
        if (presenter) { return; }
        openPresenter(); break;
      case "f": case "F":
        fullscreen(); break;
      default:
        return;
    }
    e.preventDefault();
    if (overview) { slides[cur].focus(); }
  });

  // In the overview, a slide is chosen with a click (or Enter, above).
  main.addEventListener("click", function (e) {
    if (!overview || (e.target.closest && e.target.closest("a[href]"))) { return; }
    var s = e.target.closest && e.target.closest("section.slide");
    if (!s) { return; }
    show(slides.indexOf(s));
    setOverview(false);
  });
  main.addEventListener("focusin", function (e) {
    if (overview && e.target.matches && e.target.matches("section.slide")) {
      show(slides.indexOf(e.target));
    }
  });

  function on(sel, f) {
    var el = document.querySelector(sel);
    if (el) { el.addEventListener("click", f); }
  }
  on(".deck-prev", function () { show(cur - 1); });
  on(".deck-next", function () { show(cur + 1); });
  on(".deck-overview", function () { setOverview(!overview); });
  on(".deck-presenter-open", openPresenter);
  on(".deck-fullscreen", fullscreen);

  window.addEventListener("hashchange", function () {
    var i = fromHash();
    if (i >= 0 && i !== cur) { show(i); }
  });

  // The presenter's timer: it starts with the first move, or with its button.
  var time = document.querySelector(".presenter-time");
  var pause = document.querySelector(".presenter-pause");
  var started = 0, elapsed = 0, ticking = null;
  function draw() {
    var s = Math.floor((elapsed + (started ? Date.now() - started : 0)) / 1000);
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
    if (time) { time.textContent = (h ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (sec < 10 ? "0" : "") + sec; }
  }
  function startTimer() {
    if (!time || started) { return; }
    started = Date.now();
    ticking = window.setInterval(draw, 1000);
    if (pause) { pause.textContent = pause.getAttribute("data-pause"); }
  }
  function stopTimer() {
    if (!started) { return; }
    elapsed += Date.now() - started;
    started = 0;
    window.clearInterval(ticking);
    if (pause) { pause.textContent = pause.getAttribute("data-start"); }
    draw();
  }
  on(".presenter-pause", function () { if (started) { stopTimer(); } else { startTimer(); } });
  on(".presenter-reset", function () { stopTimer(); elapsed = 0; draw(); });

  var first = fromHash();
  cur = -1;
  show(first >= 0 ? first : 0, true);
  ready = true;
  if (presenter) {
    // The deck's window answers with its slide.
    send({ hello: true });
  }
}());
