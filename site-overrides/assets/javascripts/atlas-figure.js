/* Exercise figures: play the frames drawn at build time (build_tools/site/figures, mode "frames") while
   the drawing is on screen and not paused. The SVG's data-timeline lists the frame for each slot of one
   loop (rest at the start, move, rest at the end, move back); data-slot-ms is a slot's length. Without
   this script, or under reduced motion, the page keeps the start and end side by side. */
(function () {
  "use strict";
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)");

  function setUp(figure) {
    const template = figure.querySelector("template.atlas-figure-frames");
    const still = figure.querySelector(".atlas-figure-still");
    const button = figure.querySelector(".atlas-figure-pause");
    if (!template || !still || !button) return;
    const moving = document.createElement("div");
    moving.className = "atlas-figure-moving";
    moving.appendChild(template.content.cloneNode(true));
    const svg = moving.querySelector("svg");
    const frames = svg.querySelectorAll(".fr");
    const timeline = svg.dataset.timeline.split(" ").map(Number);
    const slotMs = Number(svg.dataset.slotMs);
    let slot = 0;
    let timer = null;
    let paused = false;
    let onScreen = false;

    function show(frame) {
      frames.forEach((g, i) => g.classList.toggle("on", i === frame));
    }
    function tick() {
      slot = (slot + 1) % timeline.length;
      show(timeline[slot]);
    }
    function update() {
      const play = !reduce.matches && !paused && onScreen && !document.hidden;
      moving.hidden = reduce.matches;
      still.hidden = !reduce.matches;
      button.hidden = reduce.matches;
      if (play && timer === null) timer = window.setInterval(tick, slotMs);
      if (!play && timer !== null) {
        window.clearInterval(timer);
        timer = null;
      }
    }

    still.after(moving);
    button.addEventListener("click", () => {
      paused = !paused;
      button.setAttribute("aria-pressed", String(paused));
      button.textContent = paused ? "Play the drawing" : "Pause the drawing";
      update();
    });
    new IntersectionObserver((entries) => {
      onScreen = entries[entries.length - 1].isIntersecting;
      update();
    }).observe(moving);
    document.addEventListener("visibilitychange", update);
    reduce.addEventListener("change", update);
    update();
  }

  // The still is on screen first; the frames come in once the page has loaded and the browser is idle,
  // so the swap never delays the page's first paint or its first input.
  function start() {
    const later = window.requestIdleCallback || ((f) => window.setTimeout(f, 1));
    later(() => document.querySelectorAll("[data-atlas-figure]").forEach(setUp));
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
