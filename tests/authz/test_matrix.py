"""Authorization matrix: every URL pattern, requested as every role, answers with exactly the expected code.

The table is tests/authz/matrix.py; the world the requests run against is tests/authz/world.py.  A URL pattern
without a matrix line fails `test_every_url_has_a_matrix_entry`.
"""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz import matrix as matrix_module
from tests.authz import world as world_module
from tests.authz.matrix import FOREIGN, MATRIX, REDIRECTS_NOT_TO_LOGIN, ROLES, SKIPPED
from wegweiser.accounts.models import User

LOGIN_URL = "/accounts/login/"


def url_names(resolver: URLResolver | None = None, namespace: tuple[str, ...] = ()) -> Iterator[str]:
    """Every named URL pattern, "namespace:name", however deep the includes."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from url_names(pattern, (*namespace, pattern.namespace) if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                raise AssertionError(f"unnamed URL pattern {pattern.pattern} ({pattern.lookup_str}): name it")
            yield ":".join((*namespace, pattern.name))


def test_every_url_has_a_matrix_entry() -> None:
    present = set(url_names())
    missing = sorted(present - MATRIX.keys() - SKIPPED.keys())
    stale = sorted((MATRIX.keys() | SKIPPED.keys()) - present)
    assert not missing and not stale, (
        f"URL names without a line in tests/authz/matrix.py: {missing}; "
        f"lines whose URL no longer exists: {stale}"
    )


def test_matrix_has_no_duplicate_lines() -> None:
    """A second line for the same URL name would silently replace the first one in the dict."""
    tree = ast.parse(Path(matrix_module.__file__).read_text(encoding="utf-8"))
    names = [key.value for node in ast.walk(tree) if isinstance(node, ast.Dict)
             for key in node.keys if isinstance(key, ast.Constant) and isinstance(key.value, str) and ":" in key.value]
    assert not {n for n in names if names.count(n) > 1}


def test_matrix_lines_are_well_formed() -> None:
    for name, (method, _kwargs, codes, *rest) in MATRIX.items():
        assert method in ("GET", "POST", "PATCH", "PUT", "DELETE"), name
        assert len(rest) <= 1, f"{name}: (method, kwargs, codes[, data])"
        assert codes is not None and len(codes) == len(ROLES), f"{name}: one code per role {ROLES}"


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Built once for this module in an outer transaction; each test's own transaction is a savepoint inside."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("authz-media")):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield world_module.build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()  # rate limits of the self-service pages
    yield
    cache.clear()


def _resolve(spec: dict[str, str], world: dict[str, Any]) -> dict[str, Any]:
    return {arg: key[1:] if key.startswith("=") else world[key] for arg, key in spec.items()}


CASES = [pytest.param(name, role, id=f"{name}-{role}") for name in sorted(MATRIX) for role in ROLES]


def _request(client: Any, world: dict[str, Any], name: str, role: str,
             override: dict[str, str] | None = None) -> tuple[str, str, Any]:
    """Send the MATRIX request of `name` as `role` (with kwargs/form fields replaced by `override`)."""
    method, spec, _codes, *rest = MATRIX[name]
    spec, data_spec = dict(spec), dict(rest[0]) if rest else {}
    for key, value in (override or {}).items():
        (spec if key in spec else data_spec)[key] = value
    url = reverse(name, kwargs=_resolve(spec, world))
    data = _resolve(data_spec, world)
    username = world_module.ROLE_USERS[role]
    if username:
        client.force_login(User.objects.get(username=username))
    elif role == "me":
        client.cookies[settings.SESSION_COOKIE_NAME] = world["me_session_key"]
    if method == "GET":
        return method, url, client.get(url, data)
    if method == "POST":
        return method, url, client.post(url, data)
    return method, url, client.generic(method, url, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize(("name", "role"), CASES)
def test_status_code(client: Any, db: None, world: dict[str, Any], name: str, role: str) -> None:
    method, url, response = _request(client, world, name, role)
    codes = MATRIX[name][2]
    location = response.headers.get("Location", "")
    if os.environ.get("AUTHZ_PROBE"):
        with open(os.environ["AUTHZ_PROBE"], "a", encoding="utf-8") as out:
            out.write(f"{name}\t{role}\t{response.status_code}\t{location}\n")
        return
    assert codes is not None, f"{name}: no expected codes yet (got {response.status_code} as {role})"
    expected = codes[ROLES.index(role)]
    assert response.status_code == expected, f"{method} {url} as {role}: {response.status_code} {location}"
    if expected == 302 and role in ("anon", "me") and name not in REDIRECTS_NOT_TO_LOGIN:
        assert location.startswith(LOGIN_URL), f"{url} as {role} redirects to {location}, not to the login"
    if role in NO_NEED_TO_KNOW and name not in SHOWS_NAME_BY_TOKEN and _is_text(response):
        assert world_module.PARTICIPANT_NAME not in response.content.decode(), (
            f"{url} shows the participant's name to {role}")


# Roles that must never see the world participant's name on any page that answers them.
NO_NEED_TO_KNOW = ("anon", "other_team", "funder", "other_org")
# Public pages that show a name to whoever holds the token or code (that is their purpose).
SHOWS_NAME_BY_TOKEN = {"programmes:verify", "selfservice:redeem"}


def _is_text(response: Any) -> bool:
    kind = response.headers.get("Content-Type", "")
    return not getattr(response, "streaming", False) and kind.startswith(("text/", "application/json"))


@pytest.mark.parametrize(("name", "role", "override", "expected"),
                         [pytest.param(*case, id=f"{case[0]}-{case[1]}-{'-'.join(case[2].values())}")
                          for case in FOREIGN])
def test_someone_elses_object(client: Any, db: None, world: dict[str, Any], name: str, role: str,
                              override: dict[str, str], expected: int) -> None:
    method, url, response = _request(client, world, name, role, override)
    assert response.status_code == expected, f"{method} {url} as {role}: {response.status_code}"


def test_foreign_checks_name_known_urls() -> None:
    for name, role, override, _expected in FOREIGN:
        assert name in MATRIX and role in ROLES, (name, role)
        _method, spec, _codes, *rest = MATRIX[name]
        assert set(override) <= set(spec) | set(rest[0] if rest else {}), f"{name}: {override} replaces nothing"
