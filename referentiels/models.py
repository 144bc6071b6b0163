"""Territorial référentiel: régions, départements, communes and EPCI.

Official codes are the primary keys and are always strings: leading zeros ("01"), Corsica
("2A", "2B") and overseas ("971") must survive. Rows are never deleted by the import, only
marked inactive, because candidatures keep pointing at the territory they were filed for.
"""

from django.db import models


class Zone(models.TextChoices):
    METRO = "metro", "Métropole"
    DROM = "drom", "Outre-mer (DROM)"
    COM = "com", "Outre-mer (COM)"


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    nom = models.CharField(max_length=100)
    zone = models.CharField(max_length=5, choices=Zone.choices, default=Zone.METRO)
    actif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "région"
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    nom = models.CharField(max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departements", verbose_name="région"
    )
    zone = models.CharField(max_length=5, choices=Zone.choices, default=Zone.METRO)
    actif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.nom} ({self.code})"


class EPCI(models.Model):
    class Type(models.TextChoices):
        CC = "CC", "Communauté de communes"
        CA = "CA", "Communauté d'agglomération"
        CU = "CU", "Communauté urbaine"
        METRO = "METRO", "Métropole"
        MET69 = "MET69", "Métropole de Lyon"

    siren = models.CharField("SIREN", max_length=9, primary_key=True)
    nom = models.CharField(max_length=200)
    type = models.CharField(max_length=5, choices=Type.choices)
    population = models.PositiveIntegerField(null=True, blank=True)
    actif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class CommuneQuerySet(models.QuerySet):
    def du_territoire(self, organisation):
        """Active communes of a service's territory: its département, or its région for a
        regional service; every commune when there is no territory (the DGALN)."""
        communes = self.filter(actif=True)
        if organisation is not None and organisation.departement_id:
            return communes.filter(departement_id=organisation.departement_id)
        if organisation is not None and organisation.region_id:
            return communes.filter(departement__region_id=organisation.region_id)
        return communes


class Commune(models.Model):
    code = models.CharField("code INSEE", max_length=5, primary_key=True)
    nom = models.CharField(max_length=200)
    departement = models.ForeignKey(
        Departement, on_delete=models.PROTECT, related_name="communes", verbose_name="département"
    )
    # A commune belongs to at most one EPCI à fiscalité propre.
    epci = models.ForeignKey(
        EPCI,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membres",
        verbose_name="EPCI",
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    codes_postaux = models.CharField(max_length=200, blank=True)
    # A point of the commune (its centre or town hall), WGS 84; unknown for most communes
    # until the referential's source carries it. Used for the public map and open data.
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    actif = models.BooleanField(default=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = "commune"
        ordering = ["nom"]
        indexes = [models.Index(fields=["nom"])]

    def __str__(self):
        return f"{self.nom} ({self.code})"

    @property
    def commune_de(self):
        """« Commune d'Albert », « Commune du Crotoy », « Commune de Doullens »: the name of
        the commune as an organisation, with French elision and contraction."""
        nom = self.nom
        if nom.startswith("Le "):
            return f"Commune du {nom[3:]}"
        if nom.startswith("Les "):
            return f"Commune des {nom[4:]}"
        if nom[:1].upper() in "AEIOUYÂÉÈÊÎÔŒ":
            return f"Commune d'{nom}"
        return f"Commune de {nom}"


class Thematique(models.Model):
    """A theme of the programme, in one of its three families (editable in the admin)."""

    class Famille(models.TextChoices):
        TERRITORIALES = "territoriales", "Transitions territoriales et urbaines"
        SOCIALES = "sociales", "Transitions culturelles, sociales et économiques"
        ENVIRONNEMENTALES = "environnementales", "Transitions environnementales et énergétiques"

    famille = models.CharField(max_length=20, choices=Famille.choices)
    libelle = models.CharField("libellé", max_length=200, unique=True)
    ordre = models.PositiveSmallIntegerField(default=0)
    actif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "thématique"
        ordering = ["famille", "ordre", "libelle"]

    def __str__(self):
        return self.libelle


class ProgrammeANCT(models.Model):
    """A programme of the Agence nationale de la cohésion des territoires (editable)."""

    libelle = models.CharField("libellé", max_length=200, unique=True)
    ordre = models.PositiveSmallIntegerField(default=0)
    actif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "programme de l'ANCT"
        verbose_name_plural = "programmes de l'ANCT"
        ordering = ["ordre", "libelle"]

    def __str__(self):
        return self.libelle
