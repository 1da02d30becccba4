"""German gender forms, scripts and text splitting, as the lexical matcher sees them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegweiser.matching.normalise import (
    embedding_text,
    fold_german_gender,
    lexical_key,
    role_phrases,
    script_of,
    split_pieces,
    strip_durations,
    strip_places,
    strip_qualification_words,
    strip_query_noise,
)


@pytest.mark.parametrize(
    "title",
    [
        "Elektriker",
        "Elektrikerin",
        "Elektriker/in",
        "Elektriker/-in",
        "Elektriker(in)",
        "Elektriker*in",
        "Elektriker:in",
        "ElektrikerIn",
        "Elektriker/Elektrikerin",
    ],
)
def test_every_gender_notation_of_a_title_has_the_same_key(title):
    assert lexical_key(title) == "elektriker"


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [
        ("Köchin", "Koch"),
        ("Ärztin", "Arzt"),
        ("Friseurin", "Friseur"),
        ("Floristin", "Florist"),
        ("Biologin", "Biologe"),
        ("Kauffrau im Einzelhandel", "Kaufmann im Einzelhandel"),
        ("Sekretärin", "Sekretär"),
        ("Anwältin", "Anwalt"),
    ],
)
def test_feminine_job_titles_fold_to_the_masculine_key(feminine, masculine):
    assert lexical_key(feminine) == lexical_key(masculine)


def test_helper_forms_fold_together():
    assert lexical_key("Küchenhilfe") == lexical_key("Küchenhelfer") == "kuchenhelfer"
    assert lexical_key("Helfer/in - Küche") == "helfer kuche"


def test_umlauts_and_their_digraph_spelling_match():
    assert lexical_key("Bäcker") == lexical_key("Baecker") == "backer"
    assert lexical_key("Straßenbauer") == lexical_key("Strassenbauer")


def test_function_words_are_dropped():
    assert lexical_key("Fachkraft für Lagerlogistik") == "fachkraft lagerlogistik"


def test_words_that_merely_end_in_in_are_kept():
    assert lexical_key("Medizin") == "medizin"
    assert lexical_key("Termin") == "termin"


def test_cyrillic_is_transliterated_so_loanwords_meet_german():
    assert lexical_key("електрик") == lexical_key("электрик") == "elektrik"
    assert lexical_key("механік").startswith("mechanik")
    assert lexical_key("бухгалтер") == "buchgalter"


def test_turkish_letters_fold():
    assert lexical_key("Aşçı") == "asci"
    assert lexical_key("KAYNAKÇI") == "kaynakci"


def test_arabic_and_persian_spellings_unify():
    # article, hamza forms, diacritics and Persian yeh/kaf variants
    assert lexical_key("النجّار") == lexical_key("نجار")
    assert lexical_key("أستاذ") == lexical_key("استاذ")
    assert lexical_key("کارگر ساختمانی") == lexical_key("كارگر ساختماني")
    assert lexical_key("برق\u200cکار") == "برق کار"


def test_tigrinya_is_kept_in_its_script():
    assert lexical_key("ሰፋዪ") == "ሰፋዪ"


def test_embedding_text_drops_gender_notation_but_keeps_words():
    assert embedding_text("Koch/Köchin") == "Koch"
    assert embedding_text("Elektroniker/in - Energie- und Gebäudetechnik") == (
        "Elektroniker Energie- und Gebäudetechnik"
    )
    assert embedding_text("كنت نجارا في حلب") == "كنت نجارا في حلب"


def test_fold_german_gender_keeps_umlaut_information_out():
    assert fold_german_gender("Elektriker/Elektrikerin") == "elektriker"
    assert fold_german_gender("Köchin") == "koch"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Koch", "latin"),
        ("кухар", "cyrillic"),
        ("طباخ", "arabic"),
        ("آشپز", "arabic"),
        ("ኣብሳሊ", "ethiopic"),
        ("123", "other"),
    ],
)
def test_script_detection(text, script):
    assert script_of(text) == script


def test_split_pieces_gives_whole_text_sentences_and_clauses():
    text = "Ich war Koch in einem Restaurant. Danach habe ich als Fahrer gearbeitet, und ich kann schweißen."
    pieces = split_pieces(text)
    assert pieces[0] == text
    assert "Ich war Koch in einem Restaurant" in pieces
    assert "habe ich als Fahrer gearbeitet" in pieces


def test_split_pieces_understands_arabic_punctuation():
    pieces = split_pieces("كنت نجارا في حلب، ثم عملت في البناء")
    assert "كنت نجارا في حلب" in pieces
    assert "عملت في البناء" in pieces


def test_split_pieces_of_blank_text_is_empty():
    assert split_pieces("   \n ") == []


@given(st.text(max_size=200))
def test_normalisation_never_fails_and_is_idempotent_on_keys(text):
    key = lexical_key(text)
    assert lexical_key(key) == key
    assert len(split_pieces(text)) <= 12


def test_sentence_count():
    from wegweiser.matching.normalise import sentence_count

    assert sentence_count("Koch, Kellner und Barkeeper") == 1
    assert sentence_count("I drove trucks. Later I cooked.") == 2
    assert sentence_count("drive trucks; prepare meals; cut wood") == 3
    assert sentence_count("  ") == 0


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Staatlich geprüfter Techniker/Staatlich geprüfte Technikerin Fachrichtung Holztechnik",
            "Techniker/ Technikerin Holztechnik",
        ),
        ("Geprüfte Fachkauffrau für Einkauf und Logistik", "Fachkauffrau für Einkauf und Logistik"),
        ("staatlich anerkannter Erzieher", "Erzieher"),
        ("Synthesetechniker/in (IHK) in der Chemie", "Synthesetechniker/in in der Chemie"),
        ("Betriebswirtin (Hochschule) für Marketing", "Betriebswirtin für Marketing"),
        ("Pferdewirt Schwerpunkt Rennreiten", "Pferdewirt Rennreiten"),
        (
            "Geprüfter Restaurator im Buchbinderhandwerk - Master Professional für Restaurierung im Handwerk",
            "Restaurator im Buchbinderhandwerk",
        ),
    ],
)
def test_qualification_wording_is_dropped_from_queries(title, expected):
    assert strip_qualification_words(title) == expected


@pytest.mark.parametrize(
    "text", ["Koch", "Elektrikerin in Aleppo", "Kraftwerksmeister", "كنت نجارا في حلب", "Geprüfter", "Schwerpunkt"]
)
def test_text_without_qualification_wording_or_with_nothing_else_is_kept(text):
    assert strip_qualification_words(text) == text


def test_query_key_and_encoder_text_ignore_qualification_wording():
    from wegweiser.matching.engine import query_embedding_text, query_key

    assert query_key("Staatlich geprüfte Technikerin Fachrichtung Holztechnik") == query_key("Technikerin Holztechnik")
    assert query_embedding_text("Geprüfter Koch (IHK)") == "Koch"
    assert query_embedding_text("Geprüfter") == "Geprüfter"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("كنت نجارا في حلب عشر سنوات", "كنت نجارا في حلب"),
        ("كنت أعمل نجارا لمدة خمس سنوات", "كنت أعمل نجارا"),
        ("For six years I worked as a cook.", "I worked as a cook."),
        ("Ich habe 10 Jahre lang als Maurer gearbeitet", "Ich habe als Maurer gearbeitet"),
        ("Ich war seit drei Jahren Fahrer", "Ich war Fahrer"),
        ("ده سال در هرات خیاطی کردم", "در هرات خیاطی کردم"),
        ("Працював електриком десять років", "Працював електриком"),
        ("Работал поваром пять лет", "Работал поваром"),
        ("On yıl boyunca aşçı olarak çalıştım", "aşçı olarak çalıştım"),
        ("عملت سنتين في مطعم", "عملت في مطعم"),
    ],
)
def test_durations_are_dropped_from_queries(text, expected):
    assert strip_durations(text) == expected


@pytest.mark.parametrize(
    "text", ["early years teacher", "Ein Jahr", "Jahresabschluss prüfen", "Fachkraft für Lagerlogistik", "سنوات"]
)
def test_year_words_without_a_number_or_with_nothing_else_are_kept(text):
    assert strip_durations(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("كنت نجارا في حلب", "كنت نجارا"),
        ("كنت نجارا بحلب", "كنت نجارا"),
        ("Ich war Koch in Damaskus.", "Ich war Koch."),
        ("Ich habe in der Türkei als Schneider gearbeitet", "Ich habe als Schneider gearbeitet"),
        ("در هرات خیاطی کردم", "خیاطی کردم"),
        ("Працював електриком у Харкові", "Працював електриком"),
        ("İstanbul'da aşçı olarak çalıştım", "aşçı olarak çalıştım"),
    ],
)
def test_places_after_a_preposition_are_dropped_from_queries(text, expected):
    assert strip_places(text) == expected


@pytest.mark.parametrize("text", ["حلب الأبقار", "Hama", "Kabul", "Iran"])
def test_place_names_without_a_preposition_or_with_nothing_else_are_kept(text):
    assert strip_places(text) == text  # "حلب الأبقار" is "milking cows"


def test_query_noise_removes_wording_durations_and_places_together():
    assert strip_query_noise("Staatlich geprüfter Koch, fünf Jahre in Aleppo") == "Koch"
    from wegweiser.matching.engine import query_key

    assert query_key("كنت نجارا في حلب عشر سنوات") == query_key("كنت نجار")


@pytest.mark.parametrize(
    ("word", "key"),
    [("نجاراً", "نجار"), ("نجارا", "نجار"), ("سائقا", "سايق"), ("نانوا", "نانوا"), ("سوريا", "سوريا"), ("هنا", "هنا")],
)
def test_the_arabic_accusative_ending_is_dropped_but_not_a_word_final_alif_after_a_long_vowel(word, key):
    assert lexical_key(word) == key


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("I worked as a cook in a restaurant.", ["cook"]),
        ("I was a carpenter in Aleppo", ["carpenter"]),
        ("Ich habe als Fachkraft für Lagerlogistik gearbeitet", ["Fachkraft für Lagerlogistik"]),
        ("Ich war Koch. Danach war ich als Fahrer tätig.", ["Koch", "Fahrer"]),
        ("Працював електриком на будівництві", ["електрик"]),
        ("Працювала медсестрою в лікарні", ["медсестра"]),
        ("Працював водієм", ["водій"]),
        ("كنت أعمل نجارا في حلب", ["نجارا"]),
        ("نجار بودم", ["نجار"]),
        ("به عنوان راننده کار کردم", ["راننده"]),
        ("aşçı olarak çalıştım", ["aşçı"]),
        # an accusative or feminine noun after كنت is a job; so is a noun after a verb of working
        ("كنت أستاذا في مدرسة ابتدائية", ["أستاذا"]),
        ("كنت ممرضة في مستشفى", ["ممرضة"]),
        ("اشتغلت طباخ في فندق", ["طباخ"]),
        # two-word titles (idafa, ezafe): the second word is part of the job unless it starts something else
        ("كنت أعمل سائق بوكلين", ["سائق بوكلين"]),
        ("كنت مهندس كهرباء", ["مهندس كهرباء"]),
        ("كنت عامل بناء عشر سنوات", ["عامل بناء"]),
        ("راننده تاکسی بودم", ["راننده تاکسی"]),
        ("من خیاط بودم", ["خیاط"]),
        ("در کارخانه خیاط بودم", ["خیاط"]),
        ("به عنوان راننده تاکسی کار کردم", ["راننده تاکسی"]),
        # Ukrainian/Russian: words before the job are skipped, instrumental endings of -тель/-ець nouns
        ("Работала много лет швеей", ["швея"]),
        ("Працював продавцем у магазині", ["продавець"]),
        ("Работал водителем автобуса", ["водитель автобуса"]),  # a genitive complement belongs to the job
        ("Я був водієм навантажувача на складі", ["водій навантажувача"]),
        ("Я была помощницей учителя в школе", ["помощница учителя"]),
        ("Я була продавчинею", ["продавчиня"]),
        ("працював кухарем і офіціантом", ["кухар"]),
        ("Працював вчителем", ["вчитель"]),
        ("Ich war dort Fahrer", ["Fahrer"]),
        ("Ich war Leiter der Lagerhalle", ["Leiter der Lagerhalle"]),
        ("Ich war Fahrer im Krankenhaus", ["Fahrer"]),
        ("I worked as a nurse's assistant", ["nurse's assistant"]),
    ],
)
def test_the_jobs_a_text_names_are_found_in_each_language(text, roles):
    assert role_phrases(text) == roles


@pytest.mark.parametrize(
    "text",
    [
        "Koch in einem Restaurant", "عملت في مطعم", "ich war in Syrien", "Elektriker", "Ich war lange krank",
        # كنت + a first-person imperfect verb is a habit ("I used to sell / repair / help"), not a job
        "كنت أبيع الخضار في السوق", "كنت أدرّس الرياضيات", "كنت أصلح السيارات", "كنت أساعد والدي في المحل",
        "كنت أعمل في مطعم", "كنت اعمل في ورشة",
        "Працював там п'ять років", "Працював багато років на заводі", "Работал там долго", "Работал при школе",
        "Я був у Києві", "Я була вдома з дітьми",
    ],
)
def test_texts_without_a_named_job_have_no_role(text):
    assert role_phrases(text) == []


def test_a_named_job_is_a_piece_of_its_own_right_after_the_whole_text():
    text = "Працював електриком на будівництві десять років"
    assert split_pieces(text)[:2] == [text, "електрик"]
    # durations and places are gone before the role is looked for
    assert split_pieces("On yıl boyunca aşçı olarak çalıştım")[1] == "aşçı"
