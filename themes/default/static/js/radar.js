// The scores and the radar of a self-assessment, shared by the worksheet page (worksheet.js) and
// the impact report (report.js), as window.vises.radar: score sums the scale answers of a
// section, draw returns the radar of the sections' scores as an inline SVG element.
(function () {
  "use strict";

  // score returns the score of a respondent's answers to the scale items items ({id, max}: the
  // item's answer key and the highest point of its scale): the sum and the highest possible sum
  // of the answered items, their answers and maxima (for the formula), the number answered "na",
  // and the percentage (one decimal), null when nothing is answered.
  function score(items, answers) {
    var sum = 0, max = 0, parts = [], maxes = [], na = 0;
    items.forEach(function (it) {
      var v = answers[it.id];
      if (v === "na") { na++; return; }
      if (v === undefined || v === null || v === "") { return; }
      sum += parseInt(v, 10);
      max += it.max;
      parts.push(v);
      maxes.push(it.max);
    });
    return { sum: sum, max: max, parts: parts, maxes: maxes, na: na, pct: max ? Math.round(1000 * sum / max) / 10 : null };
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var n = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }

  // point returns the point of axis i of n at fraction f of the radius: axis 0 points up and
  // the axes turn clockwise.
  function point(i, n, f) {
    var a = -Math.PI / 2 + 2 * Math.PI * i / n;
    return [200 + 140 * f * Math.cos(a), 200 + 140 * f * Math.sin(a)];
  }
  // wrap cuts a label into lines of about width characters, at spaces.
  function wrap(text, width) {
    var rows = [], row = "";
    text.split(/\s+/).forEach(function (w) {
      if (row && (row + " " + w).length > width) { rows.push(row); row = w; } else { row = row ? row + " " + w : w; }
    });
    if (row) { rows.push(row); }
    return rows;
  }
  function pt(p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }

  // draw returns the radar as an SVG element: o.axes are the sections' titles, o.series one or
  // two respondents ({name, fractions}: a score between 0 and 1 per axis, or null), o.title its
  // accessible name and o.id the prefix of its title's and description's IDs. A respondent
  // without any score is left out. The description reads every score aloud.
  function draw(o) {
    var n = o.axes.length;
    var root = svg("svg", { viewBox: "-100 -20 600 460", role: "img", "aria-labelledby": o.id + "-title " + o.id + "-desc", "class": "ws-radar-svg" });
    var title = svg("title", { id: o.id + "-title" });
    title.textContent = o.title;
    var desc = svg("desc", { id: o.id + "-desc" });
    root.appendChild(title);
    root.appendChild(desc);
    var lines = [];
    [0.25, 0.5, 0.75, 1].forEach(function (f) {
      var ring = [];
      for (var i = 0; i < n; i++) { ring.push(pt(point(i, n, f))); }
      root.appendChild(svg("polygon", { points: ring.join(" "), "class": "ws-radar-ring" }));
    });
    o.axes.forEach(function (name, i) {
      var end = point(i, n, 1);
      root.appendChild(svg("line", { x1: 200, y1: 200, x2: end[0].toFixed(1), y2: end[1].toFixed(1), "class": "ws-radar-axis" }));
      var lab = point(i, n, 1.12);
      var anchor = Math.abs(lab[0] - 200) < 5 ? "middle" : (lab[0] > 200 ? "start" : "end");
      var t = svg("text", { x: lab[0].toFixed(1), y: lab[1].toFixed(1), "class": "ws-radar-label", "text-anchor": anchor });
      var rows = wrap(name, 16);
      // Lines above the top axis, below the bottom one, centred on the others.
      var dy0 = lab[1] < 150 ? -(rows.length - 1) * 15 : (lab[1] > 250 ? 10 : -(rows.length - 1) * 7.5 + 4);
      rows.forEach(function (row, ri) {
        var span = svg("tspan", { x: lab[0].toFixed(1), dy: ri === 0 ? dy0 : 15 });
        span.textContent = row;
        t.appendChild(span);
      });
      root.appendChild(t);
    });
    o.series.forEach(function (r, ri) {
      var fs = r.fractions;
      if (fs.every(function (f) { return f === null; })) { return; }
      var cls = ri === 0 ? "a" : "b";
      var pts = fs.map(function (f, i) { return pt(point(i, n, f || 0)); });
      root.appendChild(svg("polygon", { points: pts.join(" "), "class": "ws-radar-shape ws-radar-" + cls, "data-respondent": ri }));
      fs.forEach(function (f, i) {
        var p = point(i, n, f || 0);
        root.appendChild(svg(ri === 0 ? "circle" : "rect", ri === 0 ?
          { cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: 4, "class": "ws-radar-dot ws-radar-a" } :
          { x: (p[0] - 4).toFixed(1), y: (p[1] - 4).toFixed(1), width: 8, height: 8, "class": "ws-radar-dot ws-radar-b" }));
      });
      lines.push(r.name + " — " + o.axes.map(function (name, i) {
        return name + " " + (fs[i] === null ? "–" : Math.round(fs[i] * 100) + " %");
      }).join(", "));
      var key = svg("text", { x: ri === 0 ? -90 : 260, y: 430, "class": "ws-radar-key ws-radar-key-" + cls });
      key.textContent = (ri === 0 ? "● " : "■ ") + r.name;
      root.appendChild(key);
    });
    desc.textContent = lines.join(". ");
    return root;
  }

  window.vises.radar = { score: score, draw: draw, point: point };
})();
