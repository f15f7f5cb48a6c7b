// The exercise browser on /exercises/: filter the cards by the form's choices, entirely in the page.
// The choices live in the URL query (?condition=...&level=...), so a reload or a shared link keeps them.
(function () {
  function setUp() {
    var form = document.getElementById("atlas-browser");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var cards = Array.prototype.slice.call(document.querySelectorAll("#atlas-browser-results li[data-level]"));
    var count = document.getElementById("atlas-browser-count");
    var empty = document.getElementById("atlas-browser-empty");
    var fields = Array.prototype.slice.call(form.elements).filter(function (el) { return el.name; });

    function matches(card, field) {
      var wanted = field.value.trim().toLowerCase();
      if (!wanted) return true;
      var have = card.getAttribute("data-" + field.name) || "";
      // Free text matches part of a name or alias; every other facet matches a whole id.
      return field.name === "q" ? have.indexOf(wanted) !== -1 : have.split(" ").indexOf(wanted) !== -1;
    }

    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var ok = fields.every(function (field) { return matches(card, field); });
        card.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown === cards.length
        ? cards.length + " exercises"
        : shown + " of " + cards.length + " exercises match";
      empty.hidden = shown !== 0;
    }

    function saveToUrl() {
      var query = new URLSearchParams();
      fields.forEach(function (field) { if (field.value.trim()) query.set(field.name, field.value.trim()); });
      var text = query.toString();
      history.replaceState(null, "", location.pathname + (text ? "?" + text : "") + location.hash);
    }

    function loadFromUrl() {
      var query = new URLSearchParams(location.search);
      fields.forEach(function (field) {
        var value = query.get(field.name) || "";
        // Ignore values the menu does not offer (an old or mistyped link) rather than hide everything.
        if (field.tagName === "SELECT" && !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) value = "";
        field.value = value;
      });
    }

    form.addEventListener("input", function () { apply(); saveToUrl(); });
    form.addEventListener("change", function () { apply(); saveToUrl(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(); saveToUrl(); }, 0);  // after the browser has cleared the fields
    });
    loadFromUrl();
    form.hidden = false;
    apply();
  }

  if (window.document$) document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
