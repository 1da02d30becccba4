"""Pure readers of the raw reference files in shared/data (see shared/data/PROVENANCE.md).

No Django imports: `read_sources(data_dir)` returns a `TaxonomyBundle` (the snapshot that the
matching engine consumes plus the reference tables the importer stores), and
`snapshot_from_sources(data_dir)` returns just the snapshot.

Every problem with a file (corrupt zip, missing column, malformed row, duplicate URI) raises
`SourceError` naming the file and the line, so the importer can stop before touching the database.

Required: the two ESCO zips. Optional (skipped with a note in `TaxonomyBundle.notes` when absent):
de/, ar/, kldb/ and onet/ files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .snapshot import Label, Occupation, Skill, TaxonomySnapshot

csv.field_size_limit(10_000_000)

ESCO_CLASSIFICATION_GLOB = "esco/esco-v*-classification-en-csv.zip"
ESCO_RELATIONS_GLOB = "esco/esco-v*-relations-csv.zip"
DE_OCCUPATION_MAPPING = "de/DE_mapping_18.05.22.csv"
DE_SKILL_MAPPING = "de/DE_Mapping_ESCO_Kompetenzen_220518_0.csv"
DE_OCCUPATION_LABELS = "de/esco_occupation_labels_de.tsv"
DE_SKILL_LABELS = "de/esco_skills_de.txt"
AR_OCCUPATIONS = "ar/occupations_ar.csv"
KLDB_CSV_GLOB = "kldb/KldB_2010_V*-DE-*.csv"
KLDB_JSON = "kldb/kldb-data.json"
ONET_INTERESTS = "onet/Interests.txt"
ONET_OCCUPATIONS = "onet/Occupation_Data.txt"
ONET_CROSSWALK = "onet/crosswalk_esco_onet.csv"

# Bump when the way sources are read changes, so the same files import as a new version.
READER_VERSION = 1

RELATIONS = ("exactMatch", "closeMatch", "narrowMatch", "broadMatch")
RIASEC_ELEMENTS = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")
HIGH_POINT_ELEMENTS = ("First Interest High-Point", "Second Interest High-Point", "Third Interest High-Point")

_ISCO4 = re.compile(r"^\d{4}$")
_ISCO_ANY = re.compile(r"^\d{1,4}$")
# "B 01104-106": a BERUFENET job title (first 5 digits = KldB 2010); "BE 3324": the BA's fallback
# mapping to an ISCO-08 unit group ("Alternativmapping über ISCO-2008"), which carries no KldB code.
_BERUFENET_ID = re.compile(r"^(B \d{5}-\d+|BE \d{4})$")
_ONET_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


class SourceError(Exception):
    """A source file cannot be used. `str()` names the file and, where known, the line."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {message}")


# --- plain records for the reference tables --------------------------------------------------


@dataclass(frozen=True)
class IscoGroupRecord:
    uri: str
    code: str
    label_en: str
    label_de: str


@dataclass(frozen=True)
class SkillGroupRecord:
    uri: str
    code: str
    label_en: str


@dataclass(frozen=True)
class KldbClassRecord:
    code: str  # zero-padded to `level` digits
    level: int  # 1..5
    title: str
    short_title: str


@dataclass(frozen=True)
class EscoKldbRecord:
    esco_uri: str  # ESCO occupation or ISCO group URI
    berufenet_id: str  # "B 01104-106"
    title: str  # German BERUFENET job title
    relation: str  # exactMatch | closeMatch | narrowMatch | broadMatch

    @property
    def is_job_title(self) -> bool:
        """A BERUFENET job title ("B nnnnn-nnn"), not an ISCO fallback row ("BE nnnn")."""
        return self.berufenet_id.startswith("B ")

    @property
    def kldb(self) -> str | None:
        return self.berufenet_id[2:7] if self.is_job_title else None


@dataclass(frozen=True)
class RiasecRecord:
    onet_code: str
    values: tuple[float, float, float, float, float, float]  # R, I, A, S, E, C on the 1-7 OI scale
    high_points: tuple[int, int, int]  # 1..6 index into RIASEC, 0 = none


@dataclass(frozen=True)
class EscoOnetRecord:
    esco_uri: str
    onet_code: str
    match: str  # exactMatch | closeMatch | broadMatch | narrowMatch | exactISCO


