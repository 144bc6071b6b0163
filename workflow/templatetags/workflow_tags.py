"""« Prochaine étape » on an object's page: ``{% prochaine_etape objet %}``."""

from django import template

from ..etapes import prochaine_etape as calculer
from ..registre import pour

register = template.Library()


@register.inclusion_tag("workflow/_prochaine_etape.html", takes_context=True)
def prochaine_etape(context, objet, titre="Prochaine étape"):
    workflow = pour(objet)
    return {"etape": calculer(workflow, objet, context["user"]), "titre": titre}
