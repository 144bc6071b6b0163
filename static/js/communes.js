/* The territory's communes, one at a time (templates/candidatures/_territoire_form.html).
   Typing a name or an INSEE code lists the service's communes of the référentiel under the
   field (an ARIA combobox: arrows to move, Enter or a click to choose, Escape to close); the
   chosen commune becomes a DSFR tag whose button removes it, each tag carrying a hidden
   « communes » input, and a live region says what was added or removed.
   Without JavaScript the checkboxes and the « Ajouter la commune » button do the same work on
   the server; that button still asks the server when the typed text matches no suggestion. */
(function () {
  "use strict";
  var bloc = document.querySelector("[data-communes]");
  var champ = document.querySelector("input[data-suggestions]");
  var bouton = document.querySelector("[data-ajouter-commune]");
  var annonce = document.getElementById("annonce-communes");
  if (!bloc || !champ || !bouton || !annonce) {
    return;
  }

  function normaliser(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  var minuteurAnnonce = null;
  function annoncer(texte) {
    // Emptied first, so that the same words said twice are read twice.
    window.clearTimeout(minuteurAnnonce);
    annonce.textContent = "";
    minuteurAnnonce = window.setTimeout(function () { annonce.textContent = texte; }, 100);
  }

  /* The tags, from the boxes the server checked; their errors, if any, stay under them. */
  var titre = document.createElement("p");
  titre.className = "fr-label fr-mb-1w";
  titre.id = "communes-retenues-titre";
  titre.textContent = "Communes retenues";
  var tags = document.createElement("ul");
  tags.className = "fr-tags-group";
  tags.setAttribute("aria-labelledby", titre.id);
  var aucune = document.createElement("p");
  aucune.className = "fr-text--sm fr-mb-1w";
  aucune.textContent = "Aucune commune retenue pour l'instant.";
  var erreurs = bloc.querySelector("[id$='-desc-error']");
  var retenues = [];
  bloc.querySelectorAll("input[type=checkbox]:checked").forEach(function (boite) {
    var etiquette = bloc.querySelector("label[for='" + boite.id + "']");
    retenues.push({ code: boite.value, libelle: etiquette ? etiquette.textContent.trim() : boite.value });
  });
  bloc.replaceChildren(titre, tags, aucune);
  if (erreurs) {
    bloc.appendChild(erreurs);
  }

  function estRetenue(code) {
    return Array.prototype.some.call(tags.querySelectorAll("input"), function (cache) {
      return cache.value === code;
    });
  }

  function ajouter(commune, dire) {
    if (estRetenue(commune.code)) {
      if (dire) {
        annoncer(commune.libelle + " est déjà retenue");
      }
      return;
    }
    var element = document.createElement("li");
    var retirer = document.createElement("button");
    retirer.type = "button";
    retirer.className = "fr-tag fr-tag--dismiss";
    retirer.textContent = commune.libelle;
    retirer.setAttribute("aria-label", "Retirer " + commune.libelle);
    var cache = document.createElement("input");
    cache.type = "hidden";
    cache.name = bloc.dataset.communes;
    cache.value = commune.code;
    retirer.addEventListener("click", function (evenement) {
      evenement.preventDefault();
      // The focus goes to the next tag, else the previous one, else back to the field.
      var voisin = element.nextElementSibling || element.previousElementSibling;
      element.remove();
      aucune.hidden = tags.children.length > 0;
      (voisin ? voisin.querySelector("button") : champ).focus();
      annoncer(commune.libelle + " retirée");
    });
    element.append(retirer, cache);
    tags.appendChild(element);
    aucune.hidden = true;
    if (dire) {
      annoncer(commune.libelle + " ajoutée");
    }
  }
  retenues.forEach(function (commune) { ajouter(commune, false); });
  aucune.hidden = retenues.length > 0;

  /* The combobox. */
  var liste = document.createElement("ul");
  liste.id = "suggestions-communes";
  liste.className = "af-suggestions";
  liste.setAttribute("role", "listbox");
  liste.setAttribute("aria-label", "Communes suggérées");
  liste.hidden = true;
  champ.insertAdjacentElement("afterend", liste);
  champ.setAttribute("role", "combobox");
  champ.setAttribute("aria-autocomplete", "list");
  champ.setAttribute("aria-expanded", "false");
  champ.setAttribute("aria-controls", liste.id);
  var aide = document.getElementById(champ.id + "_helptext");
  if (aide) {
    aide.textContent += " Des suggestions s'affichent pendant la saisie : flèches haut et bas pour les parcourir, Entrée pour choisir.";
  }

  var suggestions = [];
  var active = -1;
  var minuteur = null;
  var demande = 0;

  function fermer() {
    liste.hidden = true;
    champ.setAttribute("aria-expanded", "false");
    champ.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function activer(rang) {
    var options = liste.children;
    active = (rang + options.length) % options.length;
    Array.prototype.forEach.call(options, function (option, i) {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    champ.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function choisir(commune) {
    demande += 1; // an answer still on its way is no longer wanted
    window.clearTimeout(minuteur);
    ajouter(commune, true);
    champ.value = "";
    suggestions = [];
    liste.replaceChildren();
    fermer();
    champ.focus();
  }

  function afficher(resultats) {
    suggestions = resultats;
    liste.replaceChildren();
    fermer();
    resultats.forEach(function (commune, i) {
      var option = document.createElement("li");
      option.id = "suggestion-commune-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = commune.libelle + " — " + commune.departement;
      // Pressing an option must not take the focus from the field.
      option.addEventListener("mousedown", function (evenement) { evenement.preventDefault(); });
      option.addEventListener("click", function () { choisir(commune); });
      liste.appendChild(option);
    });
    if (resultats.length) {
      liste.hidden = false;
      champ.setAttribute("aria-expanded", "true");
      annoncer(resultats.length + (resultats.length > 1 ? " communes proposées" : " commune proposée"));
    } else {
      annoncer("Aucune commune ne correspond à cette saisie");
    }
  }

  champ.addEventListener("input", function () {
    var saisie = champ.value.trim();
    window.clearTimeout(minuteur);
    if (saisie.length < 2) {
      demande += 1;
      suggestions = [];
      liste.replaceChildren();
      fermer();
      return;
    }
    minuteur = window.setTimeout(function () {
      var numero = (demande += 1);
      var url = champ.dataset.suggestions + "?q=" + encodeURIComponent(saisie);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (reponse) { return reponse.ok ? reponse.json() : { resultats: [] }; })
        .then(function (donnees) {
          if (numero === demande) {
            afficher(donnees.resultats);
          }
        })
        .catch(function () {});
    }, 200);
  });

  champ.addEventListener("keydown", function (evenement) {
    var ouverte = !liste.hidden;
    if (evenement.key === "ArrowDown" || evenement.key === "ArrowUp") {
      if (!suggestions.length) {
        return;
      }
      evenement.preventDefault();
      var bas = evenement.key === "ArrowDown";
      if (!ouverte) {
        liste.hidden = false;
        champ.setAttribute("aria-expanded", "true");
      }
      activer(active < 0 ? (bas ? 0 : -1) : active + (bas ? 1 : -1));
    } else if (evenement.key === "Enter") {
      if (ouverte && active >= 0) {
        evenement.preventDefault();
        choisir(suggestions[active]);
      } else if (champ.value.trim()) {
        evenement.preventDefault();
        bouton.click();
      }
    } else if (evenement.key === "Escape" && ouverte) {
      evenement.preventDefault();
      fermer();
    } else if (evenement.key === "Tab") {
      fermer();
    }
  });
  // Not on blur: the list would close, and the button under it move, between the press of a
  // click and its release.
  document.addEventListener("click", function (evenement) {
    if (evenement.target !== champ && !liste.contains(evenement.target)) {
      fermer();
    }
  });

  /* The button adds the typed commune when it is one of the suggestions; otherwise the form
     goes to the server, which finds it (or says why not) and shows the form again. */
  bouton.addEventListener("click", function (evenement) {
    var saisie = normaliser(champ.value);
    var justes = suggestions.filter(function (commune) {
      return [commune.libelle, commune.nom, commune.code].some(function (texte) {
        return normaliser(texte) === saisie;
      });
    });
    if (saisie && justes.length === 1) {
      evenement.preventDefault();
      choisir(justes[0]);
    }
  });
})();
