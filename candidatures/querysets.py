"""Who may see which candidature: the one place that says it."""

from django.conf import settings
from django.db import models


class CandidatureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Candidatures ``user`` may see.

        - an agent: every candidature of their own service (files belong to the service);
        - the DGALN: everything but drafts, which stay the service's business until deposit;
        - a prestataire: the candidatures of ateliers attributed to one of their groupements
          (the fiche becomes the team's documentary resource);
        - a member of a collectivité: the files its collectivité is co-porteur of, drafts
          included (it writes the file with the service);
        - anyone else, including anonymous visitors: nothing.
        """
        from .models import StatutCandidature

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.est_agent:
            return self.filter(service_id=user.organisation_id)
        if user.est_dgaln:
            return self.exclude(statut=StatutCandidature.BROUILLON)
        if user.est_prestataire:
            return self.filter(
                atelier__titulaire__membres__organisation_id=user.organisation_id
            ).distinct()
        if user.est_collectivite:
            return self.filter(coporteurs__organisation_id=user.organisation_id)
        return self.none()

    def campagne(self, annee):
        """The year's files (of this queryset) by state, every state listed, and the
        selections (eligible or attributed) against the yearly target of selections."""
        from .models import StatutCandidature

        comptes = dict(
            self.filter(annee=annee).order_by().values_list("statut").annotate(n=models.Count("id"))
        )
        selectionnees = comptes.get(StatutCandidature.ELIGIBLE, 0) + comptes.get(
            StatutCandidature.ATTRIBUEE, 0
        )
        objectif = settings.OBJECTIF_ANNUEL_SELECTIONS
        return {
            "annee": annee,
            "par_statut": [(s.label, comptes.get(s.value, 0)) for s in StatutCandidature],
            "total": sum(comptes.values()),
            "selectionnees": selectionnees,
            "objectif": objectif,
            "pourcentage": min(100, round(100 * selectionnees / objectif)) if objectif else 0,
        }
