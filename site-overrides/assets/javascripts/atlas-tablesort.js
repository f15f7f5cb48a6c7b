// Material's tablesort recipe: make every plain content table sortable, again after each instant-page load.
document$.subscribe(function () {
  document.querySelectorAll("article table:not([class])").forEach(function (table) {
    new Tablesort(table);
  });
});
