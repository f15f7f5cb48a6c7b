/* The session log, kept only in this browser (localStorage, key "atlas-log"); nothing is sent anywhere.
   Loaded on every page: session.js adds to the log, log.js shows it, and the morning question reads it.
   The stored shape is the export format, published as /api/log.schema.json. */
(function () {
  "use strict";

  const KEY = "atlas-log";
  const FORMAT = "runners-knee-atlas-log";

  function empty() { return { format: FORMAT, version: 1, sessions: [] }; }

  function read() {
    try {
      const log = JSON.parse(localStorage.getItem(KEY) || "null");
      return log && log.format === FORMAT && Array.isArray(log.sessions) ? log : empty();
    } catch (error) {
      return empty();
    }
  }

  function write(log) { localStorage.setItem(KEY, JSON.stringify(log)); }

  function add(session) {
    const log = read();
    log.sessions.push(session);
    write(log);
  }

  // Local calendar day, so "a later day" means after midnight where the reader is.
  function day(iso) {
    const d = new Date(iso);
    return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
  }

  window.atlasLog = { KEY: KEY, FORMAT: FORMAT, empty: empty, read: read, write: write, add: add, day: day };
})();

/* The next-morning question: the first time the atlas is opened on a day after a logged session that has
   no answer yet, the pain rule's one question is shown above the page's content. */
(function () {
  "use strict";

  const template = document.getElementById("atlas-morning");
  const log = window.atlasLog;
  if (!template || !log) return;

  // Only the latest session is asked about, and only from the day after it.
  function due() {
    const sessions = log.read().sessions;
    const last = sessions[sessions.length - 1];
    if (!last || last.next_morning || log.day(last.finished) >= log.day(new Date().toISOString())) return null;
    return last.id;
  }

  const id = due();
  const place = document.querySelector(".md-content__inner");
  if (!id || !place) return;
  const box = template.content.firstElementChild.cloneNode(true);
  const session = log.read().sessions.find(function (s) { return s.id === id; });
  box.querySelector("[data-morning-session]").textContent = "Your last session: " + session.routine.title + ", " +
    new Date(session.finished).toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" }) + ".";
  place.prepend(box);

  box.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-morning-later")) {
      box.remove();
      return;
    }
    const answer = button.dataset.morningAnswer;
    const current = log.read();
    const entry = current.sessions.find(function (s) { return s.id === id; });
    if (entry) {
      entry.next_morning = { answered: new Date().toISOString(), answer: answer };
      log.write(current);
    }
    box.querySelector("[data-morning-answers]").hidden = true;
    const outcome = box.querySelector('[data-morning-outcome="' + answer + '"]');
    outcome.hidden = false;
    outcome.focus();
    if (answer === "much-worse") showRedFlags(outcome);
  });

  // The red-flag box, copied from the safety page (our own page, also kept offline by the service
  // worker), its links made absolute so they work from any page.
  function showRedFlags(outcome) {
    const link = outcome.querySelector("[data-morning-safety]");
    const address = new URL(link.getAttribute("href"), location.href);
    fetch(address.href).then(function (response) { return response.text(); }).then(function (text) {
      const flags = new DOMParser().parseFromString(text, "text/html").querySelector(".atlas-red-flags");
      if (!flags) return;
      for (const a of flags.querySelectorAll("a[href]")) a.href = new URL(a.getAttribute("href"), address).href;
      outcome.querySelector("[data-morning-red-flags]").replaceChildren(document.importNode(flags, true));
    }, function () { /* offline and not kept: the link is there */ });
  }
})();
