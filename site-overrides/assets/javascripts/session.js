/* The guided session (/routines/session/). The routine comes from the address: ?routine=<id> for a
   routine page, or the routine builder's own form (#t=<title>&e=<id>_<sets>_<amount>...).
   One exercise at a time: a rep counter, or a hold timer (a get-ready countdown, then the count, a beep
   and a vibration at the end); per-side exercises show both sides side by side; a rest timer between
   sets; pain after each exercise and at the end, as the pain rule asks. The whole state is saved in
   localStorage after every change, and timers keep the time they end at (not a countdown), so a reload
   or a closed tab resumes exactly where it was. All text is set with textContent. */
(function () {
  "use strict";

  const root = document.querySelector("[data-session]");
  if (!root) return;

  const data = JSON.parse(document.getElementById("session-data").textContent);
  const base = root.dataset.siteBase;
  const live = document.getElementById("session-live");
  const STORE = "atlas-session";
  const GET_READY = 5; // seconds of countdown before a hold starts
  const COUNT = /^[0-9]{1,3}(-[0-9]{1,3})?$/;
  const panels = {};
  for (const panel of root.querySelectorAll("[data-panel]")) panels[panel.dataset.panel] = panel;
  const $ = function (selector) { return root.querySelector(selector); };

  /* -- Numbers and words ----------------------------------------------------------------------- */

  // "2-3" sets or "8-12" reps: the session counts to the first number; the dose text shows the range.
  function first(value) {
    if (value === null || value === undefined) return null;
    return parseInt(String(value).split("-")[0], 10);
  }
  function range(value) { return String(value).replace("-", "–"); }

  // The builder's sheet words (builder-routine.js doseText); tests check the two give the same text.
  function builderDose(sets, amount, hold, exercise) {
    const timed = exercise.timed ? " s " + exercise.timed : " s";
    return range(sets) + " × " + range(amount) + (hold ? timed : "") + (exercise.perSide ? " each side" : "");
  }

  function seconds(n) { return n + (n === 1 ? " second" : " seconds"); }

  /* -- The routine from the address ------------------------------------------------------------ */

  function stepFromExercise(id, dose, cue, numbers) {
    const exercise = data.exercises[id];
    return {
      exercise: id, name: exercise.name, cue: cue || exercise.cue, dose: dose, doseNote: numbers.doseNote || "",
      sets: first(numbers.sets) || 1, reps: first(numbers.reps), hold: first(numbers.hold),
      perSide: numbers.perSide, rest: exercise.rest,
    };
  }

  function fromAddress() {
    const params = new URLSearchParams(location.search);
    const id = params.get("routine");
    if (id && data.routines[id]) {
      const routine = data.routines[id];
      const steps = [];
      let slot = 0;
      for (const section of routine.sections) {
        const rounds = first(section.rounds) || 1;
        const firstSlot = slot;
        for (let round = 1; round <= rounds; round++) {
          slot = firstSlot;
          for (const line of section.lines) {
            const step = stepFromExercise(line.exercise, line.dose, line.cue, line);
            step.slot = slot++;
            step.round = round;
            step.rounds = rounds;
            steps.push(step);
          }
        }
      }
      return { key: "routine:" + id, routine: { id: id, title: routine.title, address: "routines/session/?routine=" + id }, steps: steps };
    }
    const hash = new URLSearchParams(location.hash.replace(/^#/, ""));
    const steps = [];
    for (const value of hash.getAll("e")) {
      const parts = value.split("_");
      const exercise = data.exercises[parts[0]];
      if (!exercise || steps.some(function (s) { return s.exercise === parts[0]; }) || steps.length >= 16) continue;
      let sets = String(exercise.sets);
      let hold = exercise.reps === null;
      let amount = String(hold ? exercise.hold : exercise.reps);
      if (COUNT.test(parts[1] || "")) sets = parts[1];
      const given = (parts[2] || "").replace(/s$/, "");
      if (COUNT.test(given)) { amount = given; hold = /s$/.test(parts[2]); }
      const step = stepFromExercise(parts[0], builderDose(sets, amount, hold, exercise), null,
        { sets: sets, reps: hold ? null : amount, hold: hold ? amount : null, perSide: exercise.perSide });
      step.slot = steps.length;
      step.round = 1;
      step.rounds = 1;
      steps.push(step);
    }
    if (!steps.length) return null;
    const title = (hash.get("t") || "").slice(0, 80) || "My knee routine";
    return { key: "builder:" + location.hash, routine: { id: null, title: title, address: "routines/session/" + location.hash }, steps: steps };
  }

  /* -- State ----------------------------------------------------------------------------------- */

  let state = null;

  function fresh(plan) {
    return {
      key: plan.key, routine: plan.routine, steps: plan.steps, started: new Date().toISOString(),
      index: 0, set: 1, phase: "work", side: 0, counts: [0, 0], holds: [false, false], endsAt: null,
      results: {}, painOverall: null,
    };
  }

  function save() { localStorage.setItem(STORE, JSON.stringify(state)); }

  function load(plan) {
    try {
      const stored = JSON.parse(localStorage.getItem(STORE) || "null");
      if (stored && stored.key === plan.key && stored.phase !== "done") return stored;
    } catch (error) { /* a damaged record: start afresh */ }
    return fresh(plan);
  }

  function step() { return state.steps[state.index]; }
  function sides() { return step().perSide ? 2 : 1; }

  function result() {
    const current = step();
    const key = String(current.slot);
    if (!state.results[key]) {
      state.results[key] = { exercise: current.exercise, name: current.name, dose: current.dose, status: "skipped", sets_done: 0, easier_for: null, pain: null };
    }
    const entry = state.results[key];
    entry.exercise = current.exercise;
    entry.name = current.name;
    entry.dose = current.dose;
    entry.easier_for = current.easierFor || null;
    return entry;
  }

  /* -- Announcements, sound, vibration, wake lock ---------------------------------------------- */

  function announce(text) {
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  let audio = null;
  function prepareSound() {
    // Browsers allow sound only after a tap: the audio context is made on the first button press.
    if (audio || !(window.AudioContext || window.webkitAudioContext)) return;
    try { audio = new (window.AudioContext || window.webkitAudioContext)(); } catch (error) { audio = null; }
  }
  function beep() {
    if (audio) {
      try {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = 880;
        gain.gain.value = 0.2;
        tone.connect(gain).connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.35);
      } catch (error) { /* no sound on this device */ }
    }
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
    root.dataset.beeps = String((parseInt(root.dataset.beeps || "0", 10)) + 1);
  }

  let wakeLock = null;
  function keepAwake(on) {
    if (on && !wakeLock && navigator.wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").then(function (lock) {
        wakeLock = lock;
        root.dataset.awake = "true";
        lock.addEventListener("release", function () { wakeLock = null; root.dataset.awake = "false"; });
      }, function () { /* refused (battery saver): the session still works */ });
    } else if (!on && wakeLock) {
      wakeLock.release();
      wakeLock = null;
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (state && state.phase !== "done") keepAwake(true);
  });

  /* -- Moving through the session -------------------------------------------------------------- */

  function startWork(announceIt) {
    state.phase = "work";
    state.side = 0;
    state.counts = [0, 0];
    state.holds = [false, false];
    state.endsAt = null;
    save();
    render(true);
    if (announceIt) announce(announceIt);
  }

  function goTo(index) {
    state.index = index;
    state.set = 1;
    if (index >= state.steps.length) {
      state.phase = "end";
      save();
      render(true);
      return;
    }
    const current = step();
    startWork(current.name + ". " + current.dose + ".");
  }

  function isLastRound() {
    const current = step();
    return current.round >= current.rounds;
  }

  function exerciseFinished() {
    if (isLastRound() && result().sets_done > 0) {
      state.phase = "pain";
      save();
      render(true);
    } else {
      goTo(state.index + 1);
    }
  }

  function setDone() {
    const entry = result();
    entry.sets_done += 1;
    entry.status = "done";
    if (state.set < step().sets) {
      state.phase = "rest";
      state.endsAt = Date.now() + step().rest * 1000;
      save();
      render(true);
      announce("Set " + state.set + " done. Rest for " + seconds(step().rest) + ".");
    } else {
      announce("Set " + state.set + " done.");
      exerciseFinished();
    }
  }

  function startHold(side) {
    prepareSound();
    state.side = side;
    state.phase = "ready";
    state.endsAt = Date.now() + GET_READY * 1000;
    save();
    render(false);
    announce("Get ready" + (sides() > 1 ? ", " + sideName(side).toLowerCase() + " side" : "") + ". The hold starts in " + seconds(GET_READY) + ".");
  }

  function sideName(side) { return sides() > 1 ? (side === 0 ? "Left" : "Right") : "This side"; }

  // Called often; moves on only when a timer's end time has passed, so it is right after a reload too.
  function tick() {
    if (!state || state.endsAt === null) return;
    const left = state.endsAt - Date.now();
    if (left > 0) {
      updateClocks(left);
      return;
    }
    if (state.phase === "ready") {
      state.phase = "hold";
      state.endsAt += step().hold * 1000;
      save();
      render(false);
      announce("Hold for " + seconds(step().hold) + ".");
      tick();
    } else if (state.phase === "hold") {
      state.holds[state.side] = true;
      state.endsAt = null;
      state.phase = "work";
      beep();
      const other = state.holds.slice(0, sides()).indexOf(false);
      if (other >= 0) {
        save();
        render(false);
        announce("Hold done. Now the " + sideName(other).toLowerCase() + " side.");
        startHold(other);
      } else {
        announce("Hold done.");
        setDone();
      }
    } else if (state.phase === "rest") {
      state.set += 1;
      state.endsAt = null;
      beep();
      startWork("Rest over. Set " + state.set + " of " + step().sets + ".");
    }
  }

  /* -- Drawing --------------------------------------------------------------------------------- */

  function updateClocks(left) {
    const secs = Math.ceil(left / 1000);
    if (state.phase === "rest") {
      $("[data-rest-clock]").textContent = secs + " s";
      return;
    }
    const clock = $('[data-side-index="' + state.side + '"] [data-clock]');
    if (clock) clock.textContent = state.phase === "ready" ? "Get ready: " + secs : secs + " s";
  }

  function show(name, focus) {
    for (const key in panels) panels[key].hidden = key !== name;
    if (focus) {
      const heading = panels[name].querySelector("[tabindex='-1']");
      if (heading) heading.focus();
    }
  }

  function renderSides() {
    const current = step();
    const box = $("[data-sides]");
    box.replaceChildren();
    const template = document.getElementById("session-side");
    for (let side = 0; side < sides(); side++) {
      const node = template.content.firstElementChild.cloneNode(true);
      node.dataset.sideIndex = String(side);
      node.querySelector("[data-side-name]").textContent = sides() > 1 ? sideName(side) : "";
      node.querySelector("[data-side-name]").hidden = sides() === 1;
      const count = node.querySelector("[data-count]");
      const hold = node.querySelector("[data-hold]");
      const clock = node.querySelector("[data-clock]");
      const done = node.querySelector("[data-side-done]");
      const where = sides() > 1 ? ", " + sideName(side).toLowerCase() + " side" : "";
      if (current.hold !== null) {
        count.hidden = true;
        const running = (state.phase === "ready" || state.phase === "hold") && state.side === side;
        clock.hidden = !running;
        hold.hidden = running || state.holds[side];
        hold.textContent = "Start the hold" + (sides() > 1 ? ": " + sideName(side).toLowerCase() : "");
        hold.dataset.side = String(side);
        hold.disabled = state.phase === "ready" || state.phase === "hold";
        done.hidden = !state.holds[side];
        done.textContent = "Done: " + seconds(current.hold) + " held";
      } else {
        hold.hidden = true;
        const n = state.counts[side];
        node.querySelector("[data-count-number]").textContent = String(n);
        node.querySelector("[data-count-label]").textContent = "of " + current.reps + " reps: tap for each";
        count.setAttribute("aria-label", "Count a rep" + where + ": " + n + " of " + current.reps + " done");
        count.dataset.side = String(side);
        done.hidden = n < current.reps;
        done.textContent = "All " + current.reps + " reps done";
      }
      box.append(node);
    }
  }

  function render(focus) {
    if (state.phase === "end" || state.phase === "done") {
      keepAwake(false);
      show(state.phase, focus);
      return;
    }
    keepAwake(true);
    const current = step();
    $("[data-routine-title]").textContent = state.routine.title;
    let progress = "Exercise " + (state.index + 1) + " of " + state.steps.length;
    if (current.rounds > 1) progress += " · round " + current.round + " of " + current.rounds;
    if (current.sets > 1) progress += " · set " + state.set + " of " + current.sets;
    $("[data-progress]").textContent = progress;
    $("[data-name]").textContent = current.name;
    $("[data-cue]").textContent = current.cue;
    $("[data-dose]").textContent = current.dose;
    $("[data-dose-note]").textContent = current.doseNote || "";
    const swapped = $("[data-swapped]");
    swapped.hidden = !current.easierFor;
    swapped.textContent = current.easierFor ? "The easier version of " + current.easierFor + "." : "";
    // The exercise's figure, when its record has one; the name beside it says what it shows.
    const figure = $("[data-figure]");
    const path = data.exercises[current.exercise].figure;
    figure.replaceChildren();
    figure.hidden = !path;
    if (path) {
      const img = document.createElement("img");
      img.src = base + path;
      img.alt = "";
      img.width = 240;
      img.height = 240;
      figure.append(img);
    }
    $("[data-exercise-link]").href = base + "exercises/" + current.exercise + "/";
    $("[data-easier]").hidden = data.exercises[current.exercise].regressions.length === 0;
    $("[data-back]").disabled = state.index === 0;
    renderSides();
    if (state.phase === "rest") {
      $("[data-rest-next]").textContent = "Next: set " + (state.set + 1) + " of " + current.sets + " of " + current.name + ".";
      show("rest", focus);
    } else if (state.phase === "pain") {
      panels.pain.querySelector("legend").textContent = "Knee pain during " + current.name + ", from 0 to 10";
      $("[data-stretch-note]").hidden = !data.exercises[current.exercise].stretch;
      setScale("pain-exercise", result().pain);
      show("pain", focus);
    } else {
      show("work", focus);
    }
    if (state.endsAt !== null) updateClocks(state.endsAt - Date.now());
  }

  function setScale(name, value) {
    for (const input of root.querySelectorAll('input[name="' + name + '"]')) input.checked = value !== null && Number(input.value) === value;
    showZone(root.querySelector('[data-pain-scale="' + name + '"]'), value);
  }

  // The pain rule's zone for a score, in the safety page's words, under the scale it answers.
  function showZone(fieldset, value) {
    const zones = fieldset.nextElementSibling;
    const zone = value === null ? "" : value <= 2 ? "green" : value <= 5 ? "amber" : "red";
    for (const p of zones.querySelectorAll("[data-zone]")) p.hidden = p.dataset.zone !== zone;
  }

  function chosen(name) {
    const input = root.querySelector('input[name="' + name + '"]:checked');
    return input ? Number(input.value) : null;
  }

  /* -- Events ---------------------------------------------------------------------------------- */

  root.addEventListener("change", function (event) {
    const fieldset = event.target.closest("[data-pain-scale]");
    if (fieldset) showZone(fieldset, Number(event.target.value));
  });

  root.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (!button || !state) return;
    prepareSound();
    if (button.matches("[data-count]")) {
      const side = Number(button.dataset.side);
      const reps = step().reps;
      state.counts[side] += 1;
      save();
      render(false);
      const again = root.querySelector('[data-side-index="' + side + '"] [data-count]');
      if (again) again.focus();
      const n = state.counts[side];
      announce(n >= reps && n - 1 < reps ? "All " + reps + " reps done" + (sides() > 1 ? " on the " + sideName(side).toLowerCase() + " side" : "") + "." : n + " of " + reps + ".");
    } else if (button.matches("[data-hold]")) {
      startHold(Number(button.dataset.side));
    } else if (button.matches("[data-set-done]")) {
      setDone();
    } else if (button.matches("[data-rest-skip]")) {
      state.endsAt = Date.now();
      tick();
    } else if (button.matches("[data-next]")) {
      if (result().sets_done === 0) result().status = "skipped";
      exerciseFinished();
    } else if (button.matches("[data-skip]")) {
      result().status = "skipped";
      goTo(state.index + 1);
    } else if (button.matches("[data-back]")) {
      goTo(Math.max(0, state.index - 1));
    } else if (button.matches("[data-easier]")) {
      const current = step();
      const easierId = data.exercises[current.exercise].regressions[0];
      const easier = data.exercises[easierId];
      const swapped = stepFromExercise(easierId, easier.dose, null, easier);
      Object.assign(swapped, { slot: current.slot, round: current.round, rounds: current.rounds, easierFor: current.name });
      state.steps[state.index] = swapped;
      state.set = 1;
      startWork("Swapped in an easier version: " + swapped.name + ". " + swapped.dose + ".");
    } else if (button.matches("[data-pain-save]")) {
      result().pain = chosen("pain-exercise");
      goTo(state.index + 1);
    } else if (button.matches("[data-end-save]")) {
      state.painOverall = chosen("pain-overall");
      finish();
    }
  });

  function finish() {
    const exercises = [];
    const seen = {};
    for (const s of state.steps) {
      const entry = state.results[String(s.slot)];
      if (seen[s.slot]) continue;
      seen[s.slot] = true;
      exercises.push(entry || { exercise: s.exercise, name: s.name, dose: s.dose, status: "skipped", sets_done: 0, easier_for: null, pain: null });
    }
    window.atlasLog.add({
      id: state.started,
      started: state.started,
      finished: new Date().toISOString(),
      routine: state.routine,
      exercises: exercises,
      pain_overall: state.painOverall,
      next_morning: null,
    });
    state.phase = "done";
    localStorage.removeItem(STORE);
    render(true);
    announce("Saved to your log.");
  }

  /* -- Start ----------------------------------------------------------------------------------- */

  // A builder routine lives after the #: another one opened in this tab is another session.
  window.addEventListener("hashchange", function () { location.reload(); });

  const plan = fromAddress();
  if (!plan) {
    show("choose", false);
    return;
  }
  state = load(plan);
  document.title = state.routine.title + " - session - Runner's Knee Atlas";
  $("[data-again]").href = location.href;
  save();
  render(false);
  tick();
  window.setInterval(tick, 250);
})();
