"""Script-independent name keys, search tokens and duplicate scoring. Pure: no Django, no ORM.

A refugee's name reaches the jobcenter in many spellings: the passport's Latin transliteration,
the German spelling a previous office chose, the original Arabic, Persian, Cyrillic or Ge'ez
script. Two files for the same person are the costly mistake, so intake compares a new person
against the existing ones on a *skeleton* of the name:

1. Original scripts are transliterated with our own tables (Arabic/Persian, Cyrillic, Turkish,
   German letters); anything else goes through unidecode.
2. Spelling variants that transliterations disagree on are folded together: k/q/c/ck, ph/f,
   w/v, j/dj/dsch/dzh/y, kh/ch/h, sh/sch/ş, th/t/d, p/b, z/s, x/ks.
3. Vowels are dropped (Arabic script does not write short vowels), except that a word starting
   with a vowel keeps one marker `a`. Doubled letters collapse.
4. Arabic articles (al-, el-, ul-, ad-, ...) are removed; `Abd al-Rahman`, `Abdel Rahman`,
   `Abdulrahman`, `Abdurrahman` and `عبد الرحمن` all become one token `abdrhmn`.

So Mohammed, Muhammad, Mohamad, Mohamed, محمد and Мухаммад all become `mhmd`. The skeleton is
deliberately coarse (Hassan and Hussein share `hsn`); when both files carry Latin names the
score also compares a *vowel-class* form (a/e/i vs o/u) that tells those two apart.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import fuzz
from unidecode import unidecode

K = TypeVar("K", bound=Hashable)

# --- transliteration -------------------------------------------------------------------------

# Arabic and Persian letters. `'` marks ain/hamza: both are read as a vowel, which is how Latin
# transliterations usually render them (Saeed, Sa'id, Ali).
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "'", "ؤ": "u", "ئ": "i",
    "ب": "b", "پ": "p", "ت": "t", "ث": "th", "ج": "j", "چ": "tsch", "ح": "H", "خ": "kh",
    "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ک": "k",
    "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "H", "ە": "a", "ة": "a", "ى": "a",
    "َ": "a", "ُ": "u", "ِ": "i",  # fatha, damma, kasra when a text carries them
}
# Shadda, sukun, tanwin, tatweel and other marks carry no letter of their own.
_ARABIC_SILENT = set("ًٌٍّْـٰٕٔ")
_ARABIC_YEH = set("يیې")
_ARABIC_WAW = set("و")
_ARABIC_ALIF = set("اأإآٱ")
# Words that start with the letters of the article but are names of their own.
_ARABIC_NOT_ARTICLE = {"الياس", "إلياس", "الهام", "إلهام", "الهه", "الناز"}

# Cyrillic as Ukrainian passports transliterate it (г -> h), with Russian letters added.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "yo", "є": "ye",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "tsch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya", "'": "", "’": "",
}
# Turkish and German letters before unidecode gets a chance to flatten them differently.
_LATIN_EXTRA = {
    "ç": "tsch", "ş": "sh", "ğ": "", "ı": "i", "ö": "o", "ü": "u", "ä": "a", "ß": "ss",
}


def _arabic_word(word: str) -> str:
    letters = [c for c in word if c not in _ARABIC_SILENT]
    text = "".join(letters)
    if text == "الله":
        return "allah"
    if text.startswith("ال") and len(text) > 3 and text not in _ARABIC_NOT_ARTICLE:
        letters = letters[2:]
    out: list[str] = []
    for i, char in enumerate(letters):
        prev = letters[i - 1] if i else ""
        nxt = letters[i + 1] if i + 1 < len(letters) else ""
        if char in _ARABIC_YEH:
            out.append("y" if i == 0 or nxt in _ARABIC_ALIF else "i")
        elif char in _ARABIC_WAW:
            out.append("w" if i == 0 or nxt in _ARABIC_ALIF or prev in _ARABIC_ALIF else "u")
        elif char in _ARABIC:
            out.append(_ARABIC[char])
        else:
            out.append(char)
    return "".join(out)


def _is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" or "\ufb50" <= char <= "\ufeff"


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def transliterate(text: str) -> str:
    """Lower-case Latin letters, digits, apostrophes and spaces for `text` in any script."""
    text = unicodedata.normalize("NFC", text).lower()
    # عبدالرحمن written as one word: split off the servant-of prefix so the article goes.
    text = re.sub(r"عبد(?=ال)", "عبد ", text)
    # Arabic script is handled word by word (article, long vowels depend on position).
    words = re.split(r"(\s+|-)", text)
    parts: list[str] = []
    for word in words:
        if any(_is_arabic(c) for c in word):
            parts.append(_arabic_word(word))
        else:
            parts.append(word)
    mapped = []
    for char in "".join(parts):
        if _is_cyrillic(char) or char in "'’":
            mapped.append(_CYRILLIC.get(char, char) if _is_cyrillic(char) else "'")
        else:
            mapped.append(_LATIN_EXTRA.get(char, char))
    # Arabic h is written `H` so that it never forms a digraph with the letter before (ز ه is z-h).
    latin = unidecode("".join(mapped)).replace("`", "'")
    # The input was lower-cased before mapping, so the only capital left is that H.
    return re.sub(r"[^a-zH0-9' ]+", " ", latin.replace("-", " "))


# --- tokens ----------------------------------------------------------------------------------

_ARTICLES = {"al", "el", "ul", "il", "ol"}
# Assimilated articles written with a hyphen: Nur ad-Din, Harun ar-Rashid.
_HYPHEN_ARTICLES = _ARTICLES | {
    a + c for a in "aeu" for c in ("d", "r", "s", "sh", "t", "z", "n", "th", "dh")
}
_ABD = re.compile(r"^abd(?:[aeiou](?:l|([rsntdz])(?=\1)))?(?P<rest>.*)$")


def _raw_words(text: str) -> list[str]:
    """Transliterated words with articles removed and `abd` + name joined."""
    text = unicodedata.normalize("NFC", text)
    # Drop hyphenated articles before the hyphen disappears.
    text = re.sub(r"(?i)(?:^|(?<=\s))(" + "|".join(sorted(_HYPHEN_ARTICLES)) + r")-(?=\w)", "", text)
    # A leading apostrophe is an ain or hamza and stands for the vowel it carries ('Ali = Ali).
    words = [re.sub(r"^'+", "a", w.rstrip("'")) for w in transliterate(text).split()]
    words = [w for w in words if w.strip("'") and w not in _ARTICLES]
    joined: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        abd = _ABD.match(word)
        if abd and abd.group("rest") == "" and word in {"abd", "abdu", "abdul", "abdel", "abdal", "abdol"}:
            # `Abd al-Rahman`, `Abdul Rahman`: the servant-of prefix belongs to the next word.
            if i + 1 < len(words):
                joined.append("abd" + words[i + 1])
                i += 2
                continue
            joined.append("abd")
        elif abd and len(abd.group("rest")) >= 2:
            joined.append("abd" + abd.group("rest"))
        else:
            joined.append(word)
        i += 1
    return joined


# German, English, French and Ukrainian-passport spellings of the same sounds. `ch` is both the
# German spelling of kh (Chaled) and the Ukrainian/English spelling of ч (Shevchenko); folding
# both into h costs little and keeps either convention findable.
_DIGRAPHS = [
    ("shch", "S"), ("tsch", "h"), ("dsch", "j"), ("dzh", "j"), ("sch", "S"), ("tch", "h"),
    ("sh", "S"), ("zh", "Z"), ("kh", "h"), ("ch", "h"), ("ph", "f"), ("th", "t"), ("dh", "d"),
    ("gh", "g"), ("ck", "k"), ("dj", "j"), ("ou", "u"), ("tz", "s"), ("ts", "s"), ("x", "ks"),
]
# `Y` is a consonant y (from j/dj/dsch, Jamal = Jamal = جمال); lower-case y is a vowel except first.
_SINGLE = str.maketrans({"c": "k", "q": "k", "w": "v", "p": "b", "z": "s", "t": "d", "j": "Y", "H": "h"})
_VOWEL_CLASS = {"a": "A", "e": "A", "i": "A", "y": "A", "'": "A", "o": "U", "u": "U"}


@lru_cache(maxsize=65536)
def _vowel_form(word: str) -> str:
    """Folded consonants with vowels reduced to two classes: A (a/e/i/y) and U (o/u)."""
    if any(c.isdigit() for c in word):
        return re.sub(r"[^a-z0-9]", "", word)
    for old, new in _DIGRAPHS:
        word = word.replace(old, new)
    word = word.translate(_SINGLE)
    # Length-marking h after a vowel at the end (Fatimah, Aishah).
    word = re.sub(r"(?<=[aeiou])h$", "", word)
    out: list[str] = []
    for i, char in enumerate(word):
        consonant_y = char == "Y" or (char == "y" and i == 0)
        symbol = "y" if consonant_y else _VOWEL_CLASS.get(char, char)
        if out and symbol in "AU" and out[-1] in "AU":
            continue  # a run of vowels counts as the first one
        if out and out[-1] == symbol:
            continue
        out.append(symbol)
    return "".join(out)


@lru_cache(maxsize=65536)
def _skeleton(word: str) -> str:
    form = _vowel_form(word)
    if any(c.isdigit() for c in form):
        return form
    out = []
    for i, char in enumerate(form):
        if char in "AU":
            if i == 0:
                out.append("a")
            continue
        if out and out[-1] == char.lower():
            continue
        out.append({"S": "x", "Z": "zh"}.get(char, char))
    return "".join(out)


def search_tokens(text: str) -> list[str]:
    """Skeleton tokens of a search query or a name, in input order, without repeats."""
    tokens: list[str] = []
    for word in _raw_words(text):
        token = _skeleton(word)
        if token and token not in tokens:
            tokens.append(token)
    return tokens


def name_key(*names: str) -> str:
    """Sorted skeleton tokens of all given names, so that word order does not matter."""
    tokens: set[str] = set()
    for name in names:
        tokens.update(search_tokens(name or ""))
    return " ".join(sorted(tokens))


# --- duplicate scoring -----------------------------------------------------------------------


@dataclass(frozen=True)
class PersonKey:
    given: str
    family: str
    given_original: str = ""
    family_original: str = ""
    birth_date: dt.date | None = None
    birth_precision: str = "exact"  # exact | month | year | placeholder
    nationalities: tuple[str, ...] = ()


@dataclass(frozen=True)
class DuplicateMatch:
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Forms:
    latin: str  # sorted skeleton tokens of the Latin names
    latin_given: str
    latin_family: str
    vowels: str  # sorted vowel-class tokens of the Latin names
    original: str  # sorted skeleton tokens of the original-script names ("" if none)
    original_given: str
    original_family: str
    raw: str  # the names as typed, case-folded: the last resort when no skeleton is left
    tokens: frozenset[str]  # every skeleton token, Latin and original script


def _sorted_skeleton(*names: str) -> str:
    return name_key(*names)


def _is_latin_script(text: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)


def _sorted_vowels(*names: str) -> str:
    """Vowel-class tokens, only for names typed in Latin script (other scripts omit vowels)."""
    if not _is_latin_script("".join(names)):
        return ""
    return " ".join(sorted({_vowel_form(w) for n in names for w in _raw_words(n or "")} - {""}))


@lru_cache(maxsize=16384)
def _forms(key: PersonKey) -> _Forms:
    names = (key.given, key.family, key.given_original, key.family_original)
    return _Forms(
        latin=_sorted_skeleton(key.given, key.family),
        latin_given=_sorted_skeleton(key.given),
        latin_family=_sorted_skeleton(key.family),
        vowels=_sorted_vowels(key.given, key.family),
        original=_sorted_skeleton(key.given_original, key.family_original),
        original_given=_sorted_skeleton(key.given_original),
        original_family=_sorted_skeleton(key.family_original),
        raw=" ".join(" ".join(names).casefold().split()),
        tokens=frozenset(name_key(*names).split()),
    )


@lru_cache(maxsize=1 << 18)
def _token_similarity(a: str, b: str) -> float:
    """Similarity of two skeleton tokens, sharpened so that half-alike counts as unlike."""
    if a == b:
        return 1.0
    return max(0.0, (fuzz.ratio(a, b) / 100.0 - 0.6) / 0.4)


@lru_cache(maxsize=1 << 18)
def _similarity(a: str, b: str) -> float:
    """Order-free similarity of two space-separated token sets, 0..1.

    Tokens are paired greedily, best pair first. Each pair counts with the length of its two
    tokens. Unpaired tokens on both sides (different names) count fully against the match; a
    surplus token on one side (a middle name one file lacks) counts half, so
    `Mohammed Ali Hassan` still resembles `Mohammed Hassan`.
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ta, tb = a.split(), b.split()
    pairs = sorted(
        ((_token_similarity(x, y), i, j) for i, x in enumerate(ta) for j, y in enumerate(tb)),
        # Ties broken by the token texts, not positions, so that swapping a and b gives one answer.
        key=lambda p: (-p[0], min(ta[p[1]], tb[p[2]]), max(ta[p[1]], tb[p[2]])),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched = weight = 0.0
    for score, i, j in pairs:
        if i in used_a or j in used_b or score <= 0.0:
            continue
        used_a.add(i)
        used_b.add(j)
        size = len(ta[i]) + len(tb[j])
        matched += score * size
        weight += size
    left_a = sorted((len(t) for i, t in enumerate(ta) if i not in used_a), reverse=True)
    left_b = sorted((len(t) for j, t in enumerate(tb) if j not in used_b), reverse=True)
    # Unlike names on both sides count fully; only the surplus on one side counts half.
    both = min(len(left_a), len(left_b))
    weight += sum(left_a[:both]) + sum(left_b[:both])
    weight += 0.5 * (sum(left_a[both:]) + sum(left_b[both:]))
    return matched / weight if weight else 0.0


def _name_similarity(fa: _Forms, fb: _Forms) -> tuple[float, str]:
    """Best name similarity across Latin and original script, and which comparison won."""
    options: list[tuple[float, str]] = []
    latin = _similarity(fa.latin, fb.latin)
    if fa.vowels and fb.vowels:
        # The consonant skeleton decides; vowel classes separate Hassan from Hussein.
        latin = 0.75 * latin + 0.25 * _similarity(fa.vowels, fb.vowels)
    options.append((latin, "latin"))
    if fa.original and fb.original:
        options.append((_similarity(fa.original, fb.original), "original"))
    # A name entered in Latin on one file may be the original-script name on the other.
    cross = max(_similarity(fa.latin, fb.original), _similarity(fa.original, fb.latin))
    if cross:
        options.append((cross * 0.95, "cross"))
    if fa.raw and fa.raw == fb.raw:
        options.append((1.0, "latin"))  # names made only of marks and punctuation
    return max(options)


def _swapped(fa: _Forms, fb: _Forms) -> bool:
    if not (fa.latin_given and fa.latin_family and fb.latin_given and fb.latin_family):
        return False
    straight = _similarity(fa.latin_given, fb.latin_given) + _similarity(fa.latin_family, fb.latin_family)
    crossed = _similarity(fa.latin_given, fb.latin_family) + _similarity(fa.latin_family, fb.latin_given)
    return crossed >= 1.7 and crossed > straight + 0.3


_YEAR_ONLY = {"year", "placeholder"}


def _birth_agreement(a: PersonKey, b: PersonKey) -> tuple[float, str]:
    """0..1 agreement of the dates of birth (0.5 = nothing known) and a reason if they agree."""
    if a.birth_date is None or b.birth_date is None:
        return 0.5, ""
    da, db = a.birth_date, b.birth_date
    years_apart = abs(da.year - db.year)
    if a.birth_precision in _YEAR_ONLY or b.birth_precision in _YEAR_ONLY:
        # 01.01.YYYY is what offices write when only the year is known: it says nothing more.
        if years_apart == 0:
            return 0.8, "gleiches Geburtsjahr"
        return (0.45, "Geburtsjahr weicht um 1 Jahr ab") if years_apart == 1 else (0.0, "")
    if "month" in (a.birth_precision, b.birth_precision):
        if (da.year, da.month) == (db.year, db.month):
            return 0.9, "gleicher Geburtsmonat"
        return (0.6, "gleiches Geburtsjahr") if years_apart == 0 else (0.0, "")
    if da == db:
        return 1.0, "gleiches Geburtsdatum"
    if da.year == db.year and (da.day, da.month) == (db.month, db.day):
        return 0.85, "Geburtsdatum mit vertauschtem Tag und Monat"
    if years_apart == 0:
        return 0.55, "gleiches Geburtsjahr"
    if (da.month, da.day) == (db.month, db.day) and years_apart == 1:
        return 0.5, "Geburtstag gleich, Jahr weicht um 1 ab"
    return 0.0, ""


def _nationality_agreement(a: PersonKey, b: PersonKey) -> tuple[float, str]:
    na = {c.upper() for c in a.nationalities if c}
    nb = {c.upper() for c in b.nationalities if c}
    if not na or not nb:
        return 0.5, ""
    if na & nb:
        return 1.0, "gleiche Staatsangehörigkeit"
    return 0.0, ""


def _display(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


# Weights of the three kinds of evidence; the name dominates and gates the rest.
_W_NAME, _W_BIRTH, _W_NATION = 0.55, 0.3, 0.15
_NAME_FLOOR = 0.55


def duplicate_score(candidate: PersonKey, other: PersonKey) -> DuplicateMatch | None:
    """How likely `other` is the same person as `candidate`, with reasons; None if not at all.

    Symmetric in its arguments. Score = name similarity × (0.55 + 0.3 date of birth agreement +
    0.15 nationality agreement), where unknown dates or nationalities count as half agreement.
    So the same name alone (0.55 + 0.15 + 0.075) reaches the default threshold of 0.75, the same
    name with a different birth year does not, even with the same nationality (0.55 + 0 + 0.15),
    and twins with different given names stay below it although date and nationality agree.
    """
    fa, fb = _forms(candidate), _forms(other)
    name_sim, via = _name_similarity(fa, fb)
    if name_sim < _NAME_FLOOR:
        return None
    birth, birth_reason = _birth_agreement(candidate, other)
    nation, nation_reason = _nationality_agreement(candidate, other)
    # Date of birth and nationality only count as far as the names agree: twins share both.
    score = name_sim * (_W_NAME + _W_BIRTH * birth + _W_NATION * nation)

    reasons: list[str] = []
    name_a = _display(candidate.given, candidate.family)
    name_b = _display(other.given, other.family)
    if via == "original":
        orig_a = _display(candidate.given_original, candidate.family_original)
        orig_b = _display(other.given_original, other.family_original)
        if name_sim >= 0.999:
            reasons.append(f"gleicher Name in Originalschrift ({orig_a})")
        else:
            reasons.append(f"Name in Originalschrift ähnlich ({orig_a} ≈ {orig_b})")
    elif via == "cross":
        reasons.append("Name in anderer Schrift ähnlich "
                       f"({_display(name_a, candidate.given_original, candidate.family_original)} ≈ "
                       f"{_display(name_b, other.given_original, other.family_original)})")
    elif name_a.casefold() == name_b.casefold():
        reasons.append(f"gleicher Name ({name_a})")
    else:
        reasons.append(f"Name ähnlich ({name_a} ≈ {name_b})")
    if _swapped(fa, fb):
        reasons.append("Vor- und Familienname vertauscht")
    if birth_reason:
        reasons.append(birth_reason)
    if nation_reason:
        reasons.append(nation_reason)
    return DuplicateMatch(score=round(min(1.0, max(0.0, score)), 4), reasons=tuple(reasons))


def find_duplicates(
    candidate: PersonKey, others: Iterable[tuple[K, PersonKey]], *, threshold: float = 0.75, limit: int = 5
) -> list[tuple[K, DuplicateMatch]]:
    """The `limit` best matches at or above `threshold`, best first (ties in input order)."""
    found: list[tuple[int, K, DuplicateMatch]] = []
    own = _forms(candidate).tokens
    # A file none of whose skeleton tokens even resembles one of ours cannot reach the name floor
    # (the vowel forms alone give at most 0.25), so it is skipped without scoring. Token-level
    # answers are remembered for this call: a caseload has a few hundred distinct tokens.
    related: dict[str, bool] = {}
    for position, (ident, other) in enumerate(others):
        if own:
            theirs = _forms(other).tokens
            hit = False
            for token in theirs:
                if token not in related:
                    related[token] = any(_token_similarity(token, mine) > 0.0 for mine in own)
                if related[token]:
                    hit = True
                    break
            if not hit:
                continue
        match = duplicate_score(candidate, other)
        if match is not None and match.score >= threshold:
            found.append((position, ident, match))
    found.sort(key=lambda item: (-item[2].score, item[0]))
    return [(ident, match) for _, ident, match in found[:limit]]
