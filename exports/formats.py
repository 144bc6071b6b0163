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
import pickle
import tempfile
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
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


def _ecrire_csv(tampon, colonnes, lignes, separateur=";"):
    """Into the text file ``tampon``: a byte order mark, the header row, one row per
    ``lignes``, each written as it comes; the number of rows."""
    tampon.write("\ufeff")
    ecrivain = csv.writer(tampon, delimiter=separateur, lineterminator="\r\n")
    ecrivain.writerow([c.entete for c in colonnes])
    nombre = 0
    for ligne in lignes:
        ecrivain.writerow([cellule_csv(c.valeur(ligne)) for c in colonnes])
        nombre += 1
    return nombre


def texte_csv(colonnes, lignes, separateur=";"):
    """``(text, number of rows)``: a byte order mark, the header row, one row per ``lignes``.

    Every CSV of the portal is written here (list exports, the feuille de route, open data),
    so none escapes the formula guard; ``separateur`` is « ; » for a French spreadsheet, « , »
    for open data.
    """
    tampon = io.StringIO()
    nombre = _ecrire_csv(tampon, colonnes, lignes, separateur)
    return tampon.getvalue(), nombre


def ecrire_csv(colonnes, lignes, destination):
    """Into the binary file ``destination``, in UTF-8 as it is written; the number of rows."""
    tampon = io.TextIOWrapper(destination, encoding="utf-8", newline="")
    try:
        return _ecrire_csv(tampon, colonnes, lignes)
    finally:
        tampon.flush()
        tampon.detach()  # ``destination`` stays open, for its owner


def _cellule_xlsx(feuille, valeur, format):
    """What the write-only sheet is given for a value: the value itself, or a cell when it
    needs a number format or must stay text although it looks like a formula."""
    if isinstance(valeur, str):
        if not valeur.startswith("="):
            return valeur
        cellule = WriteOnlyCell(feuille, valeur)
        cellule.data_type = "s"  # never a formula, whatever it starts with
        return cellule
    if valeur is not None and format:
        cellule = WriteOnlyCell(feuille, valeur)
        cellule.number_format = format
        return cellule
    return valeur


def ecrire_xlsx(colonnes, lignes, destination, titre=""):
    """Into the binary file ``destination``; the number of rows.

    The workbook is written as a stream (openpyxl's write-only mode: a row is written, then
    forgotten), but a column's width must be known before its first row: the values are
    first put aside in a temporary file while the widths are measured, then written.
    """
    formats = [FORMATS_CELLULE.get(c.genre) for c in colonnes]
    # Typed columns have a fixed width; text ones grow with their content, up to a limit.
    largeurs = [max(LARGEURS.get(c.genre, LARGEUR_MIN), len(c.entete) + 2) for c in colonnes]
    textes = [c.genre == TEXTE for c in colonnes]
    with tempfile.TemporaryFile() as brouillon:
        nombre = 0
        for ligne in lignes:
            valeurs = [colonne.valeur(ligne) for colonne in colonnes]
            for indice, valeur in enumerate(valeurs):
                if isinstance(valeur, str):
                    valeur = valeurs[indice] = ILLEGAL_CHARACTERS_RE.sub("", valeur)
                    if textes[indice]:
                        largeurs[indice] = max(largeurs[indice], min(len(valeur), LARGEUR_MAX) + 2)
            # Each row pickled on its own: nothing is kept from one row to the next.
            pickle.dump(valeurs, brouillon, pickle.HIGHEST_PROTOCOL)
            nombre += 1
        brouillon.seek(0)

        classeur = Workbook(write_only=True)
        # A sheet's name has at most 31 characters, none of []:*?/\.
        feuille = classeur.create_sheet(
            "".join(c for c in titre if c not in "[]:*?/\\")[:31] or "Export"
        )
        for indice, largeur in enumerate(largeurs, start=1):
            feuille.column_dimensions[get_column_letter(indice)].width = largeur
        feuille.freeze_panes = "A2"
        feuille.auto_filter.ref = f"A1:{get_column_letter(len(colonnes))}{nombre + 1}"
        entetes = []
        for colonne in colonnes:
            entete = WriteOnlyCell(feuille, colonne.entete)
            entete.font = Font(bold=True)
            entetes.append(entete)
        feuille.append(entetes)
        for _ in range(nombre):
            valeurs = pickle.load(brouillon)  # the file this function has just written
            feuille.append(
                [_cellule_xlsx(feuille, v, f) for v, f in zip(valeurs, formats, strict=True)]
            )
        classeur.save(destination)
    return nombre


TYPES_MIME = {
    FormatExport.CSV: "text/csv; charset=utf-8",
    FormatExport.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def ecrire(format, colonnes, lignes, titre="", destination=None):
    """The file of ``lignes`` in ``format``: ``(bytes, number of rows)``; or, into the binary
    file ``destination`` as the rows come (a large export: nothing held in memory),
    ``(destination, number of rows)``."""
    fichier = io.BytesIO() if destination is None else destination
    if format == FormatExport.XLSX:
        nombre = ecrire_xlsx(colonnes, lignes, fichier, titre)
    else:
        nombre = ecrire_csv(colonnes, lignes, fichier)
    return (fichier.getvalue() if destination is None else destination), nombre
