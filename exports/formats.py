"""The two files a list is exported to, as a French spreadsheet expects them.

- CSV: UTF-8 with a byte order mark and ``;`` between cells (what Excel opens in French without
  an import wizard), decimal commas, dates as 25/11/2026.
- XLSX (openpyxl): a bold, frozen header row with a filter, columns wide enough for their
  content, amounts as numbers in euros and dates as dates, so that they sum and sort.

Text that a spreadsheet would take for a formula (``=…``, ``+…``, ``-…``, ``@…``, a tab or a
carriage return first) stays text: a title typed by someone must never run as a formula on a
colleague's computer. The feuille de route and the open data write their CSV here too.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .listes import DATE, EUROS, NOMBRE, TAUX, TEXTE
from .models import FormatExport

DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")
FORMATS_CELLULE = {EUROS: '#,##0.00 "€"', TAUX: "0.00", DATE: "DD/MM/YYYY"}
LARGEUR_MIN, LARGEUR_MAX = 10, 60
LARGEURS = {DATE: 12, EUROS: 15, TAUX: 10, NOMBRE: 10}


def texte(valeur):
    """A cell as the CSV writes it (and as a person reads it)."""
    if valeur is None:
        return ""
    if isinstance(valeur, datetime):
        valeur = valeur.date()
    if isinstance(valeur, date):
        return valeur.strftime("%d/%m/%Y")
    if isinstance(valeur, Decimal):
        return f"{valeur:.2f}".replace(".", ",")
    return str(valeur)


def cellule_csv(valeur):
    """A CSV cell: text that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(valeur, str):
        return f"'{valeur}" if valeur.startswith(DEBUTS_DE_FORMULE) else valeur
    return texte(valeur)


def texte_csv(colonnes, lignes, separateur=";"):
    """``(text, number of rows)``: a byte order mark, the header row, one row per ``lignes``.

    Every CSV of the portal is written here (list exports, the feuille de route, open data),
    so none escapes the formula guard; ``separateur`` is « ; » for a French spreadsheet, « , »
    for open data.
    """
    tampon = io.StringIO()
    tampon.write("\ufeff")
    ecrivain = csv.writer(tampon, delimiter=separateur, lineterminator="\r\n")
    ecrivain.writerow([c.entete for c in colonnes])
    nombre = 0
    for ligne in lignes:
        ecrivain.writerow([cellule_csv(c.valeur(ligne)) for c in colonnes])
        nombre += 1
    return tampon.getvalue(), nombre


def ecrire_csv(colonnes, lignes):
    """``(bytes, number of rows)``."""
    contenu, nombre = texte_csv(colonnes, lignes)
    return contenu.encode("utf-8"), nombre


def ecrire_xlsx(colonnes, lignes, titre=""):
    """``(bytes, number of rows)``."""
    classeur = Workbook()
    feuille = classeur.active
    # A sheet's name has at most 31 characters, none of []:*?/\.
    feuille.title = "".join(c for c in titre if c not in "[]:*?/\\")[:31] or "Export"
    feuille.append([c.entete for c in colonnes])
    for cellule in feuille[1]:
        cellule.font = Font(bold=True)
    formats = [FORMATS_CELLULE.get(c.genre) for c in colonnes]
    # Typed columns have a fixed width; text ones grow with their content, up to a limit.
    largeurs = [max(LARGEURS.get(c.genre, LARGEUR_MIN), len(c.entete) + 2) for c in colonnes]
    nombre = 0
    for rang, ligne in enumerate(lignes, start=2):
        for indice, colonne in enumerate(colonnes):
            valeur = colonne.valeur(ligne)
            if isinstance(valeur, str):
                valeur = ILLEGAL_CHARACTERS_RE.sub("", valeur)
            cellule = feuille.cell(row=rang, column=indice + 1, value=valeur)
            if isinstance(valeur, str):
                cellule.data_type = "s"  # never a formula, whatever it starts with
                if colonne.genre == TEXTE:
                    largeurs[indice] = max(largeurs[indice], min(len(valeur), LARGEUR_MAX) + 2)
            elif valeur is not None and formats[indice]:
                cellule.number_format = formats[indice]
        nombre += 1
    for indice, largeur in enumerate(largeurs, start=1):
        feuille.column_dimensions[get_column_letter(indice)].width = largeur
    feuille.freeze_panes = "A2"
    feuille.auto_filter.ref = feuille.dimensions
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue(), nombre


TYPES_MIME = {
    FormatExport.CSV: "text/csv; charset=utf-8",
    FormatExport.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def ecrire(format, colonnes, lignes, titre=""):
    """The file of ``lignes`` in ``format``: ``(bytes, number of rows)``."""
    if format == FormatExport.XLSX:
        return ecrire_xlsx(colonnes, lignes, titre)
    return ecrire_csv(colonnes, lignes)
