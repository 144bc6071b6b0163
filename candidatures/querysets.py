"""Who may see which candidature: the one place that says it."""

from django.db import models


class CandidatureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Candidatures ``user`` may see.

        - an agent: every candidature of their own service (files belong to the service);
        - the DGALN: everything but drafts, which stay the service's business until deposit;
        - a prestataire: the candidatures of ateliers attributed to one of their groupements
          (the fiche becomes the team's documentary resource);
        - anyone else, including anonymous visitors: nothing.
        """
        from .models import Statut

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.est_agent:
            return self.filter(service_id=user.organisation_id)
        if user.est_dgaln:
            return self.exclude(statut=Statut.BROUILLON)
        if user.est_prestataire:
            return self.filter(
                atelier__titulaire__membres__organisation_id=user.organisation_id
            ).distinct()
        return self.none()
