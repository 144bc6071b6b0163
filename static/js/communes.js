/* Suggestions of communes while typing, in a native <datalist> (accessible, no library).
   Without JavaScript the field still accepts names and INSEE codes. */
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggestions]").forEach(function (champ) {
    var liste = document.getElementById(champ.getAttribute("list"));
    var minuteur = null;
    var derniere = "";
    champ.addEventListener("input", function () {
      var morceaux = champ.value.split(";");
      var saisie = morceaux.pop().trim();
      var avant = morceaux.map(function (m) { return m.trim(); }).filter(Boolean);
      if (saisie.length < 2 || saisie === derniere || /\(\w{5}\)$/.test(saisie)) {
        return;
      }
      derniere = saisie;
      window.clearTimeout(minuteur);
      minuteur = window.setTimeout(function () {
        var url = champ.dataset.suggestions + "?q=" + encodeURIComponent(saisie);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (reponse) { return reponse.ok ? reponse.json() : { resultats: [] }; })
          .then(function (donnees) {
            liste.replaceChildren();
            donnees.resultats.forEach(function (commune) {
              var option = document.createElement("option");
              option.value = avant.concat([commune.libelle]).join(" ; ");
              option.label = commune.libelle + " — " + commune.departement;
              liste.appendChild(option);
            });
          });
      }, 200);
    });
  });
})();
