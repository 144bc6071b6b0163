"""Candidatures: the file a service déconcentré builds with a collectivité for one atelier.

The data and its invariants live here; who may see a file is in ``querysets``, who may do what
in ``permissions``, every state change in ``transitions``, the fiche's sections and its
completeness in ``fiche``.
"""

from django.conf import settings
from django.db import models

from antivirus.models import FichierAnalyse
from comptes.models import Organisation
from referentiels.models import EPCI, Commune, ProgrammeANCT, Thematique
from socle.fichiers import CheminAleatoire

from .querysets import CandidatureQuerySet
from .recherche import texte_recherche


class StatutCandidature(models.TextChoices):
    INTENTION = "intention", "Intention déclarée"
    OPPORTUNITE_DECLINEE = "opportunite_declinee", "Opportunité déclinée"
    BROUILLON = "brouillon", "Brouillon"
    DEPOSEE = "deposee", "Déposée"
    EN_INSTRUCTION = "en_instruction", "En instruction"
    COMPLEMENT_DEMANDE = "complement_demande", "Complément demandé"
    ELIGIBLE = "eligible", "Éligible"
    NON_ELIGIBLE = "non_eligible", "Non éligible"
    SANS_SUITE = "sans_suite", "Classée sans suite"
    ATTRIBUEE = "attribuee", "Attribuée"


class Echelle(models.TextChoices):
    BATIMENT = "batiment", "Bâtiment"
    ILOT = "ilot", "Îlot"
    QUARTIER = "quartier", "Quartier"
    COMMUNE = "commune", "Commune"
    INTERCOMMUNALITE = "intercommunalite", "Intercommunalité"


