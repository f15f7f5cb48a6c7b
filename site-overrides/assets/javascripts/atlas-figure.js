/* Exercise figures: play the frames drawn at build time (build_tools/site/figures) while the drawing is
   on screen and not paused. They come from the exercise's standalone figure.svg beside the page (the
   figure's data-atlas-figure names it), fetched only when the drawing may move. Marked `played`, the SVG
   stops its own CSS animation and shows only the frame marked `on`: a few class changes a second instead
   of animations the browser would service every frame. Its data-timeline lists the frame for each slot of
   one loop (rest at the start, move, rest at the end, move back); data-slot-ms is a slot's length. Without
   this script, under reduced motion, or when the file cannot be fetched (offline before the first visit),
   the page keeps the start and end side by side. */
(function () {
  "use strict";
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)");

  /* The drawing as an element to put in the page, its CSS animation off: our own SVG, from the same site. */
  function fetchDrawing(address) {
    return fetch(address)
      .then((response) => {
        if (!response.ok) throw new Error(response.status + " " + address);
        return response.text();
      })
      .then((text) => {
        const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
        if (svg.namespaceURI !== "http://www.w3.org/2000/svg") throw new Error("not an SVG: " + address);
        svg.classList.add("played");
        return document.importNode(svg, true);
      });
  }

  function setUp(figure) {
    const still = figure.querySelector(".atlas-figure-still");
    const button = figure.querySelector(".atlas-figure-pause");
    if (!still || !button || !figure.dataset.atlasFigure) return;
    const moving = document.createElement("div");
    moving.className = "atlas-figure-moving";
    moving.hidden = true;
    still.after(moving);
    let frames = null;
    let timeline = [];
    let slotMs = 0;
    let asked = false;
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
      if (!reduce.matches && !asked) {
        asked = true;
        fetchDrawing(new URL(figure.dataset.atlasFigure, window.location.href))
          .then((svg) => {
            moving.appendChild(svg);
            frames = svg.querySelectorAll(".fr");
            timeline = svg.dataset.timeline.split(" ").map(Number);
            slotMs = Number(svg.dataset.slotMs);
            show(timeline[slot]);
            update();
          })
          .catch(() => {}); // the start and end stay, as without a script
      }
      const ready = frames !== null && !reduce.matches;
      const play = ready && !paused && onScreen && !document.hidden;
      moving.hidden = !ready;
      still.hidden = ready;
      button.hidden = !ready;
      if (play && timer === null) timer = window.setInterval(tick, slotMs);
      if (!play && timer !== null) {
        window.clearInterval(timer);
        timer = null;
      }
    }

    button.addEventListener("click", () => {
      paused = !paused;
      button.setAttribute("aria-pressed", String(paused));
      button.textContent = paused ? "Play the drawing" : "Pause the drawing";
      update();
    });
    new IntersectionObserver((entries) => {
      onScreen = entries[entries.length - 1].isIntersecting;
      update();
    }).observe(figure);
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
