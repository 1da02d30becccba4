from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wegweiser.selfservice import tokens


def test_new_tokens_are_well_formed_and_distinct():
    made = {tokens.new_token() for _ in range(500)}
    assert len(made) == 500
    assert all(tokens.is_well_formed(t) for t in made)


def test_typed_variants_normalise_to_the_token():
    token = "abcdefghjkmn"
    assert tokens.normalise(" ABCD-efgh jkmn ") == token
    assert tokens.grouped(token) == "abcd-efgh-jkmn"


def test_digest_is_sha256_hex_and_not_the_token():
    token = tokens.new_token()
    d = tokens.digest(token)
    assert len(d) == 64 and token not in d


@given(st.text(max_size=30))
def test_ambiguous_or_foreign_characters_are_never_well_formed(text):
    if any(ch in "0o1li" for ch in text):
        assert not tokens.is_well_formed(text)
