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
