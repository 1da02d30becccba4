"""The item bank matches the literal translation file, and every card's ESCO skill exists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from wegweiser.interests import items
from wegweiser.interests.neigungen import CARDS

SOURCE = Path(settings.WEGWEISER_SHARED_DATA) / "riasec" / "onet-items.translation-647a5275.json"


def test_sixty_items_ten_per_scale_interleaved():
    assert len(items.ITEMS) == 60
    assert sorted(items.ORDER) == sorted(items.ITEMS_BY_ID)
    assert items.ORDER[:7] == ("ip-r-01", "ip-i-01", "ip-a-01", "ip-s-01", "ip-e-01", "ip-c-01", "ip-r-02")
    for dim in "RIASEC":
        assert sum(1 for i in items.ITEMS if i.dimension == dim) == 10


@pytest.mark.skipif(not SOURCE.exists(), reason="shared reference data not present")
def test_items_are_the_literal_translation():
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    with translation.override("de"):
        for record in data["items"]:
            item = items.ITEMS_BY_ID[record["id"]]
            assert item.dimension == record["dimension"]
            assert item.text_en == record["text"]["en"]
            assert str(item.text) == record["text"]["de"], record["id"]


def test_every_item_has_a_pictogram():
    static = Path(settings.BASE_DIR) / "wegweiser" / "interests" / "static"
    for item in items.ITEMS:
        svg = static / item.pictogram
        assert svg.exists(), item.id
        assert svg.read_text().startswith("<svg")
    for card in CARDS:
        assert (static / card.pictogram).exists(), card.key


def test_card_skills_exist_in_the_taxonomy_pack():
    from wegweiser.taxonomy.pack import load_pack

    skills = load_pack(Path(settings.WEGWEISER_TAXONOMY_PACK)).snapshot.skills
    for card in CARDS:
        skill = skills.get(card.esco_skill_uri)
        assert skill is not None, card.key
        assert any(label.text == card.esco_label_en for label in skill.labels), card.key
