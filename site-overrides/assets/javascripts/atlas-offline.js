/* Registers the service worker (/sw.js, written by `mkdocs build` only), and says when a newer release
   of the atlas has been fetched and is ready: "Reload" lets it take over. */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) return;
  const template = document.getElementById("atlas-update");

  function offer(worker) {
    if (!navigator.serviceWorker.controller || !template || document.querySelector(".atlas-update")) return;
    const box = template.content.firstElementChild.cloneNode(true);
    box.querySelector("button").addEventListener("click", function () { worker.postMessage("take-over"); });
    document.body.append(box);
  }

  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (reloading || !document.querySelector(".atlas-update")) return;
    reloading = true;
    location.reload();
  });

  // Registered once the page has loaded, so that filling the offline cache (every routine and exercise page)
  // never competes with the page the reader opened (web.dev, "Service worker registration").
  function register() {
    navigator.serviceWorker.register(script.dataset.worker).then(onRegistered, function () {
      /* no worker (mkdocs serve, or a browser without them): the site works online */
    });
  }

  function onRegistered(registration) {
    if (registration.waiting) offer(registration.waiting);
    registration.addEventListener("updatefound", function () {
      const worker = registration.installing;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed") offer(worker);
      });
    });
  }

  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();
