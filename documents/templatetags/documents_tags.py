from django import template

from ..genres import genre as genre_de
from ..models import Document

register = template.Library()


@register.inclusion_tag("documents/_document.html", takes_context=True)
def document_pdf(context, code, source, documents=None):
    """The PDF block of ``source``: its latest document of kind ``code``, its status, and the
    buttons to generate, download or retry. ``documents`` ({source pk: document}) spares a
    query per row when the block repeats on a page."""
    request = context["request"]
    genre = genre_de(code)
    if not genre.visible(request.user, source):
        return {"visible": False}
    if documents is not None:
        document = documents.get(source.pk)
    else:
        document = Document.objects.pour(source, code).first()
    return {**bloc(request, code, source, document), "csrf_token": context.get("csrf_token")}


def bloc(request, code, source, document):
    """The context of ``documents/_document.html`` (also the htmx poll's answer)."""
    return {
        "visible": True,
        "request": request,
        "document": document,
        "code": code,
        "source": source,
        "libelle": genre_de(code).libelle,
    }
