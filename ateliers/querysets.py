"""Who may see which atelier: the one place that says it."""

from django.db import models


class AtelierQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Ateliers ``user`` may see.

        - an agent: the ateliers their service pilots;
        - the DGALN: all;
        - a prestataire: the ateliers of the groupements their company belongs to;
        - a member of a collectivité: the ateliers of the files it is co-porteur of;
        - anyone else: nothing (the public catalogue is a separate, published selection).
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.est_agent:
            return self.filter(service_pilote_id=user.organisation_id)
        if user.est_dgaln:
            return self.all()
        if user.est_prestataire:
            return self.filter(titulaire__membres__organisation_id=user.organisation_id).distinct()
        if user.est_collectivite:
            return self.filter(candidature__coporteurs__organisation_id=user.organisation_id)
        return self.none()

    def publies(self):
        """What the publication decision opens to the public: closed ateliers (unless the
        DGALN withheld them) and those the DGALN published before their closure. The catalogue
        shows them once their fiche synthétique is validated (``catalogue.selecteurs``)."""
        from .models import Phase, Publication

        return self.filter(
            models.Q(publication=Publication.PUBLIE)
            | models.Q(publication=Publication.A_LA_CLOTURE, phase=Phase.CLOTURE)
        )


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The on-site programmes of the ateliers ``user`` may see (the one rule above)."""
        from .models import Atelier

        return self.filter(atelier__in=Atelier.objects.visible_to(user))
