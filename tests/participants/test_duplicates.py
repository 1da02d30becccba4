"""Duplicate detection: one person, many spellings and scripts, must be recognised at intake."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegweiser.participants.duplicates import (
    DuplicateMatch,
    PersonKey,
    duplicate_score,
    find_duplicates,
    name_key,
    search_tokens,
)

BORN = dt.date(1990, 3, 5)


def person(given: str, family: str, *, go: str = "", fo: str = "", born: dt.date | None = BORN,
           precision: str = "exact", nat: tuple[str, ...] = ("SY",)) -> PersonKey:
    return PersonKey(given, family, go, fo, born, precision, nat)


def score(a: PersonKey, b: PersonKey) -> float:
    match = duplicate_score(a, b)
    return match.score if match else 0.0


# --- name skeletons --------------------------------------------------------------------------

SAME_NAME_GROUPS = [
    ["Mohammed", "Muhammad", "Mohamad", "Mohamed", "Muhammed", "محمد", "Мухаммад", "Mehmet"],
    ["Ahmad", "Ahmed", "Achmed", "أحمد", "احمد"],
    ["Abdulrahman", "Abd al-Rahman", "Abdelrahman", "Abd El Rahman", "Abdurrahman", "عبد الرحمن",
     "عبدالرحمن", "Abdul Rahman"],
    ["Abdullah", "Abdallah", "Abd Allah", "عبد الله", "عبدالله", "Абдулла"],
    ["Hussein", "Husain", "Hüseyin", "Hussain", "Husein", "حسين"],
    ["al-Hassan", "El Hasan", "Hassan", "Al Hassan", "Hasan", "الحسن", "حسن"],
    ["Олександр", "Oleksandr", "Aleksandr", "Alexander", "Александр"],
    ["Khaled", "Khalid", "Chaled", "Chalid", "خالد"],
    ["Yusuf", "Youssef", "Jussuf", "Yousef", "یوسف", "يوسف"],
    ["Fatima", "Fatimah", "Fatma", "فاطمة"],
    ["Ali", "Aly", "علي"],
    ["Omar", "Umar", "عمر"],
    ["Saeed", "Said", "Sa'id", "سعيد"],
    ["Jamal", "Dschamal", "Djamal", "جمال"],
    ["Shevchenko", "Schewtschenko", "Шевченко"],
    ["Yuliia", "Yulia", "Julia", "Юлія"],
    ["Yohannes", "Johannes", "ዮሃንስ"],
    ["Tesfaye", "ተስፋይ"],
]


@pytest.mark.parametrize("group", SAME_NAME_GROUPS, ids=lambda g: g[0])
def test_spellings_of_one_name_share_a_skeleton(group):
    keys = {name_key(name) for name in group}
    assert len(keys) == 1, {name: name_key(name) for name in group}


def test_mohammed_in_every_script_is_mhmd():
    assert name_key("Mohammed") == name_key("محمد") == name_key("Мухаммад") == "mhmd"


def test_skeleton_keeps_different_names_apart():
    assert name_key("Ahmad") != name_key("Mohammed")
    assert name_key("Ali") != name_key("Omar")
    assert name_key("Fatima") != name_key("Zahra")


def test_name_key_is_order_free():
    assert name_key("Mohammed", "Ali") == name_key("Ali", "Mohammed") == name_key("Ali Mohammed")


def test_name_key_drops_articles_and_joins_abd():
    assert name_key("Abd al-Rahman al-Hassan") == name_key("Abdulrahman", "Hassan")
    assert name_key("Nur ad-Din") == name_key("Nur", "Din")


def test_arabic_article_kept_where_it_is_part_of_the_name():
    assert name_key("الياس") == name_key("Elias")


def test_search_tokens_find_arabic_name_by_latin_query_and_back():
    stored = " ".join(search_tokens("Mohammed Al-Hassan محمد الحسن"))
    for query in ("محمد", "Muhammad", "hasan", "الحسن", "MOHAMAD"):
        assert all(token in stored for token in search_tokens(query)), query


def test_search_tokens_keep_customer_numbers_whole():
    assert search_tokens("312D123456") == ["312d123456"]


def test_search_tokens_of_blank_or_punctuation_are_empty():
    assert search_tokens("") == []
    assert search_tokens(" - , ' ") == []


def test_ukrainian_passport_and_german_spelling_match():
    expected = name_key("Volodymyr Kovalenko")
    assert name_key("Wolodymyr Kowalenko") == name_key("Володимир Коваленко") == expected


# --- scores ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (person("Mohammed", "Ali"), person("Muhammad", "Ali")),
        (person("Mohamad", "Ali"), person("محمد", "علي")),
        (person("Ahmad", "Hassan"), person("Ahmed", "al-Hassan")),
        (person("Abdulrahman", "Khalil"), person("Abd al-Rahman", "Khalil")),
        (person("Hussein", "Ibrahim"), person("Hüseyin", "İbrahim", nat=("TR", "SY"))),
        (person("Husain", "Ibrahim"), person("حسين", "إبراهيم")),
        (person("Hassan", "Omar"), person("El Hasan", "Umar")),
        (person("Oleksandr", "Shevchenko", go="Олександр", fo="Шевченко", nat=("UA",)),
         person("Alexander", "Schewtschenko", nat=("UA",))),
        (person("Aleksandr", "Bondarenko", nat=("UA",)), person("Олександр", "Бондаренко", nat=("UA",))),
    ],
)
def test_transliteration_variants_are_duplicates(a, b):
    assert score(a, b) >= 0.9


def test_swapped_given_and_family_name_match_and_say_so():
    match = duplicate_score(person("Mohammed", "Ali"), person("Ali", "Mohammed"))
    assert match is not None and match.score >= 0.95
    assert "Vor- und Familienname vertauscht" in match.reasons


def test_original_script_agreement_counts_when_latin_spellings_differ():
    a = person("Mhd", "Hasan", go="محمد", fo="الحسن")
    b = person("Mohammed", "Hassan", go="محمد", fo="حسن")
    match = duplicate_score(a, b)
    assert match is not None and match.score >= 0.95
    assert match.reasons[0].startswith("gleicher Name in Originalschrift")


def test_reasons_are_short_german_phrases():
    match = duplicate_score(person("Muhammad", "Ali"), person("Mohammed", "Ali"))
    assert match == DuplicateMatch(
        score=1.0,
        reasons=("Name ähnlich (Muhammad Ali ≈ Mohammed Ali)", "gleiches Geburtsdatum",
                 "gleiche Staatsangehörigkeit"),
    )


def test_different_people_are_not_matched():
    assert duplicate_score(person("Mohammed", "Ali"), person("Ahmad", "Khan")) is None
    assert score(person("Oleksandr", "Melnyk", nat=("UA",)), person("Olena", "Kravets", nat=("UA",))) < 0.5


def test_same_name_different_birth_year_and_nationality_is_below_threshold():
    a = person("Mohammed", "Hassan", born=dt.date(1990, 3, 5), nat=("SY",))
    b = person("Mohammed", "Hassan", born=dt.date(1984, 7, 1), nat=("IQ",))
    assert score(a, b) < 0.75


def test_same_name_different_birth_year_same_nationality_is_below_threshold():
    a = person("Mohammed", "Hassan", born=dt.date(1990, 3, 5))
    b = person("Mohammed", "Hassan", born=dt.date(1984, 7, 1))
    assert score(a, b) < 0.75


def test_twins_with_different_given_names_are_not_duplicates():
    a = person("Fatima", "Ahmadi", nat=("AF",))
    b = person("Zahra", "Ahmadi", nat=("AF",))
    assert score(a, b) < 0.75


def test_placeholder_birth_date_counts_only_as_year():
    exact = person("Ahmad", "Rahimi", born=dt.date(1995, 6, 14), nat=("AF",))
    placeholder = person("Ahmad", "Rahimi", born=dt.date(1995, 1, 1), precision="placeholder", nat=("AF",))
    other_day = person("Ahmad", "Rahimi", born=dt.date(1995, 1, 1), nat=("AF",))
    same_day = person("Ahmad", "Rahimi", born=dt.date(1995, 6, 14), nat=("AF",))
    placeholder_match = duplicate_score(exact, placeholder)
    assert placeholder_match is not None
    assert "gleiches Geburtsjahr" in placeholder_match.reasons
    assert "gleiches Geburtsdatum" not in placeholder_match.reasons
    assert score(exact, other_day) < score(exact, placeholder) < score(exact, same_day)


def test_day_and_month_swapped_is_noticed():
    match = duplicate_score(person("Ali", "Hamdan", born=dt.date(1988, 3, 7)),
                            person("Ali", "Hamdan", born=dt.date(1988, 7, 3)))
    assert match is not None and "Geburtsdatum mit vertauschtem Tag und Monat" in match.reasons


def test_unknown_birth_date_and_nationality_are_neutral():
    a = person("Yohannes", "Tesfay", born=None, nat=())
    b = person("Johannes", "Tesfaye", born=None, nat=())
    assert 0.75 <= score(a, b) < 0.85


def test_middle_name_missing_on_one_file_still_matches():
    assert score(person("Mohammed Ali", "Hassan"), person("Mohammed", "Hassan")) >= 0.9


def test_find_duplicates_orders_best_first_and_limits():
    candidate = person("Muhammad", "Al-Ahmad")
    others = [
        (1, person("Ahmad", "Khan")),
        (2, person("Mohammed", "Ahmad", born=dt.date(1990, 1, 1), precision="placeholder")),
        (3, person("Mohamed", "el Ahmed")),
        (4, person("Mohammed", "Ahmad", born=dt.date(1970, 5, 5), nat=("IQ",))),
        (5, person("محمد", "الأحمد")),
    ]
    found = find_duplicates(candidate, others)
    assert [ident for ident, _ in found] == [3, 5, 2]
    assert found[0][1].score >= found[1][1].score >= found[2][1].score
    assert [ident for ident, _ in find_duplicates(candidate, others, limit=1)] == [3]
    assert find_duplicates(candidate, others, threshold=1.01) == []


# --- properties ------------------------------------------------------------------------------

NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyzäöüşğı" "محمدأحسنعليبرهيوف" "олександрчшщюяєї" "ዮሃንስተፋይ"
names = st.text(alphabet=NAME_ALPHABET + " -'", min_size=0, max_size=18)
letter_names = st.text(alphabet=NAME_ALPHABET, min_size=1, max_size=12)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2010, 12, 31)))
precisions = st.sampled_from(["exact", "month", "year", "placeholder"])
nationalities = st.lists(st.sampled_from(["SY", "AF", "UA", "IQ", "ER", "TR", "IR", "SO"]),
                         max_size=2, unique=True).map(tuple)
keys = st.builds(PersonKey, names, names, names, names, dates, precisions, nationalities)


@settings(max_examples=300, deadline=None)
@given(keys, keys)
def test_score_is_symmetric_and_bounded(a, b):
    ab, ba = duplicate_score(a, b), duplicate_score(b, a)
    assert (ab is None) == (ba is None)
    if ab is not None and ba is not None:
        assert ab.score == ba.score
        assert 0.0 <= ab.score <= 1.0


@settings(max_examples=200, deadline=None)
@given(letter_names, letter_names, names, names, dates, precisions, nationalities)
def test_identical_person_is_always_a_duplicate(given_name, family, go, fo, born, precision, nat):
    key = PersonKey(given_name, family, go, fo, born, precision, nat)
    match = duplicate_score(key, key)
    assert match is not None and match.score >= 0.75
    assert find_duplicates(key, [("same", key)])[0][0] == "same"


@settings(max_examples=200, deadline=None)
@given(names)
def test_name_key_is_canonical_and_case_free(text):
    key = name_key(text)
    assert key == " ".join(sorted(set(key.split())))
    assert key == name_key(text.upper())
    assert set(search_tokens(text)) == set(key.split())


@settings(max_examples=100, deadline=None)
@given(keys, st.lists(keys, max_size=12))
def test_find_duplicates_skips_only_files_that_could_not_match(candidate, others):
    numbered = list(enumerate(others))
    expected = sorted(
        ((i, m) for i, other in numbered if (m := duplicate_score(candidate, other)) and m.score >= 0.6),
        key=lambda item: (-item[1].score, item[0]),
    )
    assert find_duplicates(candidate, numbered, threshold=0.6, limit=20) == expected
