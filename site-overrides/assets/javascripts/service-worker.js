/* The atlas offline (published as /sw.js; build_tools/offline.py puts CACHE and PRECACHE above this).
   After the first visit it keeps one release's pages and files (PRECACHE) in a cache named for that
   release, and answers from it: the pages, scripts and data a reader gets always belong together, with
   or without a network. A new release installs beside the old one; the page then says newer content is
   ready, and on "Reload" (or once every tab of the atlas is closed) it takes over and deletes every
   older cache. Anything not in the precache goes to the network as usual. */
"use strict";

const SCOPE = new URL("./", self.location).href;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(PRECACHE.map(function (path) { return new Request(new URL(path, SCOPE), { cache: "reload" }); }));
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.startsWith("atlas-") && name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data === "take-over") self.skipWaiting();
});

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  // The session page reads its routine from ?routine=...: any query finds the page kept without one.
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: request.mode === "navigate" }).then(function (kept) {
      return kept || fetch(request);
    });
  }));
});
