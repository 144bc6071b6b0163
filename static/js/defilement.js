/* Tables and charts wider than their box scroll sideways in a region the keyboard reaches
   (templates/includes/defilement.html). This marks each block whose region does scroll now,
   at this width and with these data, with the class « af-defile »: its hint « Faites défiler
   … horizontalement » shows only then (static/css/portail.css), never over a table that fits.
   Without JavaScript the regions still scroll and take the focus; only the hint is missing. */
(function () {
  "use strict";
  var regions = document.querySelectorAll("[data-defilement]");
  if (!regions.length || !("ResizeObserver" in window)) {
    return;
  }

  function marquer(region) {
    var bloc = region.closest(".fr-table, .af-graphique");
    if (bloc) {
      bloc.classList.toggle("af-defile", region.scrollWidth > region.clientWidth + 1);
    }
  }

  var observateur = new ResizeObserver(function (entrees) {
    entrees.forEach(function (entree) {
      marquer(entree.target.closest("[data-defilement]") || entree.target);
    });
  });
  regions.forEach(function (region) {
    // The region's own box changes with the window; what it scrolls (the table, the chart)
    // may change on its own, a chart drawing itself after the page has loaded.
    var contenu = region.querySelector("table") || region.firstElementChild;
    observateur.observe(region);
    if (contenu) {
      observateur.observe(contenu);
    }
  });
})();
