/* The log page (/routines/log/): the sessions kept in this browser (atlas-log.js), a chart of pain and
   sessions by week with a table of the same figures, each exercise's history, export as JSON or CSV,
   import of a JSON export (checked against /api/log.schema.json first: a file that is not JSON, or does
   not match, changes nothing), printing and deleting. All text is set with textContent. */
// atlas-log.js comes with the theme's scripts, after this page's own: start when the page is parsed.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  const root = document.querySelector("[data-log-page]");
  if (!root || !window.atlasLog) return;
  const store = window.atlasLog;
  const MORNING = { same: "No worse", worse: "Worse", "much-worse": "Much worse" };
  const SVG = "http://www.w3.org/2000/svg";
  const $ = function (selector) { return root.querySelector(selector); };
  const status = $("[data-log-status]");

  function date(iso) {
    return new Date(iso).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  }
  function isoDay(d) {
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function worstPain(session) {
    return session.exercises.reduce(function (top, e) { return e.pain !== null && e.pain > top ? e.pain : top; },
      session.pain_overall === null ? -1 : session.pain_overall);
  }
  function cell(row, text, tag) {
    const td = document.createElement(tag || "td");
    if (tag === "th") td.scope = "row";
    td.textContent = text;
    row.append(td);
    return td;
  }

  /* -- Sessions -------------------------------------------------------------------------------- */

  function renderSessions(sessions) {
    const body = $("[data-log-sessions] tbody");
    body.replaceChildren();
    for (const session of sessions.slice().reverse()) {
      const row = document.createElement("tr");
      cell(row, date(session.finished), "th");
      cell(row, session.routine.title);
      const done = session.exercises.filter(function (e) { return e.status === "done"; });
      cell(row, done.map(function (e) { return e.name + " (" + e.dose + ")"; }).join("; ") || "Nothing done");
      const worst = session.exercises.reduce(function (top, e) { return e.pain !== null && e.pain > top ? e.pain : top; }, -1);
      const parts = [];
      if (worst >= 0) parts.push("worst " + worst + "/10");
      if (session.pain_overall !== null) parts.push("overall " + session.pain_overall + "/10");
      cell(row, parts.join("; "));
      cell(row, session.next_morning ? MORNING[session.next_morning.answer] : "");
      body.append(row);
    }
  }

  /* -- By week: the chart and its table -------------------------------------------------------- */

  function weeks(sessions) {
    const byWeek = new Map();
    for (const session of sessions) {
      const d = new Date(session.finished);
      d.setHours(0, 0, 0, 0);
      d.setDate(d.getDate() - ((d.getDay() + 6) % 7)); // back to Monday
      const key = isoDay(d);
      const week = byWeek.get(key) || { start: key, sessions: 0, worst: -1 };
      week.sessions += 1;
      week.worst = Math.max(week.worst, worstPain(session));
      byWeek.set(key, week);
    }
    return Array.from(byWeek.values()).sort(function (a, b) { return a.start < b.start ? -1 : 1; }).slice(-12);
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const key in attrs) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderWeeks(sessions) {
    const list = weeks(sessions);
    const body = $("[data-log-weeks] tbody");
    body.replaceChildren();
    for (const week of list) {
      const row = document.createElement("tr");
      cell(row, week.start, "th");
      cell(row, String(week.sessions));
      cell(row, week.worst >= 0 ? week.worst + "/10" : "not given");
      body.append(row);
    }
    // The chart: 12 weeks at most; bars for sessions (left scale), dots for the worst pain (right, 0-10).
    const left = 30, right = 330, top = 10, bottom = 130;
    const most = Math.max(7, Math.max.apply(null, list.map(function (w) { return w.sessions; }).concat([0])));
    const grid = $("[data-log-chart-grid]"), bars = $("[data-log-chart-bars]");
    const pain = $("[data-log-chart-pain]"), labels = $("[data-log-chart-labels]");
    for (const g of [grid, bars, pain, labels]) g.replaceChildren();
    for (const score of [0, 5, 10]) {
      const y = bottom - (score / 10) * (bottom - top);
      grid.append(svg("line", { x1: left, x2: right, y1: y, y2: y, class: "log-chart-rule" }));
      labels.append(svg("text", { x: right + 4, y: y + 4, class: "log-chart-label" }, String(score)));
    }
    labels.append(svg("text", { x: left - 4, y: bottom + 4, class: "log-chart-label", "text-anchor": "end" }, "0"));
    labels.append(svg("text", { x: left - 4, y: top + 4, class: "log-chart-label", "text-anchor": "end" }, String(most)));
    const slot = (right - left) / Math.max(list.length, 1);
    list.forEach(function (week, i) {
      const x = left + i * slot;
      const height = (week.sessions / most) * (bottom - top);
      bars.append(svg("rect", { x: x + slot * 0.2, y: bottom - height, width: slot * 0.6, height: height, class: "log-chart-bar" }));
      if (week.worst >= 0) {
        pain.append(svg("circle", { cx: x + slot / 2, cy: bottom - (week.worst / 10) * (bottom - top), r: 4, class: "log-chart-dot" }));
      }
      labels.append(svg("text", { x: x + slot / 2, y: bottom + 16, class: "log-chart-label", "text-anchor": "middle" }, week.start.slice(5)));
    });
    $("[data-log-chart-desc]").textContent = list.length
      ? list.map(function (w) {
        return "Week of " + w.start + ": " + w.sessions + " session" + (w.sessions === 1 ? "" : "s") +
          (w.worst >= 0 ? ", worst pain " + w.worst + " out of 10" : "");
      }).join(". ") + "."
      : "No sessions yet.";
  }

  /* -- Each exercise --------------------------------------------------------------------------- */

  function renderExercises(sessions) {
    const box = $("[data-log-exercises]");
    box.replaceChildren();
    const byExercise = new Map();
    for (const session of sessions) {
      for (const e of session.exercises) {
        const history = byExercise.get(e.exercise) || { name: e.name, rows: [] };
        history.rows.push({ date: session.finished, dose: e.dose, done: e.status === "done" ? e.sets_done + (e.sets_done === 1 ? " set" : " sets") : "skipped", pain: e.pain });
        byExercise.set(e.exercise, history);
      }
    }
    const template = document.getElementById("log-exercise");
    const names = Array.from(byExercise.values()).sort(function (a, b) { return a.name.localeCompare(b.name); });
    for (const history of names) {
      const node = template.content.firstElementChild.cloneNode(true);
      const last = history.rows[history.rows.length - 1];
      node.querySelector("[data-log-exercise-summary]").textContent = history.name + ": " + history.rows.length +
        (history.rows.length === 1 ? " time" : " times") + (last.pain !== null ? ", last pain " + last.pain + "/10" : "");
      const body = node.querySelector("tbody");
      for (const r of history.rows.slice().reverse()) {
        const row = document.createElement("tr");
        cell(row, date(r.date), "th");
        cell(row, r.dose);
        cell(row, r.done);
        cell(row, r.pain === null ? "" : r.pain + "/10");
        body.append(row);
      }
      box.append(node);
    }
  }

  function render() {
    const sessions = store.read().sessions;
    renderSessions(sessions);
    renderWeeks(sessions);
    renderExercises(sessions);
    $("[data-log-empty]").hidden = sessions.length > 0;
  }

  /* -- Export ---------------------------------------------------------------------------------- */

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function csvField(value) {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv(log) {
    const rows = [["date", "routine", "exercise", "name", "dose", "status", "sets_done", "easier_for", "pain_during", "pain_overall", "next_morning"]];
    for (const s of log.sessions) {
      for (const e of s.exercises) {
        rows.push([s.finished, s.routine.title, e.exercise, e.name, e.dose, e.status, e.sets_done, e.easier_for, e.pain, s.pain_overall, s.next_morning ? s.next_morning.answer : ""]);
      }
    }
    return rows.map(function (r) { return r.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  root.querySelector(".log-actions").addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (!button) return;
    const stamp = isoDay(new Date());
    if (button.dataset.logExport === "json") {
      download("knee-log-" + stamp + ".json", "application/json", JSON.stringify(store.read(), null, 2) + "\n");
      status.textContent = "Exported.";
    } else if (button.dataset.logExport === "csv") {
      download("knee-log-" + stamp + ".csv", "text/csv", csv(store.read()));
      status.textContent = "Exported.";
    } else if (button.hasAttribute("data-log-print")) {
      window.print();
    } else if (button.hasAttribute("data-log-delete")) {
      const n = store.read().sessions.length;
      $("[data-log-confirm-text]").textContent = "Delete all " + n + " session" + (n === 1 ? "" : "s") + " from this browser? This cannot be undone; export them first to keep a copy.";
      $("[data-log-confirm]").hidden = false;
      $("[data-log-delete-no]").focus();
    }
  });

  $("[data-log-delete-yes]").addEventListener("click", function () {
    localStorage.removeItem(store.KEY);
    localStorage.removeItem("atlas-session");
    $("[data-log-confirm]").hidden = true;
    render();
    status.textContent = "Everything is deleted.";
    $("[data-log-delete]").focus();
  });
  $("[data-log-delete-no]").addEventListener("click", function () {
    $("[data-log-confirm]").hidden = true;
    status.textContent = "Nothing was deleted.";
    $("[data-log-delete]").focus();
  });

  /* -- Import: JSON, checked against the published schema -------------------------------------- */

  // A small JSON Schema checker for the keywords the log schema uses (type, const, enum, required,
  // properties, additionalProperties, items, minimum, maximum, maxLength, maxItems, pattern, local
  // $ref). Reading the published schema itself means the import accepts exactly what it describes.
  function check(value, schema, rootSchema, path, errors) {
    if (errors.length) return;
    if (schema.$ref) {
      const target = schema.$ref.replace(/^#\//, "").split("/").reduce(function (node, key) { return node[key]; }, rootSchema);
      check(value, target, rootSchema, path, errors);
    }
    const kind = value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
    const fail = function (why) { errors.push((path || "the file") + ": " + why); };
    if (schema.type) {
      const types = [].concat(schema.type);
      if (!types.some(function (t) { return t === kind || (t === "number" && kind === "integer"); })) return fail("should be " + types.join(" or "));
    }
    if ("const" in schema && value !== schema.const) return fail("should be " + JSON.stringify(schema.const));
    if (schema.enum && schema.enum.indexOf(value) < 0) return fail("should be one of " + schema.enum.join(", "));
    if (typeof value === "number") {
      if ("minimum" in schema && value < schema.minimum) return fail("should be at least " + schema.minimum);
      if ("maximum" in schema && value > schema.maximum) return fail("should be at most " + schema.maximum);
    }
    if (typeof value === "string") {
      if ("maxLength" in schema && value.length > schema.maxLength) return fail("is too long");
      if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) return fail("is not in the right form");
    }
    if (kind === "array") {
      if ("maxItems" in schema && value.length > schema.maxItems) return fail("has too many entries");
      if (schema.items) value.forEach(function (item, i) { check(item, schema.items, rootSchema, path + "/" + i, errors); });
    }
    if (kind === "object") {
      for (const key of schema.required || []) if (!(key in value)) return fail("is missing " + key);
      for (const key of Object.keys(value)) {
        if (schema.properties && key in schema.properties) check(value[key], schema.properties[key], rootSchema, path + "/" + key, errors);
        else if (schema.additionalProperties === false) return fail("has an unknown field " + key);
      }
    }
  }

  function refuse(why) {
    status.textContent = why + " Nothing was changed.";
    root.dataset.importResult = "refused";
  }

  $("[data-log-import]").addEventListener("change", function (event) {
    const file = event.target.files[0];
    event.target.value = "";
    if (!file) return;
    Promise.all([file.text(), fetch(root.dataset.schema).then(function (r) { return r.json(); })]).then(function (both) {
      let data;
      try {
        data = JSON.parse(both[0]);
      } catch (error) {
        return refuse("This file is not JSON, so it cannot be a log exported from this page.");
      }
      const errors = [];
      check(data, both[1], both[1], "", errors);
      if (errors.length) return refuse("This file is not a Runner's Knee Atlas log (" + errors[0] + ").");
      const log = store.read();
      const known = new Set(log.sessions.map(function (s) { return s.id; }));
      const added = data.sessions.filter(function (s) { return !known.has(s.id); });
      log.sessions = log.sessions.concat(added).sort(function (a, b) { return a.finished < b.finished ? -1 : 1; });
      store.write(log);
      render();
      status.textContent = "Imported " + added.length + " session" + (added.length === 1 ? "" : "s") +
        (added.length < data.sessions.length ? "; " + (data.sessions.length - added.length) + " were here already." : ".");
      root.dataset.importResult = "imported";
    }, function () { refuse("The file or the log's description could not be read."); });
  });

  window.addEventListener("storage", render);
  render();
});
