"""The item bank: the 60 items of the O*NET Interest Profiler Short Form.

English: the original O*NET wording. German: the literal translation of every item from
`shared/data/riasec/onet-items.translation-647a5275.json` (mo-sp/pathfinder at 647a5275), chosen over the
newer culturally adapted file because that one replaces 23 items and rewords 24, so its scores would no
longer be comparable with O*NET's. The German text is the gettext msgid; the catalogues under `locale/`
carry the other languages (see docs/translations.md).

Source: O*NET Interest Profiler Short Form, sponsored by the U.S. Department of Labor, Employment and
Training Administration, developed by the National Center for O*NET Development; used under CC BY 4.0.
Changes: translated into German, Arabic, Dari/Farsi, Ukrainian, Russian, Turkish and Tigrinya; shown one
item per screen with a pictogram.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ITEM_BANK = "onet-ip-sf60-647a5275"
ATTRIBUTION = (
    "O*NET Interest Profiler Short Form: U.S. Department of Labor, Employment and Training Administration "
    "(USDOL/ETA), National Center for O*NET Development, CC BY 4.0. Übersetzt und mit Piktogrammen versehen."
)


@dataclass(frozen=True)
class Item:
    id: str
    dimension: str  # R, I, A, S, E or C
    text: str | Promise  # German msgid, shown in the participant's language
    text_en: str  # original O*NET wording

    @property
    def pictogram(self) -> str:
        return f"interests/pictograms/items/{self.id}.svg"


ITEMS: tuple[Item, ...] = (
    Item("ip-r-01", "R", _("Küchenschränke aus Holz bauen"), "Build kitchen cabinets"),
    Item("ip-r-02", "R", _("Ziegel mauern oder Fliesen verlegen"), "Lay brick or tile"),
    Item("ip-r-03", "R", _("Haushaltsgeräte reparieren"), "Repair household appliances"),
    Item("ip-r-04", "R", _("Fische in einer Fischzucht aufziehen"), "Raise fish in a fish hatchery"),
    Item("ip-r-05", "R", _("Elektronische Bauteile montieren"), "Assemble electronic parts"),
    Item("ip-r-06", "R", _("Mit einem Lastwagen Pakete an Büros und Privathaushalte ausliefern"),
         "Drive a truck to deliver packages to offices and homes"),
    Item("ip-r-07", "R", _("Die Qualität von Bauteilen vor dem Versand prüfen"),
         "Test the quality of parts before shipment"),
    Item("ip-r-08", "R", _("Schlösser reparieren und einbauen"), "Repair and install locks"),
    Item("ip-r-09", "R", _("Maschinen zur Herstellung von Produkten einrichten und bedienen"),
         "Set up and operate machines to make products"),
    Item("ip-r-10", "R", _("Waldbrände löschen"), "Put out forest fires"),
    Item("ip-i-01", "I", _("Ein neues Medikament entwickeln"), "Develop a new medicine"),
    Item("ip-i-02", "I", _("Wege zur Verringerung der Gewässerverschmutzung erforschen"),
         "Study ways to reduce water pollution"),
    Item("ip-i-03", "I", _("Chemische Experimente durchführen"), "Conduct chemical experiments"),
    Item("ip-i-04", "I", _("Die Bewegung von Planeten erforschen"), "Study the movement of planets"),
    Item("ip-i-05", "I", _("Blutproben unter dem Mikroskop untersuchen"), "Examine blood samples using a microscope"),
    Item("ip-i-06", "I", _("Die Ursache eines Brandes untersuchen"), "Investigate the cause of a fire"),
    Item("ip-i-07", "I", _("Ein Verfahren zur besseren Wettervorhersage entwickeln"),
         "Develop a way to better predict the weather"),
    Item("ip-i-08", "I", _("In einem Biologielabor arbeiten"), "Work in a biology lab"),
    Item("ip-i-09", "I", _("Einen Zuckerersatz erfinden"), "Invent a replacement for sugar"),
    Item("ip-i-10", "I", _("Labortests zur Erkennung von Krankheiten durchführen"),
         "Do laboratory tests to identify diseases"),
    Item("ip-a-01", "A", _("Bücher oder Theaterstücke schreiben"), "Write books or plays"),
    Item("ip-a-02", "A", _("Ein Musikinstrument spielen"), "Play a musical instrument"),
    Item("ip-a-03", "A", _("Musik komponieren oder arrangieren"), "Compose or arrange music"),
    Item("ip-a-04", "A", _("Bilder zeichnen"), "Draw pictures"),
    Item("ip-a-05", "A", _("Spezialeffekte für Filme gestalten"), "Create special effects for movies"),
    Item("ip-a-06", "A", _("Bühnenbilder für Theaterstücke malen"), "Paint sets for plays"),
    Item("ip-a-07", "A", _("Drehbücher für Filme oder Fernsehsendungen schreiben"),
         "Write scripts for movies or television shows"),
    Item("ip-a-08", "A", _("Auf der Bühne tanzen, zum Beispiel Jazz Dance oder Stepptanz"),
         "Perform jazz or tap dance"),
    Item("ip-a-09", "A", _("In einer Band singen"), "Sing in a band"),
    Item("ip-a-10", "A", _("Filme schneiden"), "Edit movies"),
    Item("ip-s-01", "S", _("Einer Person Fitnessübungen beibringen"), "Teach an individual an exercise routine"),
    Item("ip-s-02", "S", _("Menschen mit persönlichen oder emotionalen Problemen helfen"),
         "Help people with personal or emotional problems"),
    Item("ip-s-03", "S", _("Menschen bei der Berufswahl beraten"), "Give career guidance to people"),
    Item("ip-s-04", "S", _("In der Reha mit Patienten arbeiten"), "Perform rehabilitation therapy"),
    Item("ip-s-05", "S", _("Ehrenamtlich bei einer gemeinnützigen Organisation arbeiten"),
         "Do volunteer work at a non-profit organization"),
    Item("ip-s-06", "S", _("Kindern Sportarten beibringen"), "Teach children how to play sports"),
    Item("ip-s-07", "S", _("Gehörlosen oder schwerhörigen Menschen Gebärdensprache beibringen"),
         "Teach sign language to people who are deaf or hard of hearing"),
    Item("ip-s-08", "S", _("Bei einer Gruppentherapie mithelfen"), "Help conduct a group therapy session"),
    Item("ip-s-09", "S", _("Kinder in einer Kindertagesstätte betreuen"), "Take care of children at a day-care center"),
    Item("ip-s-10", "S", _("Eine Schulklasse unterrichten"), "Teach a high-school class"),
    Item("ip-e-01", "E", _("Aktien und Anleihen kaufen und verkaufen"), "Buy and sell stocks and bonds"),
    Item("ip-e-02", "E", _("Ein Einzelhandelsgeschäft leiten"), "Manage a retail store"),
    Item("ip-e-03", "E", _("Einen Kosmetik- oder Friseursalon betreiben"), "Operate a beauty salon or barber shop"),
    Item("ip-e-04", "E", _("Eine Abteilung in einem großen Unternehmen leiten"),
         "Manage a department within a large company"),
    Item("ip-e-05", "E", _("Ein eigenes Unternehmen gründen"), "Start your own business"),
    Item("ip-e-06", "E", _("Geschäftsverträge verhandeln"), "Negotiate business contracts"),
    Item("ip-e-07", "E", _("Mandanten vor Gericht vertreten"), "Represent a client in a lawsuit"),
    Item("ip-e-08", "E", _("Eine neue Modekollektion vermarkten"), "Market a new line of clothing"),
    Item("ip-e-09", "E", _("Waren in einem Kaufhaus verkaufen"), "Sell merchandise at a department store"),
    Item("ip-e-10", "E", _("Ein Bekleidungsgeschäft leiten"), "Manage a clothing store"),
    Item("ip-c-01", "C", _("Eine Tabellenkalkulation am Computer erstellen"),
         "Develop a spreadsheet using computer software"),
    Item("ip-c-02", "C", _("Dokumente oder Formulare Korrektur lesen"), "Proofread records or forms"),
    Item("ip-c-03", "C", _("Software auf allen Computern eines großen Netzwerks installieren"),
         "Install software across computers on a large network"),
    Item("ip-c-04", "C", _("Mit einem Taschenrechner arbeiten"), "Operate a calculator"),
    Item("ip-c-05", "C", _("Versand- und Wareneingangsbücher führen"), "Keep shipping and receiving records"),
    Item("ip-c-06", "C", _("Die Löhne von Angestellten berechnen"), "Calculate the wages of employees"),
    Item("ip-c-07", "C", _("Lagerbestände mit einem Handheld-Gerät erfassen"),
         "Inventory supplies using a hand-held computer"),
    Item("ip-c-08", "C", _("Mietzahlungen erfassen"), "Record rent payments"),
    Item("ip-c-09", "C", _("Bestandslisten führen"), "Keep inventory records"),
    Item("ip-c-10", "C", _("Post für ein Unternehmen stempeln, sortieren und verteilen"),
         "Stamp, sort, and distribute mail for an organization"),
)
ITEMS_BY_ID: dict[str, Item] = {item.id: item for item in ITEMS}
ITEM_DIMENSIONS: dict[str, str] = {item.id: item.dimension for item in ITEMS}

# Shown interleaved (R, I, A, S, E, C, R, ...) as O*NET does, so no scale comes in one block.
ORDER: tuple[str, ...] = tuple(
    f"ip-{dim.lower()}-{n:02d}" for n in range(1, 11) for dim in "RIASEC"
)

# The five answers, O*NET's wording in plain words; each is shown as a face and a word.
SCALE: tuple[tuple[int, str | Promise], ...] = (
    (5, _("Sehr gern")),
    (4, _("Gern")),
    (3, _("Weiß nicht")),
    (2, _("Nicht gern")),
    (1, _("Gar nicht gern")),
)
SCALE_LABELS: dict[int, str | Promise] = dict(SCALE)


@dataclass(frozen=True)
class Dimension:
    letter: str
    name: str | Promise
    plain: str | Promise  # one sentence in plain words for the participant


DIMENSIONS: dict[str, Dimension] = {
    "R": Dimension("R", _("Praktisch-technisch"),
                   _("Sie arbeiten gern mit den Händen, mit Werkzeug, Maschinen, Pflanzen oder Tieren.")),
    "I": Dimension("I", _("Forschend"),
                   _("Sie beobachten gern genau, denken nach und finden heraus, wie Dinge funktionieren.")),
    "A": Dimension("A", _("Künstlerisch"),
                   _("Sie gestalten gern etwas Eigenes: mit Bildern, Musik, Sprache oder Bewegung.")),
    "S": Dimension("S", _("Sozial"),
                   _("Sie helfen, unterrichten oder pflegen gern andere Menschen.")),
    "E": Dimension("E", _("Unternehmerisch"),
                   _("Sie überzeugen gern andere, verkaufen, organisieren und übernehmen Verantwortung.")),
    "C": Dimension("C", _("Ordnend-verwaltend"),
                   _("Sie arbeiten gern genau und ordentlich mit Zahlen, Listen und Unterlagen.")),
}
