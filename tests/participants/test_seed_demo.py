"""The demo caseload: synthetic, deterministic for a seed, idempotent, with one login per role."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from wegweiser.accounts.models import Organisation, Role, User
from wegweiser.participants import demo, duplicates
from wegweiser.participants.models import (
    ContactNote,
    EducationEntry,
    LanguageSkill,
    Participant,
    WorkHistoryEntry,
)

TODAY = dt.date(2026, 3, 2)
N = 30


def _fingerprint(org_name: str = demo.JOBCENTER) -> list[tuple]:
    return list(
        Participant.objects.filter(organisation__name=org_name)
        .order_by("customer_number")
        .values_list("customer_number", "given_name", "family_name", "given_name_original",
                     "family_name_original", "birth_date", "nationalities")
    )


@pytest.fixture
def seeded(db):
    return demo.seed_demo(participants=N, seed=1, today=TODAY)


def test_seed_creates_the_requested_caseload(seeded):
    jobcenter = Organisation.objects.get(name=demo.JOBCENTER)
    assert Participant.objects.filter(organisation=jobcenter).count() == N
    assert Participant.objects.filter(organisation__name=demo.OTHER_JOBCENTER).count() == 3
    assert (seeded.participants_created, seeded.other_created) == (N, 3)
    people = Participant.objects.filter(organisation=jobcenter)
    # Everyone speaks at least their native language and was seen at least once.
    assert set(LanguageSkill.objects.filter(participant__in=people, listening="native")
               .values_list("participant", flat=True)) == set(people.values_list("pk", flat=True))
    assert not people.filter(last_contact_on__isnull=True).exists()
    assert WorkHistoryEntry.objects.filter(participant__in=people).exists()
    assert EducationEntry.objects.filter(participant__in=people).exists()
    assert not people.filter(caseworker__isnull=True).exists()
    assert not people.filter(team__isnull=True).exists()


def test_every_demo_login_exists_with_its_role(seeded):
    expected = {
        "demo-admin": (Role.ADMIN, demo.JOBCENTER),
        "demo-caseworker": (Role.CASEWORKER, demo.JOBCENTER),
        "demo-trainer": (Role.TRAINER, "Berufsbildende Schule Mayen"),
        "demo-partner": (Role.PARTNER, "International Rescue Committee Deutschland"),
        "demo-funder": (Role.FUNDER, "Stiftung Zukunft Digital"),
        "demo-caseworker-beispielstadt": (Role.CASEWORKER, demo.OTHER_JOBCENTER),
    }
    for username, (role, org) in expected.items():
        user = User.objects.select_related("organisation").get(username=username)
        assert user.organisation is not None
        assert (user.role, user.organisation.name) == (role, org)
        assert user.check_password(settings.WEGWEISER_DEMO_PASSWORD)
    caseworkers = User.objects.filter(organisation__name=demo.JOBCENTER, role=Role.CASEWORKER)
    assert caseworkers.count() == 1 + demo.EXTRA_CASEWORKERS
    teams = dict(caseworkers.values_list("username", "team__name"))
    assert teams["demo-caseworker"] == demo.TEAM_NORTH
    assert set(teams.values()) == {demo.TEAM_NORTH, demo.TEAM_SOUTH}


def test_organisations_of_every_kind_exist(seeded):
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(Organisation.Kind.values)


def test_second_run_adds_nothing_and_keeps_changed_passwords(seeded):
    admin = User.objects.get(username="demo-admin")
    admin.set_password("changed-by-the-admin-1")
    admin.save()
    before = (_fingerprint(), Participant.objects.count(), ContactNote.objects.count(), User.objects.count(),
              Organisation.objects.count(), LanguageSkill.objects.count())

    again = demo.seed_demo(participants=N, seed=1, today=TODAY + dt.timedelta(days=3))

    assert (again.participants_created, again.other_created, again.participants_existing) == (0, 0, N)
    assert again.users_created == []
    assert again.rows_created == 0
    assert (_fingerprint(), Participant.objects.count(), ContactNote.objects.count(), User.objects.count(),
            Organisation.objects.count(), LanguageSkill.objects.count()) == before
    assert User.objects.get(username="demo-admin").check_password("changed-by-the-admin-1")


def test_larger_run_keeps_the_first_people_and_adds_the_rest(seeded):
    first = _fingerprint()
    demo.seed_demo(participants=N + 10, seed=1, today=TODAY)
    grown = _fingerprint()
    assert len(grown) == N + 10
    assert all(row in grown for row in first)


def test_same_seed_gives_same_people_and_other_seed_differs():
    one = [demo.person_spec(1, i, TODAY) for i in range(60)]
    again = [demo.person_spec(1, i, TODAY) for i in range(60)]
    other = [demo.person_spec(2, i, TODAY) for i in range(60)]
    assert [(p.customer_number, p.given, p.family, p.birth_date) for p in one] == [
        (p.customer_number, p.given, p.family, p.birth_date) for p in again
    ]
    assert [(p.given, p.family) for p in one] != [(p.given, p.family) for p in other]
    assert len({p.customer_number for p in one}) == 60


def test_people_do_not_depend_on_the_hash_seed():
    """Nothing may hang on dict/set iteration order: two interpreters with different hash seeds agree."""
    code = (
        "import django, hashlib, datetime as dt; django.setup();"
        "from wegweiser.participants.demo import person_spec;"
        "specs = [repr(person_spec(1, i, dt.date(2026, 3, 2))) for i in range(80)];"
        "print(hashlib.sha256('|'.join(specs).encode()).hexdigest())"
    )
    root = Path(__file__).resolve().parents[2]
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
        out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True,
                             check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_names_come_in_original_scripts(seeded):
    originals = " ".join(
        g + " " + f for g, f in Participant.objects.values_list("given_name_original", "family_name_original")
    )
    assert any("\u0600" <= c <= "\u06ff" for c in originals), "no Arabic-script name"
    assert any("\u0400" <= c <= "\u04ff" for c in originals), "no Cyrillic name"
    # Ge'ez is rarer (Eritrea ~5 %); look across a larger pure sample.
    sample = " ".join(demo.person_spec(1, i, TODAY).given_original for i in range(300))
    assert any("\u1200" <= c <= "\u137f" for c in sample), "no Ge'ez name"


def test_nationality_mix_resembles_a_jobcenter_caseload():
    specs = [demo.person_spec(1, i, TODAY) for i in range(2000)]
    share = {code: sum(s.culture == code for s in specs) / len(specs) for code in ("SY", "UA", "AF")}
    assert 0.30 <= share["SY"] <= 0.40
    assert 0.16 <= share["UA"] <= 0.24
    assert 0.12 <= share["AF"] <= 0.18
    assert all(s.residence_status == "ae_24" for s in specs if s.culture == "UA")
    expiring = [s for s in specs if s.residence_valid_until and s.residence_valid_until <= TODAY + dt.timedelta(60)]
    assert 0.03 <= len(expiring) / len(specs) <= 0.15
    assert any(s.birth_precision == "placeholder" for s in specs)


def test_work_history_is_written_in_the_persons_language():
    specs = [demo.person_spec(1, i, TODAY) for i in range(400)]
    titles = {s.culture: [w[0] for w in s.work] for s in specs}
    arabic_titles = [t for s in specs if s.culture == "SY" for t, *_ in s.work]
    assert any(any("\u0600" <= c <= "\u06ff" for c in t) for t in arabic_titles)
    ukrainian_titles = [t for s in specs if s.culture == "UA" for t, *_ in s.work]
    assert any(any("\u0400" <= c <= "\u04ff" for c in t) for t in ukrainian_titles)
    assert titles  # every culture produced someone


def test_search_fields_match_the_duplicate_module(seeded):
    for p in Participant.objects.all():
        names = [p.given_name, p.family_name, p.given_name_original, p.family_name_original]
        assert p.name_key == duplicates.name_key(*names)[:250]
        assert p.search_text.split() == [*duplicates.search_tokens(" ".join(names)), p.customer_number.lower()]
        newest = ContactNote.objects.filter(participant=p).order_by("-contact_on").first()
        assert newest is not None and p.last_contact_on == newest.contact_on


def test_planted_near_duplicate_is_found():
    original, copy = demo.person_spec(1, 41, TODAY), demo.person_spec(1, 42, TODAY)
    assert copy.customer_number != original.customer_number

    def key(s: demo.PersonSpec) -> duplicates.PersonKey:
        return duplicates.PersonKey(s.given, s.family, s.given_original, s.family_original, s.birth_date,
                                    s.birth_precision, (s.culture,))

    match = duplicates.duplicate_score(key(copy), key(original))
    assert match is not None and match.score >= 0.75


def test_command_prints_summary_and_logins(db):
    out = StringIO()
    call_command("seed_demo", "--participants", "5", "--seed", "3", stdout=out)
    text = out.getvalue()
    assert "5 Teilnehmende neu angelegt" in text
    for username in ("demo-admin", "demo-caseworker", "demo-trainer", "demo-partner", "demo-funder"):
        assert username in text
    assert settings.WEGWEISER_DEMO_PASSWORD in text


def test_seeded_records_pass_model_validation(seeded):
    for participant in Participant.objects.all():
        participant.full_clean()
        for related in ("languages", "certificates", "education", "work_history", "contacts"):
            for row in getattr(participant, related).all():
                row.full_clean()


def test_seeded_people_are_found_by_name_in_another_script(db):
    from wegweiser.participants.selectors import participants_search

    demo.seed_demo(participants=120, seed=1, today=TODAY)
    people = Participant.objects.filter(organisation__name=demo.JOBCENTER)
    arabic = people.exclude(given_name_original="").filter(nationalities__icontains='"SY"').first()
    assert arabic is not None
    found = participants_search(people, arabic.given_name_original.split()[0] + " " + arabic.family_name)
    assert arabic in found
    ukrainian = people.filter(nationalities__icontains='"UA"').first()
    assert ukrainian is not None
    assert ukrainian in participants_search(people, ukrainian.family_name_original)
