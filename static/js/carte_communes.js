/* The map of the communes accompanied (templates/catalogue/_carte_communes.html): one point
   per commune, read from the GeoJSON at « data-source », each a link to the commune's page
   with its name and number of ateliers as its tooltip. Metropolitan France and Corsica are
   drawn in a simple projection over a rough outline (longitudes shrunk by the cosine of 46.5°); the communes
   outside it (overseas) are listed below the map. The list of communes, linked beside the
   map, says the same for screen readers and without JavaScript. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var OUEST = -5.3, EST = 9.8, SUD = 41.2, NORD = 51.2;
  var LARGEUR = 1000;
  // A rough outline of the coasts and borders (longitude, latitude), for bearings only.
  var CONTOURS = [
    [[2.55, 51.09], [2.9, 50.7], [3.6, 50.5], [4.2, 50.0], [4.8, 50.15], [5.8, 49.55],
      [6.4, 49.46], [7.0, 49.15], [8.2, 48.97], [7.8, 48.5], [7.55, 47.6], [7.0, 47.45],
      [6.9, 47.3], [6.1, 46.6], [6.1, 46.15], [6.8, 46.4], [6.95, 46.05], [7.05, 45.9],
      [6.8, 45.7], [7.1, 45.25], [6.65, 45.05], [7.0, 44.7], [6.95, 44.3], [7.7, 44.1],
      [7.5, 43.78], [7.0, 43.55], [6.6, 43.15], [5.9, 43.1], [5.35, 43.3], [4.85, 43.4],
      [4.2, 43.45], [3.5, 43.28], [3.05, 42.9], [3.15, 42.43], [2.0, 42.45], [1.45, 42.6],
      [0.7, 42.8], [-0.3, 42.85], [-1.0, 43.05], [-1.78, 43.35], [-1.45, 43.6], [-1.25, 44.5],
      [-1.15, 45.5], [-1.2, 46.2], [-2.15, 46.85], [-2.2, 47.15], [-2.55, 47.3], [-3.1, 47.5],
      [-4.35, 47.8], [-4.7, 48.05], [-4.77, 48.4], [-4.5, 48.63], [-3.6, 48.7], [-3.0, 48.85],
      [-2.3, 48.6], [-1.55, 48.65], [-1.6, 49.2], [-1.9, 49.7], [-1.3, 49.7], [-1.2, 49.4],
      [-0.2, 49.3], [0.2, 49.45], [0.15, 49.7], [1.0, 49.95], [1.6, 50.25], [1.6, 50.9]],
    [[9.35, 43.0], [9.55, 42.7], [9.55, 42.1], [9.2, 41.37], [8.8, 41.55], [8.6, 41.9],
      [8.65, 42.35], [9.1, 42.7]],
  ];
  var HAUTEUR = Math.round(
    (LARGEUR * (NORD - SUD)) / ((EST - OUEST) * Math.cos((46.5 * Math.PI) / 180))
  );

  function x(lon) {
    return ((lon - OUEST) / (EST - OUEST)) * LARGEUR;
  }

  function y(lat) {
    return ((NORD - lat) / (NORD - SUD)) * HAUTEUR;
  }

  function element(nom, attributs) {
    var el = document.createElementNS(NS, nom);
    Object.keys(attributs).forEach(function (cle) {
      el.setAttribute(cle, attributs[cle]);
    });
    return el;
  }

  function chemin(url) {
    try {
      return new URL(url, window.location.href).pathname;
    } catch (e) {
      return url;
    }
  }

  function libelle(p) {
    return p.nom + " (" + p.departement + ") : " + p.ateliers + " atelier" + (p.ateliers > 1 ? "s" : "");
  }

  function dessiner(carte, donnees) {
    var svg = element("svg", {
      viewBox: "0 0 " + LARGEUR + " " + HAUTEUR,
      width: "100%",
      role: "img",
      "aria-hidden": "true",
      focusable: "false",
      class: "af-carte-communes__svg",
    });
    svg.appendChild(
      element("rect", { x: 0, y: 0, width: LARGEUR, height: HAUTEUR, rx: 8, fill: "#f6f6f6" })
    );
    CONTOURS.forEach(function (contour) {
      var points = contour.map(function (p) {
        return x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1);
      });
      svg.appendChild(
        element("polygon", {
          points: points.join(" "),
          fill: "#ffffff",
          stroke: "#929292",
          "stroke-width": "2",
          "stroke-linejoin": "round",
        })
      );
    });
    var ailleurs = [];
    // The largest points first: a small one is never hidden under a large one.
    var features = donnees.features.slice().sort(function (a, b) {
      return b.properties.ateliers - a.properties.ateliers;
    });
    features.forEach(function (f) {
      var lon = f.geometry.coordinates[0], lat = f.geometry.coordinates[1];
      var p = f.properties;
      if (lon < OUEST || lon > EST || lat < SUD || lat > NORD) {
        ailleurs.push(p);
        return;
      }
      var lien = element("a", { href: chemin(p.url), tabindex: "-1" });
      var point = element("circle", {
        cx: x(lon).toFixed(1),
        cy: y(lat).toFixed(1),
        r: (12 + 5 * (Math.sqrt(p.ateliers) - 1)).toFixed(1),
        fill: "#000091",
        "fill-opacity": "0.7",
        stroke: "#ffffff",
        "stroke-width": "2",
      });
      var titre = element("title", {});
      titre.textContent = libelle(p);
      point.appendChild(titre);
      lien.appendChild(point);
      svg.appendChild(lien);
    });
    carte.appendChild(svg);
    if (ailleurs.length) {
      var para = document.createElement("p");
      para.className = "fr-text--sm fr-mt-1w fr-mb-0";
      para.textContent = "Hors de la carte : ";
      ailleurs.forEach(function (p, i) {
        var a = document.createElement("a");
        a.href = chemin(p.url);
        a.textContent = libelle(p);
        para.appendChild(a);
        if (i < ailleurs.length - 1) {
          para.appendChild(document.createTextNode(", "));
        }
      });
      carte.appendChild(para);
    }
    carte.setAttribute("data-dessinee", String(features.length));
  }

  document.querySelectorAll("[data-carte-communes]").forEach(function (carte) {
    if (!window.fetch) {
      return;
    }
    fetch(carte.getAttribute("data-source"), { headers: { Accept: "application/geo+json" } })
      .then(function (reponse) {
        if (!reponse.ok) {
          throw new Error(String(reponse.status));
        }
        return reponse.json();
      })
      .then(function (donnees) {
        dessiner(carte, donnees);
      })
      .catch(function () {
        // The list beside the map still gives every commune.
      });
  });
})();
