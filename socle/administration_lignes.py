"""The rows of a changelist written as Django's ``items_for_result`` writes them, at a fraction
of its cost (``socle.administration.ListeLegere``).

Django formats each cell with ``format_html`` and the template then writes the cells one by
one: 800 cells for a page of 100 rows. Here what does not change from row to row (a column's
classes, its empty value, whether it links to the record) is worked out once per page, each
value is still shown by Django's own ``lookup_field``, ``display_for_field`` and
``display_for_value``, and each row is one piece of HTML for
``admin/change_list_results.html``. Editable columns and popups keep Django's rows.
"""

import contextlib
import datetime

from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    _boolean_icon,
    _coerce_field_name,
    result_headers,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class _Colonne:
    def __init__(self, cl, index, nom, lien):
        self.nom = nom
        self.classe = f"field-{_coerce_field_name(nom, index)}"
        self.vide = cl.model_admin.get_empty_value_display()
        self.lien = lien
        # A field of the model, as ``lookup_field`` finds it (None: a method, a property…),
        # and its choices' labels, as ``display_for_field`` reads them.
        self.champ = self.choix = None
        self.icones = {}
        if isinstance(nom, str):
            with contextlib.suppress(FieldDoesNotExist, FieldIsAForeignKeyColumnName):
                self.champ = _get_non_gfk_field(cl.opts, nom)
        if self.champ is not None and not self.champ.auto_created:
            with contextlib.suppress(TypeError):
                self.choix = dict(self.champ.flatchoices) or None


def _colonnes(cl):
    colonnes, premiere = [], True
    for index, nom in enumerate(cl.list_display):
        if cl.list_display_links is None:
            lien = False
        elif premiere and not cl.list_display_links:
            lien = True
        else:
            lien = nom in cl.list_display_links
        colonnes.append(_Colonne(cl, index, nom, lien))
        premiere = premiere and not lien
    return colonnes


def _valeur(cl, colonne, obj):
    """What the cell shows and its classes, as ``items_for_result`` decides them."""
    classes = [colonne.classe]
    try:
        if colonne.champ is not None:
            f, attr, value = colonne.champ, None, getattr(obj, colonne.nom)
        else:
            f, attr, value = lookup_field(colonne.nom, obj, cl.model_admin)
    except ObjectDoesNotExist:
        return colonne.vide, classes
    vide = getattr(attr, "empty_value_display", colonne.vide)
    if isinstance(value, str) and value.strip() == "":
        value = ""
    if f is None or f.auto_created:
        if colonne.nom == "action_checkbox":
            classes = ["action-checkbox"]
        boolean = getattr(attr, "boolean", False)
        if isinstance(attr, property) and hasattr(attr, "fget"):
            boolean = getattr(attr.fget, "boolean", False)
        if isinstance(value, (datetime.date, datetime.time)):
            classes.append("nowrap")
        if boolean:
            return _icone(colonne, value), classes
        return display_for_value(value, vide, boolean), classes
    if isinstance(f, (models.DateField, models.TimeField, models.ForeignKey)):
        classes.append("nowrap")
    if isinstance(f.remote_field, models.ManyToOneRel):
        valeur = getattr(obj, f.name)
        return (vide if valeur is None else valeur), classes
    if colonne.choix is not None:
        try:
            return colonne.choix.get(value, vide), classes
        except TypeError:
            pass
    if isinstance(f, models.BooleanField) and not getattr(f, "flatchoices", None):
        return _icone(colonne, value), classes
    return display_for_field(value, f, vide, avoid_link=colonne.lien), classes


def _icone(colonne, valeur):
    """Django's icon for a yes, a no or an unknown, made once per page (its image's address
    is a look-up in the static files' manifest)."""
    cle = (type(valeur), valeur)  # 1 is not True: its icon's text is « 1 »
    if cle not in colonne.icones:
        colonne.icones[cle] = _boolean_icon(valeur)
    return colonne.icones[cle]


def _ligne(cl, colonnes, obj):
    cellules, premiere = [], True
    for colonne in colonnes:
        texte, classes = _valeur(cl, colonne, obj)
        texte = conditional_escape(texte)
        classe = " ".join(classes)
        if not colonne.lien:
            cellules.append(f'<td class="{classe}">{texte}</td>')
            continue
        balise = "th" if premiere else "td"
        premiere = False
        try:
            url = cl.url_for_result(obj)
        except NoReverseMatch:
            pass
        else:
            url = add_preserved_filters(
                {"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url
            )
            texte = f'<a href="{conditional_escape(url)}">{texte}</a>'
        cellules.append(f'<{balise} class="{classe}">{texte}</{balise}>')
    return ResultList(None, [mark_safe("".join(cellules))])


def lignes(cl):
    """The context of ``admin/change_list_results.html`` for the page, or None where Django's
    ``result_list`` tag must write it."""
    if cl.formset or cl.is_popup or cl.to_field:
        return None
    colonnes = _colonnes(cl)
    entetes = list(result_headers(cl))
    return {
        "results": [_ligne(cl, colonnes, obj) for obj in cl.result_list],
        "result_headers": entetes,
        "num_sorted_fields": sum(1 for h in entetes if h["sortable"] and h["sorted"]),
        "result_hidden_fields": [],
        "gabarits": [
            f"admin/{cl.opts.app_label}/{cl.opts.model_name}/change_list_results.html",
            f"admin/{cl.opts.app_label}/change_list_results.html",
            "admin/change_list_results.html",
        ],
    }