class Candidature(models.Model):
    titre = models.CharField(max_length=200)
    description = models.TextField("description courte", blank=True)
    annee = models.PositiveSmallIntegerField("année (campagne)")
    statut = models.CharField(
        max_length=20,
        choices=StatutCandidature.choices,
        default=StatutCandidature.INTENTION,
        db_index=True,
    )
    echelle = models.CharField("échelle", max_length=20, choices=Echelle.choices)
    service = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="candidatures",
        limit_choices_to={"type": Organisation.Type.SERVICE},
        verbose_name="service déconcentré",
    )
    communes = models.ManyToManyField(Commune, blank=True, related_name="candidatures")
    epci = models.ForeignKey(
        EPCI,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidatures",
        verbose_name="EPCI",
    )
    # The fiche de candidature (opened once the DGALN has confirmed the opportunity).
    strategie = models.TextField("intention de la stratégie d'aménagement", blank=True)
    thematiques = models.ManyToManyField(
        Thematique, blank=True, related_name="candidatures", verbose_name="thématiques"
    )
    secteur = models.TextField("secteur et périmètre de réflexion", blank=True)
    enjeux = models.TextField(blank=True)
    problematiques = models.TextField("problématiques", blank=True)
    objectifs = models.TextField(blank=True)
    dynamiques = models.TextField("dynamiques territoriales", blank=True)
    programmes_anct = models.ManyToManyField(
        ProgrammeANCT,
        blank=True,
        related_name="candidatures",
        verbose_name="programmes de l'ANCT concernés",
    )
    ref_collectivite_nom = models.CharField("nom et prénom", max_length=200, blank=True)
    ref_collectivite_fonction = models.CharField("fonction", max_length=200, blank=True)
    ref_collectivite_email = models.EmailField("adresse e-mail", blank=True)
    ref_collectivite_telephone = models.CharField("téléphone", max_length=30, blank=True)
    ref_service_nom = models.CharField("nom et prénom", max_length=200, blank=True)
    ref_service_fonction = models.CharField("fonction", max_length=200, blank=True)
    ref_service_email = models.EmailField("adresse e-mail", blank=True)
    ref_service_telephone = models.CharField("téléphone", max_length=30, blank=True)
    periode_debut = models.DateField("début souhaité", null=True, blank=True)
    periode_fin = models.DateField("fin souhaitée", null=True, blank=True)

    # The review.
    instructeur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidatures_instruites",
        verbose_name="instructeur",
    )
    motif_decision = models.TextField("motif de la décision", blank=True)
    date_premier_depot = models.DateTimeField("déposée le", null=True, blank=True)
    date_dernier_depot = models.DateTimeField("dernier dépôt le", null=True, blank=True)
    date_decision = models.DateTimeField("décision le", null=True, blank=True)
    # Lower-case, accent-free words of the title, territory and fiche: the inbox's search.
    recherche = models.TextField(blank=True, editable=False)

    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,  # kept for traceability
        related_name="+",
        verbose_name="créée par",
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifiée le", auto_now=True)

    objects = CandidatureQuerySet.as_manager()

    # What lists and exports never show: left in the base when they read many files.
    TEXTES_LONGS = (
        "description",
        "strategie",
        "secteur",
        "enjeux",
        "problematiques",
        "objectifs",
        "dynamiques",
        "motif_decision",
        "recherche",
    )

    class Meta:
        verbose_name = "candidature"
        ordering = ["-cree_le"]
        # The lists' sort orders and filters (the full-text index of ``recherche`` is
        # created by migration 0005, on PostgreSQL only).
        indexes = [
            models.Index(fields=["-date_dernier_depot", "-modifie_le"], name="cand_depot_idx"),
            models.Index(fields=["statut", "-date_dernier_depot"], name="cand_statut_depot_idx"),
            models.Index(fields=["annee", "statut"], name="cand_annee_statut_idx"),
            models.Index(fields=["-cree_le"], name="cand_creation_idx"),
            # The public catalogue's order (newest campaign, then title).
            models.Index(fields=["-annee", "titre", "id"], name="cand_annee_titre_idx"),
            # The public catalogue's fingerprint (``catalogue.memoire``): the latest change.
            models.Index(fields=["modifie_le"], name="cand_modification_idx"),
        ]

    def __str__(self):
        return self.titre

    @property
    def reference(self):
        return f"AF-{self.annee}-{self.pk:05d}"

    def territoire(self):
        """The territory in words: the communes (or their count) and the EPCI."""
        communes = list(self.communes.all())
        parties = []
        if len(communes) > 3:
            parties.append(f"{communes[0].nom} et {len(communes) - 1} autres communes")
        elif communes:
            parties.append(", ".join(c.nom for c in communes))
        if self.epci_id:
            parties.append(self.epci.nom)
        return " — ".join(parties)

    def mettre_a_jour_recherche(self):
        self.recherche = texte_recherche(self)
        Candidature.objects.filter(pk=self.pk).update(recherche=self.recherche)


class Acteur(models.Model):
    """An actor to mobilise during the atelier (elected officials, partners, associations…)."""

    candidature = models.ForeignKey(Candidature, on_delete=models.CASCADE, related_name="acteurs")
    nom = models.CharField("acteur ou structure", max_length=200)
    role = models.CharField("rôle attendu dans l'atelier", max_length=300, blank=True)

    class Meta:
        verbose_name = "acteur à mobiliser"
        verbose_name_plural = "acteurs à mobiliser"
        ordering = ["id"]

    def __str__(self):
        return self.nom


class RessourceDocumentaire(FichierAnalyse):
    """A document the team should read (a PLU, a study…), with an optional file."""

    candidature = models.ForeignKey(
        Candidature, on_delete=models.CASCADE, related_name="ressources"
    )
    titre = models.CharField(max_length=200)
    description = models.CharField("description ou lien", max_length=500, blank=True)
    fichier = models.FileField(
        max_length=200, upload_to=CheminAleatoire("candidatures/ressources"), blank=True
    )
    nom_fichier = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "ressource documentaire"
        verbose_name_plural = "ressources documentaires"
        ordering = ["id"]

    def __str__(self):
        return self.titre

    def sujet_du_journal(self):
        return self.candidature, None


