/* Filters and glossary jumps. Without JavaScript every row stays visible and the
   filter fieldset stays disabled, so the page degrades to a plain document. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var set = document.getElementById("filterset");
  var shown = document.getElementById("shown");
  if (!form || !set) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.align tbody tr"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("table.align mark[data-f]"));

  function ticked(name) {
    var on = {};
    form.querySelectorAll("input[name=" + name + "]").forEach(function (i) { on[i.value] = i.checked; });
    return on;
  }

  function apply() {
    var cats = ticked("cat"), sevs = ticked("sev");
    var only = document.getElementById("only").checked;
    var active = {}, count = 0;
    rows.forEach(function (tr) {
      var items = tr.querySelectorAll("li.f"), visible = 0;
      items.forEach(function (li) {
        var on = cats[li.dataset.cat] !== false && sevs[li.dataset.sev] !== false;
        li.hidden = !on;
        if (on) { visible += 1; active[li.dataset.fid] = true; }
      });
      var hide = items.length ? visible === 0 : only;
      tr.hidden = hide;
      if (!hide) { count += 1; }
    });
    marks.forEach(function (m) {
      var on = m.dataset.f.split(" ").some(function (id) { return active[id]; });
      m.classList.toggle("off", !on);
    });
    if (shown) {
      shown.textContent = shown.dataset.fmt.replace("{shown}", count).replace("{total}", rows.length);
    }
  }

  function showAll() {
    form.querySelectorAll("input[type=checkbox]").forEach(function (i) { i.checked = i.name !== "only"; });
    apply();
  }

  // A jump to a sentence or row hidden by the filters resets them first.
  function reveal(id) {
    var el = id && document.getElementById(id);
    var tr = el && el.closest ? el.closest("tr") : null;
    if (tr && tr.hidden) { showAll(); }
    return el;
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (!a) { return; }
    reveal(a.getAttribute("href").slice(1));
    if (a.dataset.ja) {
      // Outline every sentence of the variant, not just the one jumped to.
      document.querySelectorAll(".s.spot").forEach(function (s) { s.classList.remove("spot"); });
      a.dataset.ja.split(" ").forEach(function (i) {
        var s = document.getElementById("ja-" + i);
        if (s) { s.classList.add("spot"); }
      });
    }
  });

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  document.getElementById("showall").addEventListener("click", showAll);
  set.disabled = false;
  if (location.hash) { reveal(location.hash.slice(1)); }
  apply();
})();
