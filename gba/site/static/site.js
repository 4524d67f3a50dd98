/* gba case-reader site: highlight details, script switch, sortable tables. No dependencies. */
(function () {
  "use strict";

  // -- highlight details: focus (Tab) or click a highlight to show its row ------------------
  function showDetail(mark) {
    var key = mark.getAttribute("data-key");
    var panel = document.getElementById("detail");
    if (!panel || !key) { return; }
    panel.querySelectorAll(".detail").forEach(function (d) { d.hidden = d.id !== "d-" + key; });
    var hint = document.getElementById("detail-hint");
    if (hint) { hint.hidden = true; }
    document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    document.querySelectorAll('mark[data-key="' + key + '"]').forEach(function (m) { m.classList.add("active"); });
  }
  document.addEventListener("focusin", function (e) {
    var t = e.target;
    if (t && t.matches && t.matches("mark[data-key][tabindex]")) { showDetail(t); }
  });
  document.addEventListener("click", function (e) {
    // "shares words with" in the panel: show the other highlight on the same words
    var g = e.target && e.target.closest ? e.target.closest("button[data-goto]") : null;
    if (g) {
      var other = document.getElementById("m-" + g.getAttribute("data-goto"));
      if (other) { other.focus(); showDetail(other); }
      return;
    }
    var m = e.target && e.target.closest ? e.target.closest("mark[data-key]") : null;
    if (!m) { return; }
    var first = document.getElementById("m-" + m.getAttribute("data-key"));
    if (first) { first.focus(); showDetail(first); }
  });

  // -- script switch: every .t element carries its traditional text in data-hant ----------
  function setScript(script) {
    document.querySelectorAll(".t").forEach(function (el) {
      if (!el.hasAttribute("data-hans")) { el.setAttribute("data-hans", el.textContent); }
      el.textContent = el.getAttribute(script === "hant" ? "data-hant" : "data-hans");
    });
    document.querySelectorAll(".zh").forEach(function (el) {
      el.setAttribute("lang", script === "hant" ? "zh-Hant" : "zh-Hans");
    });
    document.querySelectorAll(".script-button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-script") === script));
    });
    document.documentElement.setAttribute("data-script", script);
  }
  document.querySelectorAll(".script-button").forEach(function (b) {
    b.addEventListener("click", function () { setScript(b.getAttribute("data-script")); });
  });

  // -- sortable tables -----------------------------------------------------------------------
  function sortTable(table, col, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keys = rows.map(function (r) { return r.cells[col] ? r.cells[col].textContent.trim() : ""; });
    var numeric = keys.every(function (k) { return k === "" || !isNaN(Number(k.replace(/,/g, ""))); });
    var order = rows.map(function (r, i) { return i; });
    order.sort(function (a, b) {
      var x = keys[a], y = keys[b];
      if (x === "" || y === "") { return x === y ? a - b : (x === "" ? 1 : -1); }
      var c = numeric ? Number(x.replace(/,/g, "")) - Number(y.replace(/,/g, "")) : x.localeCompare(y);
      if (!ascending) { c = -c; }
      return c !== 0 ? c : a - b;
    });
    order.forEach(function (i) { body.appendChild(rows[i]); });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, col) {
      var b = th.querySelector("button.sort");
      if (b) { b.addEventListener("click", function () { sortTable(table, col, th); }); }
    });
  });
})();
