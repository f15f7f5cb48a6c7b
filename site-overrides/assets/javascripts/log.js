/* The log page (/routines/log/): the sessions kept in this browser (atlas-log.js), newest first.
   All text is set with textContent. */
// atlas-log.js comes with the theme's scripts, after this page's own: start when the page is parsed.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  const root = document.querySelector("[data-log-page]");
  if (!root || !window.atlasLog) return;
  const MORNING = { same: "No worse", worse: "Worse", "much-worse": "Much worse" };

  function date(iso) {
    return new Date(iso).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  }

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.append(td);
    return td;
  }

  function renderSessions(log) {
    const table = root.querySelector("[data-log-sessions]");
    const body = table.querySelector("tbody");
    body.replaceChildren();
    const sessions = log.sessions.slice().reverse();
    for (const session of sessions) {
      const row = document.createElement("tr");
      cell(row, date(session.finished));
      cell(row, session.routine.title);
      const done = session.exercises.filter(function (e) { return e.status === "done"; });
      cell(row, done.map(function (e) { return e.name + " (" + e.dose + ")"; }).join("; ") || "Nothing done");
      const worst = session.exercises.reduce(function (top, e) { return e.pain !== null && e.pain > top ? e.pain : top; }, -1);
      cell(row, (worst >= 0 ? "worst " + worst + "/10" : "") + (session.pain_overall !== null ? (worst >= 0 ? "; " : "") + "overall " + session.pain_overall + "/10" : ""));
      cell(row, session.next_morning ? MORNING[session.next_morning.answer] || "" : "");
      body.append(row);
    }
    table.hidden = sessions.length === 0;
    root.querySelector("[data-log-empty]").hidden = sessions.length > 0;
  }

  function render() { renderSessions(window.atlasLog.read()); }

  window.addEventListener("storage", render);
  render();
});