class Piece(FichierAnalyse):
    """A pièce of the file: the two signed support letters, or another document."""

    class Type(models.TextChoices):
        LETTRE_COLLECTIVITE = (
            "lettre_collectivite",
            "Courrier de soutien signé du maire ou du président de l'EPCI",
        )
        LETTRE_PREFET = (
            "lettre_prefet",
            "Courrier de soutien signé du préfet ou du sous-préfet, adressé à la DGALN",
        )
        AUTRE = "autre", "Autre document"

    candidature = models.ForeignKey(Candidature, on_delete=models.CASCADE, related_name="pieces")
    type = models.CharField(max_length=20, choices=Type.choices)
    fichier = models.FileField(max_length=200, upload_to=CheminAleatoire("candidatures/pieces"))
    nom_fichier = models.CharField("nom du fichier", max_length=200)
    type_mime = models.CharField(max_length=100)
    taille = models.PositiveIntegerField()
    ajoutee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name="ajoutée par",
    )
    ajoutee_le = models.DateTimeField("ajoutée le", auto_now_add=True)

    class Meta:
        verbose_name = "pièce"
        ordering = ["type", "ajoutee_le", "id"]

    def __str__(self):
        return f"{self.get_type_display()} — {self.nom_fichier}"

    def sujet_du_journal(self):
        return self.candidature, self.ajoutee_par


class Depot(models.Model):
    """One deposit of the file: its receipt number and what the file held at that moment.

    The snapshot lets the reviewer see what changed since the previous deposit.
    """

    candidature = models.ForeignKey(Candidature, on_delete=models.CASCADE, related_name="depots")
    numero = models.CharField("numéro de récépissé", max_length=30, unique=True)
    date = models.DateTimeField(auto_now_add=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    instantane = models.JSONField("contenu du dossier au dépôt")

    class Meta:
        verbose_name = "dépôt"
        ordering = ["date", "id"]

    def __str__(self):
        return self.numero


class DemandeComplement(models.Model):
    """A request for complements: what is missing, which parts the service may edit again."""

    candidature = models.ForeignKey(
        Candidature, on_delete=models.CASCADE, related_name="demandes_complement"
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    date = models.DateTimeField(auto_now_add=True)
    message = models.TextField("ce qui manque")
    rubriques = models.JSONField("rubriques à compléter", default=list)
    echeance = models.DateField("à compléter avant le", null=True, blank=True)
    levee_le = models.DateTimeField("complétée le", null=True, blank=True)

    class Meta:
        verbose_name = "demande de complément"
        verbose_name_plural = "demandes de complément"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"Complément demandé le {self.date:%d/%m/%Y}"


class Message(FichierAnalyse):
    """A message of one of the file's two threads: the service ⇄ DGALN one, or the one with
    the collectivités co-porteuses (which never read the first, nor its attachments)."""

    class Fil(models.TextChoices):
        DGALN = "dgaln", "Échanges entre le service et la DGALN"
        COPORTEURS = "coporteurs", "Échanges avec la collectivité"

    candidature = models.ForeignKey(Candidature, on_delete=models.CASCADE, related_name="messages")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    texte = models.TextField("message")
    date = models.DateTimeField(auto_now_add=True)
    fichier = models.FileField(
        "pièce jointe",
        max_length=200,
        upload_to=CheminAleatoire("candidatures/messages"),
        blank=True,
    )
    nom_fichier = models.CharField(max_length=200, blank=True)
    fil = models.CharField(max_length=12, choices=Fil.choices, default=Fil.DGALN)

    class Meta:
        verbose_name = "message"
        ordering = ["date", "id"]

    def __str__(self):
        return f"Message de {self.auteur} le {self.date:%d/%m/%Y}"

    def sujet_du_journal(self):
        return self.candidature, self.auteur


class NoteInterne(models.Model):
    """A note of the DGALN on a file, never shown to the service."""

    candidature = models.ForeignKey(
        Candidature, on_delete=models.CASCADE, related_name="notes_internes"
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    texte = models.TextField("note")
    date = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "note interne"
        verbose_name_plural = "notes internes"
        ordering = ["date", "id"]

    def __str__(self):
        return f"Note de {self.auteur} le {self.date:%d/%m/%Y}"


from .modeles_coporteurs import CoPorteur, Redaction, RubriqueConfiee  # noqa: E402, F401