@dataclass
class TaxonomyBundle:
    """Everything the importer and the pack need; `snapshot` is what the engine consumes."""

    snapshot: TaxonomySnapshot
    checksum: str  # sha256 over the source files read
    skill_reuse: dict[str, str] = field(default_factory=dict)  # skill URI -> reuse level
    isco_groups: list[IscoGroupRecord] = field(default_factory=list)
    skill_groups: list[SkillGroupRecord] = field(default_factory=list)
    broader: list[tuple[str, str]] = field(default_factory=list)  # (concept URI, broader URI)
    kldb_classes: list[KldbClassRecord] = field(default_factory=list)
    kldb_isco: list[tuple[str, str, bool]] = field(default_factory=list)  # (kldb5, isco4, schwerpunkt)
    esco_kldb: list[EscoKldbRecord] = field(default_factory=list)
    onet_titles: dict[str, str] = field(default_factory=dict)
    riasec: dict[str, RiasecRecord] = field(default_factory=dict)
    esco_onet: list[EscoOnetRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # skipped optional files, dropped rows


# --- low-level table reading ------------------------------------------------------------------


class _Table:
    """Rows of one delimited file with column lookup by name; line numbers are physical lines."""

    def __init__(
        self,
        name: str,
        stream: IO[str],
        required: Sequence[str],
        *,
        delimiter: str = ",",
        header_first: str | None = None,
        strict: bool = True,
    ) -> None:
        self.name = name
        self.strict = strict
        self._reader = csv.reader(stream, delimiter=delimiter)
        header = self._find_header(header_first)
        missing = [col for col in required if col not in header]
        if missing:
            raise SourceError(name, self._reader.line_num, f"missing column(s): {', '.join(missing)}")
        self.header = header
        self.index = {col: header.index(col) for col in header if col}
        self.width = len(header)

    def _find_header(self, first: str | None) -> list[str]:
        """The first row, or (for files with a preamble) the first row whose first cell is `first`."""
        try:
            for row in self._reader:
                if row and (first is None or row[0].lstrip("\ufeff") == first):
                    row[0] = row[0].lstrip("\ufeff")
                    return row
                if self._reader.line_num > 40:
                    break
        except (csv.Error, UnicodeDecodeError) as exc:
            raise SourceError(self.name, self._reader.line_num, f"unreadable: {exc}") from exc
        raise SourceError(self.name, self._reader.line_num, f"header row starting with {first!r} not found")

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        reader = self._reader
        try:
            for row in reader:
                if not row or (len(row) == 1 and not row[0]):
                    continue
                if len(row) != self.width:
                    if not self.strict:
                        continue
                    raise SourceError(self.name, reader.line_num, f"expected {self.width} fields, found {len(row)}")
                yield reader.line_num, row
        except (csv.Error, UnicodeDecodeError) as exc:
            raise SourceError(self.name, reader.line_num, f"unreadable row: {exc}") from exc

    def col(self, name: str) -> int:
        return self.index[name]


class _Zip:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise SourceError(path.name, None, f"not a readable zip archive ({exc})") from exc

    def table(self, member: str, required: Sequence[str]) -> _Table:
        name = f"{self.path.name}:{member}"
        if member not in self.archive.namelist():
            raise SourceError(self.path.name, None, f"member {member} is missing")
        try:
            raw = self.archive.read(member)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise SourceError(name, None, f"corrupt zip member ({exc})") from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise SourceError(name, line, "not valid UTF-8") from exc
        return _Table(name, io.StringIO(text, newline=""), required)


def _read_text(path: Path, encoding: str, base: Path) -> str:
    name = str(path.relative_to(base))
    raw = path.read_bytes()
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(name, line, f"not valid {encoding}") from exc


def _split_labels(value: str) -> list[str]:
    return [part.strip() for part in value.split("\n") if part.strip()]


def _find_one(data_dir: Path, pattern: str, *, required: bool) -> Path | None:
    matches = sorted(data_dir.glob(pattern))
    if not matches:
        if required:
            raise SourceError(pattern, None, f"no file matching {pattern} in {data_dir}")
        return None
    return matches[-1]


def source_files(data_dir: Path) -> list[Path]:
    """The files `read_sources` reads, in a fixed order (their bytes make the checksum)."""
    files: list[Path] = []
    for pattern in (ESCO_CLASSIFICATION_GLOB, ESCO_RELATIONS_GLOB):
        found = _find_one(data_dir, pattern, required=True)
        assert found is not None
        files.append(found)
    for pattern in (
        DE_OCCUPATION_MAPPING,
        DE_SKILL_MAPPING,
        DE_OCCUPATION_LABELS,
        DE_SKILL_LABELS,
        AR_OCCUPATIONS,
        KLDB_CSV_GLOB,
        KLDB_JSON,
        ONET_INTERESTS,
        ONET_OCCUPATIONS,
        ONET_CROSSWALK,
    ):
        optional = _find_one(data_dir, pattern, required=False)
        if optional is not None:
            files.append(optional)
    return files


def sources_checksum(data_dir: Path) -> str:
    """Identifies the imported content: the reader version plus the bytes of every source file."""
    digest = hashlib.sha256(f"reader-{READER_VERSION}".encode())
    for path in source_files(data_dir):
        digest.update(str(path.relative_to(data_dir)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def version_name(data_dir: Path) -> str:
    """e.g. "esco-1.1.1+kldb-2020", from the file names of the ESCO zip and the KldB CSV."""
    esco = _find_one(data_dir, ESCO_CLASSIFICATION_GLOB, required=True)
    assert esco is not None
    match = re.search(r"esco-v([\d.]+)-classification", esco.name)
    name = f"esco-{match.group(1) if match else 'unknown'}"
    kldb = _find_one(data_dir, KLDB_CSV_GLOB, required=False)
    if kldb is not None:
        kmatch = re.search(r"_V(\d{4})-", kldb.name)
        name += f"+kldb-{kmatch.group(1) if kmatch else 'unknown'}"
    return name


# --- ESCO -------------------------------------------------------------------------------------


@dataclass
class _OccupationDraft:
    uri: str
    isco: str
    code: str
    regulated: bool
    labels: list[Label] = field(default_factory=list)
    essential: list[str] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)


def _check_uri(table: _Table, line: int, uri: str) -> None:
    if not uri.startswith("http://") and not uri.startswith("https://"):
        raise SourceError(table.name, line, f"malformed URI {uri[:80]!r}")


def _read_occupations(zf: _Zip) -> dict[str, _OccupationDraft]:
    table = zf.table(
        "occupations_en.csv",
        ("conceptUri", "iscoGroup", "preferredLabel", "altLabels", "regulatedProfessionNote", "code"),
    )
    c_uri, c_isco, c_pref = table.col("conceptUri"), table.col("iscoGroup"), table.col("preferredLabel")
    c_alt, c_reg, c_code = table.col("altLabels"), table.col("regulatedProfessionNote"), table.col("code")
    drafts: dict[str, _OccupationDraft] = {}
    first_line: dict[str, int] = {}
    for line, row in table.rows():
        uri = row[c_uri].strip()
        _check_uri(table, line, uri)
        if uri in drafts:
            raise SourceError(table.name, line, f"duplicate URI {uri} (first on line {first_line[uri]})")
        isco = row[c_isco].strip()
        if not _ISCO4.match(isco):
            raise SourceError(table.name, line, f"ISCO group {isco!r} is not a 4-digit code")
        preferred = row[c_pref].strip()
        if not preferred:
            raise SourceError(table.name, line, "empty preferredLabel")
        note = row[c_reg].strip()
        draft = _OccupationDraft(
            uri=uri,
            isco=isco,
            code=row[c_code].strip(),
            regulated=note.endswith("/regulated") or (bool(note) and "unregulated" not in note),
        )
        draft.labels.append(Label(preferred, "en", "preferred"))
        draft.labels.extend(Label(alt, "en", "alternative") for alt in _split_labels(row[c_alt]))
        drafts[uri] = draft
        first_line[uri] = line
    return drafts


def _read_skills(zf: _Zip) -> tuple[list[str], dict[str, str], dict[str, list[Label]], dict[str, str]]:
    """Skill URIs in file order, their types, English labels, reuse levels."""
    table = zf.table("skills_en.csv", ("conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels"))
    c_uri, c_type, c_reuse = table.col("conceptUri"), table.col("skillType"), table.col("reuseLevel")
    c_pref, c_alt = table.col("preferredLabel"), table.col("altLabels")
    order: list[str] = []
    types: dict[str, str] = {}
    labels: dict[str, list[Label]] = {}
    reuse: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in table.rows():
        uri = row[c_uri].strip()
        _check_uri(table, line, uri)
        if uri in types:
            raise SourceError(table.name, line, f"duplicate URI {uri} (first on line {first_line[uri]})")
        skill_type = row[c_type].strip()
        if skill_type not in ("skill/competence", "knowledge", ""):
            raise SourceError(table.name, line, f"unknown skillType {skill_type!r}")
        preferred = row[c_pref].strip()
        if not preferred:
            raise SourceError(table.name, line, "empty preferredLabel")
        order.append(uri)
        types[uri] = skill_type
        reuse[uri] = row[c_reuse].strip()
        labels[uri] = [Label(preferred, "en", "preferred")]
        labels[uri].extend(Label(alt, "en", "alternative") for alt in _split_labels(row[c_alt]))
        first_line[uri] = line
    return order, types, labels, reuse


def _read_isco_groups(zf: _Zip) -> list[tuple[str, str, str]]:
    table = zf.table("ISCOGroups_en.csv", ("conceptUri", "code", "preferredLabel"))
    c_uri, c_code, c_pref = table.col("conceptUri"), table.col("code"), table.col("preferredLabel")
    groups: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for line, row in table.rows():
        uri, code = row[c_uri].strip(), row[c_code].strip()
        _check_uri(table, line, uri)
        if not _ISCO_ANY.match(code):
            raise SourceError(table.name, line, f"ISCO code {code!r} is not 1-4 digits")
        if uri in seen:
            raise SourceError(table.name, line, f"duplicate URI {uri}")
        seen.add(uri)
        groups.append((uri, code, row[c_pref].strip()))
    return groups


def _read_skill_groups(zf: _Zip) -> list[SkillGroupRecord]:
    table = zf.table("skillGroups_en.csv", ("conceptUri", "preferredLabel", "code"))
    c_uri, c_code, c_pref = table.col("conceptUri"), table.col("code"), table.col("preferredLabel")
    groups: list[SkillGroupRecord] = []
    seen: set[str] = set()
    for line, row in table.rows():
        uri = row[c_uri].strip()
        _check_uri(table, line, uri)
        if uri in seen:
            raise SourceError(table.name, line, f"duplicate URI {uri}")
        seen.add(uri)
        groups.append(SkillGroupRecord(uri, row[c_code].strip(), row[c_pref].strip()))
    return groups


def _read_relations(
    zf: _Zip, occupations: dict[str, _OccupationDraft], skills: dict[str, str], notes: list[str]
) -> None:
    table = zf.table("occupationSkillRelations.csv", ("occupationUri", "relationType", "skillUri"))
    c_occ, c_rel, c_skill = table.col("occupationUri"), table.col("relationType"), table.col("skillUri")
    unknown_occ: set[str] = set()
    unknown_skill: set[str] = set()
    seen: set[tuple[str, str]] = set()
    for line, row in table.rows():
        occ_uri, relation, skill_uri = row[c_occ].strip(), row[c_rel].strip(), row[c_skill].strip()
        if relation not in ("essential", "optional"):
            raise SourceError(table.name, line, f"unknown relationType {relation!r}")
        _check_uri(table, line, occ_uri)
        _check_uri(table, line, skill_uri)
        draft = occupations.get(occ_uri)
        if draft is None:
            unknown_occ.add(occ_uri)
            continue
        if skill_uri not in skills:
            unknown_skill.add(skill_uri)
            continue
        if (occ_uri, skill_uri) in seen:
            continue
        seen.add((occ_uri, skill_uri))
        (draft.essential if relation == "essential" else draft.optional).append(skill_uri)
    if unknown_occ:
        notes.append(f"{table.name}: skipped relations of {len(unknown_occ)} unknown occupation URI(s)")
    if unknown_skill:
        notes.append(f"{table.name}: skipped relations to {len(unknown_skill)} unknown skill URI(s)")


def _read_broader(zf: _Zip, member: str) -> list[tuple[str, str]]:
    table = zf.table(member, ("conceptUri", "broaderUri"))
    c_uri, c_broader = table.col("conceptUri"), table.col("broaderUri")
    pairs: list[tuple[str, str]] = []
    for line, row in table.rows():
        uri, broader = row[c_uri].strip(), row[c_broader].strip()
        _check_uri(table, line, uri)
        _check_uri(table, line, broader)
        pairs.append((uri, broader))
    return pairs


# --- German, Arabic, KldB, O*NET --------------------------------------------------------------


def _open_text(data_dir: Path, relative: str, encoding: str = "utf-8-sig") -> tuple[str, io.StringIO]:
    path = data_dir / relative
    return relative, io.StringIO(_read_text(path, encoding, data_dir), newline="")


def _read_de_mapping(data_dir: Path) -> tuple[list[EscoKldbRecord], dict[str, str]]:
    """BA ESCO↔KldB mapping rows and the German ESCO preferred label per URI (first row wins)."""
    name, stream = _open_text(data_dir, DE_OCCUPATION_MAPPING)
    cols = (
        "Classification 1 URI",
        "Classification 1 PrefLabel",
        "Classification 2 ID",
        "Classification 2 PrefLabel",
        "Mapping relation",
    )
    table = _Table(name, stream, cols, header_first=cols[0])
    c_uri, c_label, c_id, c_title, c_rel = (table.col(c) for c in cols)
    records: list[EscoKldbRecord] = []
    preferred_de: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for line, row in table.rows():
        uri = row[c_uri].strip()
        _check_uri(table, line, uri)
        berufenet_id = row[c_id].strip()
        if not _BERUFENET_ID.match(berufenet_id):
            raise SourceError(table.name, line, f"BA id {berufenet_id!r} is neither 'B nnnnn-nnn' nor 'BE nnnn'")
        relation = row[c_rel].strip().removeprefix("skos:")
        if relation not in RELATIONS:
            raise SourceError(table.name, line, f"unknown mapping relation {relation!r}")
        preferred_de.setdefault(uri, row[c_label].strip())
        if (uri, berufenet_id) in seen:
            continue
        seen.add((uri, berufenet_id))
        records.append(EscoKldbRecord(uri, berufenet_id, row[c_title].strip(), relation))
    return records, preferred_de


def _read_de_occupation_labels(data_dir: Path) -> dict[str, list[str]]:
    name = DE_OCCUPATION_LABELS
    text = _read_text(data_dir / name, "utf-8-sig", data_dir)
    lines = text.splitlines()
    if not lines or lines[0].split("\t")[:2] != ["conceptUri", "label_de"]:
        raise SourceError(name, 1, "missing column(s): expected header 'conceptUri<TAB>label_de'")
    labels: dict[str, list[str]] = defaultdict(list)
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].startswith("http"):
            raise SourceError(name, number, "expected 'URI<TAB>label'")
        label = parts[1].strip()
        if label and label not in labels[parts[0]]:
            labels[parts[0]].append(label)
    return labels


def _guess_german_preferred(labels: list[str]) -> str:
    """Without the BA mapping the ESCO German preferred label is unknown; ESCO writes it as the
    gender pair "Elektriker/Elektrikerin", so prefer a label whose halves are both labels too."""
    known = set(labels)
    for label in labels:
        halves = label.split("/")
        if len(halves) == 2 and halves[0] in known and halves[1] in known:
            return label
    for label in labels:
        if "/" in label:
            return label
    return labels[0]


def _read_de_skill_labels(data_dir: Path, skill_order: list[str]) -> dict[str, str]:
    """German preferred skill labels, paired with skills_en.csv by line order (see PROVENANCE)."""
    name = DE_SKILL_LABELS
    lines = _read_text(data_dir / name, "cp1252", data_dir).splitlines()
    if not lines or lines[0].strip() != "preferredLabel":
        raise SourceError(name, 1, "missing column: expected header 'preferredLabel'")
    body = lines[1:]
    while body and not body[-1].strip():
        body.pop()
    if len(body) != len(skill_order):
        raise SourceError(name, len(body) + 1, f"{len(body)} labels but skills_en.csv has {len(skill_order)} rows")
    return {uri: text.strip() for uri, text in zip(skill_order, body, strict=True) if text.strip()}


def _read_de_skill_mapping(data_dir: Path) -> dict[str, str]:
    """German ESCO 1.0.3 skill labels from the BA Kompetenzen mapping (two rows there are broken
    by quoting; such rows are skipped rather than trusted)."""
    name, stream = _open_text(data_dir, DE_SKILL_MAPPING)
    cols = ("Classification 1 URI", "Classification 1 PrefLabel")
    table = _Table(name, stream, cols, header_first=cols[0], strict=False)
    c_uri, c_label = table.col("Classification 1 URI"), table.col("Classification 1 PrefLabel")
    labels: dict[str, str] = {}
    for _line, row in table.rows():
        uri, label = row[c_uri].strip(), row[c_label].strip()
        if uri.startswith("http://data.europa.eu/esco/skill/") and label and "\n" not in label:
            labels.setdefault(uri, label)
    return labels


def _read_ar_labels(data_dir: Path) -> dict[str, str]:
    name, stream = _open_text(data_dir, AR_OCCUPATIONS)
    table = _Table(name, stream, ("conceptUri", "preferredLabel"))
    c_uri, c_pref = table.col("conceptUri"), table.col("preferredLabel")
    labels: dict[str, str] = {}
    for line, row in table.rows():
        uri = row[c_uri].strip()
        _check_uri(table, line, uri)
        if row[c_pref].strip():
            labels.setdefault(uri, row[c_pref].strip())
    return labels


def _read_kldb_classes(data_dir: Path, path: Path) -> list[KldbClassRecord]:
    name, stream = _open_text(data_dir, str(path.relative_to(data_dir)))
    cols = ("Schlüssel KldB 2010, V. 2020", "Ebene", "Titel", "Kurztitel")
    table = _Table(name, stream, cols, delimiter=";")
    c_code, c_level, c_title, c_short = (table.col(c) for c in cols)
    classes: list[KldbClassRecord] = []
    seen: set[str] = set()
    for line, row in table.rows():
        raw_code, raw_level = row[c_code].strip(), row[c_level].strip()
        if not raw_code.isdigit() or raw_level not in {"1", "2", "3", "4", "5"}:
            raise SourceError(table.name, line, f"malformed KldB code/level {raw_code!r}/{raw_level!r}")
        level = int(raw_level)
        if len(raw_code) > level:
            raise SourceError(table.name, line, f"KldB code {raw_code!r} longer than its level {level}")
        code = raw_code.zfill(level)  # the file lost leading zeros ("1104" is 01104)
        if code in seen:
            raise SourceError(table.name, line, f"duplicate KldB code {code}")
        seen.add(code)
        classes.append(KldbClassRecord(code, level, row[c_title].strip(), row[c_short].strip()))
    return classes


def _read_kldb_isco(data_dir: Path) -> list[tuple[str, str, bool]]:
    name = KLDB_JSON
    try:
        data = json.loads(_read_text(data_dir / name, "utf-8", data_dir))
        pairs = [
            (str(p["kldb5d"]).zfill(5), str(p["isco4d"]).zfill(4), bool(p["schwerpunkt"])) for p in data["kldbToIsco"]
        ]
    except json.JSONDecodeError as exc:
        raise SourceError(name, exc.lineno, f"invalid JSON: {exc.msg}") from exc
    except (KeyError, TypeError) as exc:
        raise SourceError(name, None, f"unexpected structure: missing {exc}") from exc
    return pairs


def _read_onet_titles(data_dir: Path) -> dict[str, str]:
    name, stream = _open_text(data_dir, ONET_OCCUPATIONS)
    table = _Table(name, stream, ("O*NET-SOC Code", "Title"), delimiter="\t")
    c_code, c_title = table.col("O*NET-SOC Code"), table.col("Title")
    titles: dict[str, str] = {}
    for line, row in table.rows():
        code = row[c_code].strip()
        if not _ONET_CODE.match(code):
            raise SourceError(table.name, line, f"malformed O*NET-SOC code {code!r}")
        titles[code] = row[c_title].strip()
    return titles


def _read_onet_interests(data_dir: Path) -> dict[str, RiasecRecord]:
    name, stream = _open_text(data_dir, ONET_INTERESTS)
    cols = ("O*NET-SOC Code", "Element Name", "Data Value")
    table = _Table(name, stream, cols, delimiter="\t")
    c_code, c_element, c_value = (table.col(c) for c in cols)
    values: dict[str, dict[str, float]] = defaultdict(dict)
    for line, row in table.rows():
        code = row[c_code].strip()
        if not _ONET_CODE.match(code):
            raise SourceError(table.name, line, f"malformed O*NET-SOC code {code!r}")
        try:
            values[code][row[c_element].strip()] = float(row[c_value])
        except ValueError as exc:
            raise SourceError(table.name, line, f"Data Value {row[c_value]!r} is not a number") from exc
    profiles: dict[str, RiasecRecord] = {}
    for code, by_element in values.items():
        if not all(element in by_element for element in RIASEC_ELEMENTS):
            continue
        six = tuple(by_element[element] for element in RIASEC_ELEMENTS)
        highs = tuple(int(by_element.get(element, 0)) for element in HIGH_POINT_ELEMENTS)
        profiles[code] = RiasecRecord(code, six, highs)  # type: ignore[arg-type]
    return profiles


def _read_onet_crosswalk(data_dir: Path) -> list[EscoOnetRecord]:
    name, stream = _open_text(data_dir, ONET_CROSSWALK)
    cols = ("O*NET Id", "ESCO or ISCO URI", "Type of Match")
    table = _Table(name, stream, cols, header_first=cols[0])
    c_code, c_uri, c_type = (table.col(c) for c in cols)
    records: list[EscoOnetRecord] = []
    seen: set[tuple[str, str]] = set()
    for line, row in table.rows():
        code, uri, match = row[c_code].strip(), row[c_uri].strip(), row[c_type].strip()
        if not _ONET_CODE.match(code):
            raise SourceError(table.name, line, f"malformed O*NET-SOC code {code!r}")
        _check_uri(table, line, uri)
        if (uri, code) in seen:
            continue
        seen.add((uri, code))
        records.append(EscoOnetRecord(uri, code, match))
    return records


# --- KldB choice ------------------------------------------------------------------------------


def best_kldb(
    uri: str,
    isco: str,
    mapping_by_uri: dict[str, list[EscoKldbRecord]],
    isco_to_kldb: dict[str, list[tuple[str, bool]]],
) -> str | None:
    """The one KldB 5-digit code shown for an occupation.

    1. exact, then close matches in the BA mapping (most frequent code among them);
    2. else the most frequent 5-digit prefix of all its BERUFENET ids;
    3. else the Schwerpunkt KldB code(s) of its ISCO-08 group (BA Umsteigeschlüssel).
    Ties go to the lowest code, so the choice is deterministic.
    """
    rows = mapping_by_uri.get(uri, [])
    for relations in (("exactMatch",), ("closeMatch",), RELATIONS):
        codes = [r.berufenet_id[2:7] for r in rows if r.relation in relations and r.is_job_title]
        if codes:
            counts = Counter(codes)
            return min(counts, key=lambda code: (-counts[code], code))
    pairs = isco_to_kldb.get(isco, [])
    preferred = [code for code, schwerpunkt in pairs if schwerpunkt] or [code for code, _ in pairs]
    return min(preferred) if preferred else None


# --- assembly ---------------------------------------------------------------------------------


def _dedupe(labels: Iterable[Label]) -> tuple[Label, ...]:
    """Drop repeated labels; an alternative label equal to the preferred one is dropped too."""
    seen: set[tuple[str, str, str]] = set()
    out: list[Label] = []
    for label in labels:
        group = "name" if label.kind in ("preferred", "alternative") else label.kind
        key = (label.lang, group, label.text)
        if label.text and key not in seen:
            seen.add(key)
            out.append(label)
    return tuple(out)


def read_sources(data_dir: Path) -> TaxonomyBundle:
    """Read every reference file under `data_dir`; raise SourceError on the first problem."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise SourceError(str(data_dir), None, "source directory does not exist")
    notes: list[str] = []
    classification_path = _find_one(data_dir, ESCO_CLASSIFICATION_GLOB, required=True)
    relations_path = _find_one(data_dir, ESCO_RELATIONS_GLOB, required=True)
    assert classification_path is not None and relations_path is not None
    classification = _Zip(classification_path)
    relations = _Zip(relations_path)

    drafts = _read_occupations(classification)
    skill_order, skill_types, skill_labels, skill_reuse = _read_skills(classification)
    isco_rows = _read_isco_groups(classification)
    skill_groups = _read_skill_groups(classification)
    _read_relations(relations, drafts, skill_types, notes)
    broader = _read_broader(relations, "broaderRelationsOccPillar.csv")
    broader += _read_broader(relations, "broaderRelationsSkillPillar.csv")

    def present(relative: str) -> bool:
        if (data_dir / relative).is_file():
            return True
        notes.append(f"{relative} not found: skipped")
        return False

    esco_kldb: list[EscoKldbRecord] = []
    preferred_de: dict[str, str] = {}
    if present(DE_OCCUPATION_MAPPING):
        esco_kldb, preferred_de = _read_de_mapping(data_dir)
    de_labels = _read_de_occupation_labels(data_dir) if present(DE_OCCUPATION_LABELS) else {}
    ar_labels = _read_ar_labels(data_dir) if present(AR_OCCUPATIONS) else {}
    skill_de = _read_de_skill_labels(data_dir, skill_order) if present(DE_SKILL_LABELS) else {}
    skill_de_103 = _read_de_skill_mapping(data_dir) if present(DE_SKILL_MAPPING) else {}

    kldb_path = _find_one(data_dir, KLDB_CSV_GLOB, required=False)
    kldb_classes = _read_kldb_classes(data_dir, kldb_path) if kldb_path else []
    if kldb_path is None:
        notes.append(f"{KLDB_CSV_GLOB} not found: skipped")
    kldb_isco = _read_kldb_isco(data_dir) if present(KLDB_JSON) else []
    onet_titles = _read_onet_titles(data_dir) if present(ONET_OCCUPATIONS) else {}
    riasec = _read_onet_interests(data_dir) if present(ONET_INTERESTS) else {}
    esco_onet = _read_onet_crosswalk(data_dir) if present(ONET_CROSSWALK) else []

    kldb_titles = {c.code: c.title for c in kldb_classes if c.level == 5}
    mapping_by_uri: dict[str, list[EscoKldbRecord]] = defaultdict(list)
    for record in esco_kldb:
        mapping_by_uri[record.esco_uri].append(record)
    isco_to_kldb: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for kldb5, isco4, schwerpunkt in kldb_isco:
        isco_to_kldb[isco4].append((kldb5, schwerpunkt))

    occupations: dict[str, Occupation] = {}
    for uri, draft in drafts.items():
        labels = list(draft.labels)
        german = de_labels.get(uri, [])
        pref_de = preferred_de.get(uri) or (_guess_german_preferred(german) if german else "")
        if pref_de:
            labels.append(Label(pref_de, "de", "preferred"))
        labels.extend(Label(text, "de", "alternative") for text in german if text != pref_de)
        if uri in ar_labels:
            labels.append(Label(ar_labels[uri], "ar", "preferred"))
        labels.extend(Label(r.title, "de", "berufenet") for r in mapping_by_uri.get(uri, []) if r.is_job_title)
        kldb = best_kldb(uri, draft.isco, mapping_by_uri, isco_to_kldb)
        if kldb and kldb in kldb_titles:
            labels.append(Label(kldb_titles[kldb], "de", "kldb"))
        occupations[uri] = Occupation(
            uri=uri,
            isco=draft.isco,
            code=draft.code,
            kldb=kldb,
            labels=_dedupe(labels),
            essential_skills=tuple(draft.essential),
            optional_skills=tuple(draft.optional),
            regulated=draft.regulated,
        )

    skills: dict[str, Skill] = {}
    for uri in skill_order:
        labels = list(skill_labels[uri])
        de_pref = skill_de.get(uri) or skill_de_103.get(uri, "")
        if de_pref:
            labels.append(Label(de_pref, "de", "preferred"))
        older = skill_de_103.get(uri)
        if older and older != de_pref:
            labels.append(Label(older, "de", "alternative"))
        skills[uri] = Skill(uri=uri, skill_type=skill_types[uri], labels=_dedupe(labels))

    isco_groups = [
        IscoGroupRecord(uri, code, label_en, preferred_de.get(uri) or _first(de_labels.get(uri)))
        for uri, code, label_en in isco_rows
    ]
    snapshot = TaxonomySnapshot(
        version=version_name(data_dir), occupations=occupations, skills=skills, kldb_titles=kldb_titles
    )
    return TaxonomyBundle(
        snapshot=snapshot,
        checksum=sources_checksum(data_dir),
        skill_reuse=skill_reuse,
        isco_groups=isco_groups,
        skill_groups=skill_groups,
        broader=broader,
        kldb_classes=kldb_classes,
        kldb_isco=kldb_isco,
        esco_kldb=esco_kldb,
        onet_titles=onet_titles,
        riasec=riasec,
        esco_onet=esco_onet,
        notes=notes,
    )


def _first(values: list[str] | None) -> str:
    return _guess_german_preferred(values) if values else ""


def snapshot_from_sources(data_dir: Path) -> TaxonomySnapshot:
    return read_sources(data_dir).snapshot


# Crosswalk match types, strongest first; an occupation's interest profile uses the strongest tier it has.
_ONET_MATCH_TIERS = (("exactMatch", "closeMatch"), ("narrowMatch", "broadMatch"))


def interest_profiles_by_occupation(bundle: TaxonomyBundle) -> dict[str, tuple[float, ...]]:
    """RIASEC profile (R, I, A, S, E, C on O*NET's 1–7 scale) per ESCO occupation URI.

    The mean of the O*NET profiles linked by the ESCO–O*NET crosswalk, using exact/close matches
    where there are any, else narrow/broad ones. Occupations without a linked profile are absent.
    """
    links: dict[str, list[EscoOnetRecord]] = defaultdict(list)
    for record in bundle.esco_onet:
        if record.esco_uri in bundle.snapshot.occupations and record.onet_code in bundle.riasec:
            links[record.esco_uri].append(record)
    profiles: dict[str, tuple[float, ...]] = {}
    for uri, records in links.items():
        for tier in _ONET_MATCH_TIERS:
            values = [bundle.riasec[r.onet_code].values for r in records if r.match in tier]
            if values:
                profiles[uri] = tuple(round(sum(column) / len(values), 3) for column in zip(*values, strict=True))
                break
    return profiles
