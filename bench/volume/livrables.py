"""The generator's livrables: a few per atelier, about two versions each (a small PDF on disk
for every version), reviewed as a DDT(M) would."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType

from ateliers.models import Phase
from bench.volume.dates import dates_donnees
from bench.volume.generateur import PDF
from bench.volume.parcours import TYPES_LIVRABLES
from livrables.models import Livrable, StatutLivrable, Version
from livrables.workflow import Action as ActionLivrable


def livrables(g):
    h = g.hasard
    if not g.v.versions:
        g.etape("livrables", 0)
        return
    # About two versions per livrable: as many livrables per atelier as that needs.
    par_atelier = -(-g.v.versions // (2 * len(g.liste_ateliers)))
    par_atelier = min(len(TYPES_LIVRABLES), max(1, par_atelier))
    livrables = []
    for a in g.liste_ateliers:
        for k, type_ in enumerate(TYPES_LIVRABLES[:par_atelier]):
            fini = a.phase == Phase.CLOTURE
            livrables.append(
                Livrable(
                    atelier=a,
                    type=type_,
                    echeance=(a.cree_le + timedelta(days=90 + 15 * k)).date(),
                    statut=StatutLivrable.VALIDE if fini else StatutLivrable.DEPOSE,
                    cree_par=g.agents[a.service_pilote_id],
                    cree_le=a.cree_le,
                    modifie_le=a.cree_le,
                )
            )
    livrables = livrables[: g.v.versions]
    with dates_donnees(Livrable):
        livrables = g.creer(Livrable, livrables)
    nombre = [g.v.versions // len(livrables)] * len(livrables)
    for k in range(g.v.versions % len(livrables)):
        nombre[k] += 1
    type_l = ContentType.objects.get_for_model(Livrable)
    versions = []
    for livrable, n in zip(livrables, nombre, strict=True):
        a = livrable.atelier
        prestataire = g.prestataires[g.mandataire[a.titulaire_id]]
        agent = g.agents[a.service_pilote_id]
        moment = a.cree_le + timedelta(days=40)
        for numero in range(1, n + 1):
            derniere = numero == n
            if not derniere:
                avis = Version.Avis.A_REPRENDRE if numero == n - 1 else Version.Avis.REMPLACEE
            elif livrable.statut == StatutLivrable.VALIDE:
                avis = Version.Avis.VALIDEE
            else:
                avis = Version.Avis.EN_ATTENTE
            versions.append(
                Version(
                    livrable=livrable,
                    numero=numero,
                    fichier=g.fichier("livrables", moment.year),
                    nom_fichier=f"{livrable.type}-v{numero}.pdf",
                    type_mime="application/pdf",
                    taille=len(PDF),
                    deposee_par=prestataire,
                    deposee_le=moment,
                    avis=avis,
                    avis_par=None if avis == Version.Avis.EN_ATTENTE else agent,
                    avis_le=None if avis == Version.Avis.EN_ATTENTE else moment + timedelta(days=3),
                    commentaire="À reprendre : préciser le calendrier."
                    if avis == Version.Avis.A_REPRENDRE
                    else "",
                )
            )
            g.journal(
                livrable,
                type_l,
                moment,
                prestataire,
                ActionLivrable.DEPOT,
                f"Version {numero} déposée",
                "",
                StatutLivrable.DEPOSE,
            )
            moment = moment + timedelta(days=h.randint(5, 15))
    with dates_donnees(Version):
        g.copier(Version, versions)
    g.rapport.comptes["livrables"] = len(livrables)
    g.etape("versions de livrables", len(versions))
