/* The routine builder (/routines/builder/). The routine is kept in the page address, after the #:
     t=<title>&w=<weeks>&e=<id>_<sets>_<amount>&e=...
   where <amount> is a number of reps ("10", "8-12") or a hold in seconds ("30s"). Reloading or sharing
   the address restores exactly the same routine. All text is set with textContent: nothing from the
   address or the data is ever read as HTML. */
(function () {
  "use strict";

  const root = document.querySelector("[data-builder]");
  if (!root) return;

  const data = JSON.parse(document.getElementById("builder-data").textContent);
  const byId = new Map(data.exercises.map(function (e) { return [e.id, e]; }));
  const exerciseBase = root.dataset.exerciseBase;
  const COUNT = /^[0-9]{1,3}(-[0-9]{1,3})?$/;
  const MAX_ITEMS = 16;

  const form = root.querySelector("[data-builder-form]");
  const titleInput = document.getElementById("builder-title");
  const weeksInput = document.getElementById("builder-weeks");
  const conditionSelect = document.getElementById("builder-condition");
  const equipmentSelect = document.getElementById("builder-equipment");
  const catalogue = document.getElementById("builder-catalogue");
  const countLine = document.getElementById("builder-count");
  const chosenList = document.getElementById("builder-chosen");
  const emptyLine = document.getElementById("builder-empty");
  const status = document.getElementById("builder-status");
  const sheet = root.querySelector(".atlas-sheet");
  const rowTemplate = document.getElementById("builder-sheet-row");

  /* -- State <-> address ----------------------------------------------------------------------- */

  let state = { title: "", weeks: 6, items: [] }; // items: {id, sets, amount, hold}

  function defaultItem(exercise) {
    const hold = exercise.reps === null;
    return { id: exercise.id, sets: String(exercise.sets), amount: String(hold ? exercise.hold : exercise.reps), hold: hold };
  }

  function readAddress() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const weeks = parseInt(params.get("w") || "6", 10);
    const items = [];
    for (const value of params.getAll("e")) {
      const parts = value.split("_");
      const exercise = byId.get(parts[0]);
      if (!exercise || items.some(function (i) { return i.id === exercise.id; }) || items.length >= MAX_ITEMS) continue;
      const item = defaultItem(exercise);
      if (COUNT.test(parts[1] || "")) item.sets = parts[1];
      const amount = (parts[2] || "").replace(/s$/, "");
      if (COUNT.test(amount)) {
        item.amount = amount;
        item.hold = /s$/.test(parts[2]);
      }
      items.push(item);
    }
    return {
      title: (params.get("t") || "").slice(0, 80),
      weeks: weeks >= 1 && weeks <= 12 ? weeks : 6,
      items: items,
    };
  }

  function address() {
    const params = new URLSearchParams();
    if (state.title) params.set("t", state.title);
    params.set("w", String(state.weeks));
    for (const item of state.items) {
      params.append("e", [item.id, item.sets, item.amount + (item.hold ? "s" : "")].join("_"));
    }
    return location.pathname + location.search + "#" + params.toString();
  }

  function save() {
    history.replaceState(null, "", address());
    renderSheet();
  }

  // "Start session" takes the routine along in the same form (session.js reads it).
  const sessionLink = root.querySelector("[data-builder-session]");
  const sessionBase = sessionLink.getAttribute("href");
  function renderSessionLink() {
    sessionLink.href = sessionBase + location.hash;
    sessionLink.hidden = state.items.length === 0;
  }

  /* -- The picker ------------------------------------------------------------------------------ */

  function matches(exercise) {
    const condition = conditionSelect.value;
    const equipment = equipmentSelect.value;
    return (!condition || exercise.conditions.indexOf(condition) >= 0) &&
      (!equipment || exercise.equipment.indexOf(equipment) >= 0);
  }

  function renderCatalogue() {
    const shown = data.exercises.filter(matches);
    catalogue.replaceChildren();
    for (const exercise of shown) {
      const li = document.createElement("li");
      if (exercise.drawn) {
        const still = document.createElement("img");
        still.className = "builder-still";
        still.src = exerciseBase + exercise.id + "/figure-still.svg";
        still.alt = "";  // the name beside it says what it shows
        still.width = 48;
        still.height = 36;
        still.loading = "lazy";
        li.append(still);
      }
      const name = document.createElement("span");
      name.className = "builder-catalogue-name";
      name.textContent = exercise.name;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button builder-add";
      button.dataset.add = exercise.id;
      const chosen = state.items.some(function (i) { return i.id === exercise.id; });
      button.textContent = chosen ? "Added" : "Add";
      button.disabled = chosen || state.items.length >= MAX_ITEMS;
      button.setAttribute("aria-label", (chosen ? "Already added: " : "Add ") + exercise.name);
      li.append(name, button);
      catalogue.append(li);
    }
    countLine.textContent = shown.length + " of " + data.exercises.length + " exercises shown";
  }

  /* -- The chosen list ------------------------------------------------------------------------- */

  function control(tag, props) {
    const element = document.createElement(tag);
    Object.assign(element, props);
    return element;
  }

  function renderChosen(focus) {
    chosenList.replaceChildren();
    state.items.forEach(function (item, index) {
      const exercise = byId.get(item.id);
      const li = control("li", { className: "builder-item" });
      li.dataset.id = item.id;
      const name = control("span", { className: "builder-item-name", textContent: exercise.name });

      const sets = control("input", { type: "text", value: item.sets, inputMode: "numeric", className: "builder-sets",
        size: 4, maxLength: 7 });
      sets.setAttribute("aria-label", "Sets of " + exercise.name);
      sets.dataset.field = "sets";
      const amount = control("input", { type: "text", value: item.amount, inputMode: "numeric", className: "builder-amount",
        size: 4, maxLength: 7 });
      amount.setAttribute("aria-label", (item.hold ? "Seconds to hold, " : "Reps, ") + exercise.name);
      amount.dataset.field = "amount";
      const kind = control("select", { className: "builder-kind" });
      kind.setAttribute("aria-label", "Reps or hold for " + exercise.name);
      kind.dataset.field = "kind";
      kind.append(control("option", { value: "reps", textContent: "reps" }),
        control("option", { value: "hold", textContent: "s hold" }));
      kind.value = item.hold ? "hold" : "reps";
      const dose = control("span", { className: "builder-dose" });
      dose.append(sets, control("span", { textContent: " × " }), amount, kind);

      const buttons = control("span", { className: "builder-move" });
      for (const [action, label, text] of [["up", "Move up: ", "↑"], ["down", "Move down: ", "↓"], ["remove", "Remove ", "✕"]]) {
        const button = control("button", { type: "button", className: "md-button builder-" + action, textContent: text });
        button.dataset.action = action;
        button.setAttribute("aria-label", label + exercise.name);
        button.disabled = (action === "up" && index === 0) || (action === "down" && index === state.items.length - 1);
        buttons.append(button);
      }
      li.append(name, dose, buttons);
      chosenList.append(li);
    });
    emptyLine.hidden = state.items.length > 0;
    if (focus) focusAfterChange(focus);
  }

  // Keep keyboard users where they were: on the same button of the item they moved, or nearby.
  function focusAfterChange(focus) {
    const items = chosenList.children;
    if (!items.length) { titleInput.focus(); return; }
    const li = items[Math.min(focus.index, items.length - 1)];
    let button = li.querySelector('[data-action="' + focus.action + '"]');
    if (!button || button.disabled) button = li.querySelector("button:not([disabled])");
    button.focus();
  }

  /* -- The sheet ------------------------------------------------------------------------------- */

  function doseText(item, exercise) {
    // Unchanged, an exercise keeps the words its page uses (build_tools' one dose formatter sent them);
    // a dose the reader edits is worded by the same rules here.
    const own = defaultItem(exercise);
    if (item.sets === own.sets && item.amount === own.amount && item.hold === own.hold) return exercise.dose;
    const range = function (v) { return v.replace("-", "–"); };
    const timed = exercise.type === "self-massage" ? " s" : " s hold"; // you roll for 60 s; you do not hold still
    const text = range(item.sets) + " × " + range(item.amount) + (item.hold ? timed : "");
    return text + (exercise.perSide ? " each side" : "");
  }

  function renderSheet() {
    renderSessionLink();
    const title = state.title || "My knee routine";
    sheet.querySelector("[data-sheet-title]").textContent = title;
    document.title = title + " - routine builder";
    const count = state.items.length;
    sheet.querySelector("[data-sheet-meta]").textContent =
      count + " exercise" + (count === 1 ? "" : "s") + " · for " + state.weeks + " week" + (state.weeks === 1 ? "" : "s");

    const rows = sheet.querySelector("[data-sheet-rows]");
    rows.replaceChildren();
    state.items.forEach(function (item, index) {
      const exercise = byId.get(item.id);
      const row = rowTemplate.content.firstElementChild.cloneNode(true);
      row.querySelector(".sheet-number").textContent = String(index + 1);
      const link = row.querySelector(".sheet-name-link");
      link.textContent = exercise.name;
      link.href = exerciseBase + exercise.id + "/";
      row.querySelector(".sheet-cue").textContent = exercise.cue;
      const visual = root.querySelector('template[data-builder-visual="' + exercise.id + '"]');
      if (visual) row.querySelector(".sheet-visual").append(visual.content.cloneNode(true));
      const dose = row.querySelector(".sheet-dose");
      dose.insertBefore(document.createTextNode(doseText(item, exercise)), dose.firstChild);
      rows.append(row);
    });

    const weeks = sheet.querySelector("[data-sheet-weeks]");
    weeks.closest("table").classList.toggle("sheet-log--long", state.weeks > 8);
    const first = weeks.firstElementChild;
    weeks.replaceChildren();
    for (let week = 1; week <= state.weeks; week++) {
      const row = first.cloneNode(true);
      row.firstElementChild.textContent = String(week);
      weeks.append(row);
    }

    // The footer: the full address (it holds the routine), as text and as a QR code.
    const url = location.href;
    sheet.querySelector("[data-sheet-url]").textContent = url;
    const qr = sheet.querySelector("[data-sheet-qr]");
    qr.replaceChildren();
    if (typeof qrcode === "function") {
      const code = qrcode(0, "M");
      code.addData(url);
      code.make();
      // createSvgTag builds the SVG from the code's own matrix; the address is not part of it.
      qr.innerHTML = code.createSvgTag({ cellSize: 4, margin: 16, scalable: true });
    }
  }

  /* -- Events ---------------------------------------------------------------------------------- */

  catalogue.addEventListener("click", function (event) {
    const button = event.target.closest("[data-add]");
    if (!button || state.items.length >= MAX_ITEMS) return;
    state.items.push(defaultItem(byId.get(button.dataset.add)));
    renderChosen();
    renderCatalogue();
    save();
    status.textContent = byId.get(button.dataset.add).name + " added as number " + state.items.length + ".";
    const next = catalogue.querySelector("button:not([disabled])");
    if (next) next.focus();
  });

  chosenList.addEventListener("click", function (event) {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const index = Array.prototype.indexOf.call(chosenList.children, button.closest("li"));
    const action = button.dataset.action;
    const [item] = state.items.splice(index, 1);
    let to = index;
    if (action === "up") to = index - 1;
    if (action === "down") to = index + 1;
    if (action !== "remove") state.items.splice(to, 0, item);
    const name = byId.get(item.id).name;
    status.textContent = action === "remove" ? name + " removed." : name + " is now number " + (to + 1) + ".";
    renderChosen({ index: action === "remove" ? index : to, action: action === "remove" ? "remove" : action });
    renderCatalogue();
    save();
  });

  chosenList.addEventListener("change", function (event) {
    const field = event.target.dataset.field;
    if (!field) return;
    const index = Array.prototype.indexOf.call(chosenList.children, event.target.closest("li"));
    const item = state.items[index];
    if (field === "kind") {
      item.hold = event.target.value === "hold";
    } else {
      const value = event.target.value.trim().replace(/\s+/g, "").replace("–", "-");
      if (COUNT.test(value)) {
        item[field] = value;
        event.target.removeAttribute("aria-invalid");
      } else {
        event.target.setAttribute("aria-invalid", "true");
        status.textContent = "Write a number such as 10, or a range such as 8-12.";
        return;
      }
    }
    save();
  });

  titleInput.addEventListener("input", function () {
    state.title = titleInput.value.slice(0, 80);
    save();
  });
  weeksInput.addEventListener("change", function () {
    const weeks = parseInt(weeksInput.value, 10);
    state.weeks = weeks >= 1 && weeks <= 12 ? weeks : 6;
    weeksInput.value = String(state.weeks);
    save();
  });
  conditionSelect.addEventListener("change", renderCatalogue);
  equipmentSelect.addEventListener("change", renderCatalogue);

  root.querySelector("[data-builder-print]").addEventListener("click", function () { window.print(); });
  root.querySelector("[data-builder-copy]").addEventListener("click", function () {
    const done = function () { status.textContent = "Link copied."; };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(location.href).then(done, function () { status.textContent = location.href; });
    } else {
      status.textContent = location.href;
    }
  });

  function load() {
    state = readAddress();
    titleInput.value = state.title;
    weeksInput.value = String(state.weeks);
    renderChosen();
    renderCatalogue();
    renderSheet();
  }

  window.addEventListener("hashchange", load);
  form.hidden = false;
  load();
})();
