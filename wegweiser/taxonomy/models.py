"""ESCO / ISCO-08 / KldB 2010 / O*NET reference data, versioned.

Versioning rules (see docs/decisions.md):
- Concepts (occupations, skills, groups, KldB classes, O*NET occupations) are keyed by their
  stable identifier (ESCO URI, KldB code, O*NET-SOC code) and are never deleted. `first_version`
  and `last_version` say which imports contained them; a concept missing from the newest import
  keeps its row, so codes confirmed in case files stay resolvable.
- Labels and relations belong to one import (`version`). A new import adds its own rows; old
  rows stay as the record of what an earlier version said. Read the rows of
  `concept.last_version` to see a concept as it was last published.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaxonomyVersion(models.Model):
    class Source(models.TextChoices):
        SOURCES = "sources", _("Quelldateien")
        PACK = "pack", _("Taxonomie-Paket")

    name = models.CharField(_("Version"), max_length=80)  # e.g. "esco-1.1.1+kldb-2020"
    checksum = models.CharField(_("Prüfsumme der Quellen"), max_length=64, unique=True)
    source = models.CharField(_("Importiert aus"), max_length=16, choices=Source.choices)
    imported_at = models.DateTimeField(_("Importiert am"), auto_now_add=True)
    counts = models.JSONField(_("Anzahl Datensätze"), default=dict)
    notes = models.JSONField(_("Hinweise"), default=list)

    class Meta:
        verbose_name = _("Taxonomie-Version")
        verbose_name_plural = _("Taxonomie-Versionen")
        ordering = ["-imported_at", "-pk"]
        get_latest_by = ["imported_at", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.checksum[:8]})"


class VersionedConcept(models.Model):
    first_version = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT, related_name="+")
    last_version = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class IscoGroup(VersionedConcept):
    uri = models.CharField(max_length=200, unique=True)
    code = models.CharField(_("ISCO-08"), max_length=4, db_index=True)
    label_en = models.CharField(max_length=300)
    label_de = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("ISCO-08-Gruppe")
        verbose_name_plural = _("ISCO-08-Gruppen")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label_de or self.label_en}"


class Occupation(VersionedConcept):
    uri = models.CharField(_("ESCO-URI"), max_length=200, unique=True)
    code = models.CharField(_("ESCO-Code"), max_length=40)
    isco = models.CharField(_("ISCO-08"), max_length=4, db_index=True)
    kldb = models.CharField(_("KldB 2010"), max_length=5, blank=True, db_index=True)  # "" = unmapped
    regulated = models.BooleanField(_("Reglementierter Beruf"), default=False)
    preferred_de = models.CharField(max_length=300, blank=True)  # denormalised for lists
    preferred_en = models.CharField(max_length=300)

    class Meta:
        verbose_name = _("Beruf (ESCO)")
        verbose_name_plural = _("Berufe (ESCO)")
        ordering = ["preferred_de", "preferred_en"]

    def __str__(self) -> str:
        return self.preferred_de or self.preferred_en


class Label(models.TextChoices):
    PREFERRED = "preferred", _("Bevorzugt")
    ALTERNATIVE = "alternative", _("Alternativ")
    KLDB = "kldb", _("KldB-Titel")
    BERUFENET = "berufenet", _("BERUFENET-Titel")
    CURATED = "curated", _("Kuratiert")


class OccupationLabel(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="labels")
    version = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT, related_name="+")
    lang = models.CharField(max_length=8)
    kind = models.CharField(max_length=16, choices=Label.choices)
    text = models.CharField(max_length=400)

    class Meta:
        indexes = [models.Index(fields=["version", "lang", "kind"])]

    def __str__(self) -> str:
        return f"{self.text} ({self.lang}, {self.kind})"


class Skill(VersionedConcept):
    class SkillType(models.TextChoices):
        SKILL = "skill/competence", _("Fertigkeit/Kompetenz")
        KNOWLEDGE = "knowledge", _("Wissen")
        UNKNOWN = "", _("ohne Angabe")

    uri = models.CharField(_("ESCO-URI"), max_length=200, unique=True)
    skill_type = models.CharField(max_length=20, choices=SkillType.choices, blank=True)
    reuse_level = models.CharField(max_length=24, blank=True)
    preferred_de = models.CharField(max_length=400, blank=True)
    preferred_en = models.CharField(max_length=400)

    class Meta:
        verbose_name = _("Kompetenz (ESCO)")
        verbose_name_plural = _("Kompetenzen (ESCO)")
        ordering = ["preferred_de", "preferred_en"]

    def __str__(self) -> str:
        return self.preferred_de or self.preferred_en


class SkillLabel(models.Model):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="labels")
    version = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT, related_name="+")
    lang = models.CharField(max_length=8)
    kind = models.CharField(max_length=16, choices=Label.choices)
    text = models.CharField(max_length=400)

    class Meta:
        indexes = [models.Index(fields=["version", "lang", "kind"])]

    def __str__(self) -> str:
        return f"{self.text} ({self.lang}, {self.kind})"


class SkillGroup(VersionedConcept):
    uri = models.CharField(max_length=200, unique=True)
    code = models.CharField(max_length=40, blank=True)
    label_en = models.CharField(max_length=400)

    class Meta:
        verbose_name = _("Kompetenzgruppe (ESCO)")
        verbose_name_plural = _("Kompetenzgruppen (ESCO)")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label_en}".strip()


class BroaderRelation(models.Model):
    """ESCO hierarchy edge: occupation → occupation/ISCO group, skill → skill/skill group."""

    class Pillar(models.TextChoices):
        OCCUPATION = "occupation", _("Berufe")
        SKILL = "skill", _("Kompetenzen")

    version = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT, related_name="+")
    pillar = models.CharField(max_length=12, choices=Pillar.choices)
    uri = models.CharField(max_length=200, db_index=True)
    broader_uri = models.CharField(max_length=200, db_index=True)

    def __str__(self) -> str:
        return f"{self.uri} → {self.broader_uri}"


class OccupationSkill(models.Model):
    class Relation(models.TextChoices):
        ESSENTIAL = "essential", _("wesentlich")
        OPTIONAL = "optional", _("optional")

    version = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT, related_name="+")
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="occupation_links")
    relation = models.CharField(max_length=10, choices=Relation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "occupation", "skill"], name="taxonomy_occupationskill_unique")
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} {self.relation} {self.skill_id}"


class KldbClass(VersionedConcept):
    class Level(models.IntegerChoices):
        BERUFSBEREICH = 1, _("Berufsbereich")
        BERUFSHAUPTGRUPPE = 2, _("Berufshauptgruppe")
        BERUFSGRUPPE = 3, _("Berufsgruppe")
        BERUFSUNTERGRUPPE = 4, _("Berufsuntergruppe")
        BERUFSGATTUNG = 5, _("Berufsgattung")

    code = models.CharField(_("Schlüssel"), max_length=5, unique=True)  # zero-padded to `level` digits
    level = models.PositiveSmallIntegerField(_("Ebene"), choices=Level.choices)
    title = models.CharField(_("Titel"), max_length=300)
    short_title = models.CharField(_("Kurztitel"), max_length=300, blank=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")

    class Meta:
        verbose_name = _("KldB-2010-Klasse")
        verbose_name_plural = _("KldB-2010-Klassen")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class EscoKldbMapping(models.Model):
    """A row of the BA mapping ESCO ↔ KldB 2010 (BERUFENET job titles)."""

    version = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT, related_name="+")
    esco_uri = models.CharField(max_length=200, db_index=True)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, null=True, blank=True, related_name="kldb_mappings"
    )
    berufenet_id = models.CharField(max_length=20)  # "B 01104-106" or "BE 3324" (ISCO fallback)
    title = models.CharField(max_length=300)
    relation = models.CharField(max_length=16)  # exactMatch | closeMatch | narrowMatch | broadMatch
    kldb = models.CharField(max_length=5, blank=True, db_index=True)  # "" for ISCO fallback rows

    def __str__(self) -> str:
        return f"{self.esco_uri} {self.relation} {self.berufenet_id}"


class OnetOccupation(VersionedConcept):
    code = models.CharField(_("O*NET-SOC"), max_length=10, unique=True)
    title = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("O*NET-Beruf")
        verbose_name_plural = _("O*NET-Berufe")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class RiasecProfile(models.Model):
    """O*NET Occupational Interests (OI, 1–7) and the three Interest High-Points (1–6, 0 = none)."""

    version = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT, related_name="+")
    onet = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="riasec_profiles")
    realistic = models.FloatField()
    investigative = models.FloatField()
    artistic = models.FloatField()
    social = models.FloatField()
    enterprising = models.FloatField()
    conventional = models.FloatField()
    high_point_1 = models.PositiveSmallIntegerField()
    high_point_2 = models.PositiveSmallIntegerField()
    high_point_3 = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "onet"], name="taxonomy_riasec_unique")]

    def __str__(self) -> str:
        return f"RIASEC {self.onet_id}"

    @property
    def values(self) -> tuple[float, float, float, float, float, float]:
        return (
            self.realistic,
            self.investigative,
            self.artistic,
            self.social,
            self.enterprising,
            self.conventional,
        )


class EscoOnetCrosswalk(models.Model):
    version = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT, related_name="+")
    esco_uri = models.CharField(max_length=200, db_index=True)  # ESCO occupation or ISCO group URI
    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, null=True, blank=True, related_name="onet_links"
    )
    onet = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="esco_links")
    match_type = models.CharField(max_length=16)  # exactMatch | closeMatch | broadMatch | narrowMatch | exactISCO

    def __str__(self) -> str:
        return f"{self.esco_uri} {self.match_type} {self.onet_id}"
