/* Routine pages: the "Print this sheet" button. It stays hidden without JavaScript, where the
   browser's own print command gives the same sheet. */
(function () {
  "use strict";
  for (const button of document.querySelectorAll("[data-routine-print]")) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
})();
