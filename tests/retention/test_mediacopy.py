"""The uploaded-files archive beside a backup: what goes in, what comes back, what is refused."""

from __future__ import annotations

import io
import stat
import tarfile

import pytest

from wegweiser.retention import mediacopy
from wegweiser.retention.dbcopy import BackupError


def _media(tmp_path):
    root = tmp_path / "media"
    (root / "partners" / "consents" / "2026" / "12").mkdir(parents=True)
    (root / "partners" / "consents" / "2026" / "12" / "a.pdf").write_bytes(b"%PDF-1.4 a")
    (root / "partners" / "consents" / "2026" / "12" / "b.pdf").write_bytes(b"%PDF-1.4 b")
    return root


def test_dump_holds_every_file_and_only_the_owner_may_read_it(tmp_path):
    root = _media(tmp_path)
    (root / "link.pdf").symlink_to(root / "partners" / "consents" / "2026" / "12" / "a.pdf")
    target = tmp_path / "backup.media.tar"
    assert mediacopy.dump(root, target) == 2
    with tarfile.open(target) as archive:
        assert sorted(archive.getnames()) == ["partners/consents/2026/12/a.pdf", "partners/consents/2026/12/b.pdf"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not target.with_name(target.name + ".partial").exists()


def test_dump_of_a_missing_media_folder_is_an_empty_archive(tmp_path):
    target = tmp_path / "backup.media.tar"
    assert mediacopy.dump(tmp_path / "nothing-here", target) == 0
    assert mediacopy.check(target, tmp_path / "media") == 0


def test_load_puts_back_missing_files_and_keeps_present_ones(tmp_path):
    root = _media(tmp_path)
    target = tmp_path / "backup.media.tar"
    mediacopy.dump(root, target)
    lost = root / "partners" / "consents" / "2026" / "12" / "a.pdf"
    kept = root / "partners" / "consents" / "2026" / "12" / "b.pdf"
    lost.unlink()
    kept.write_bytes(b"%PDF-1.4 newer")
    assert mediacopy.load(target, root) == 1
    assert lost.read_bytes() == b"%PDF-1.4 a"
    assert kept.read_bytes() == b"%PDF-1.4 newer"


def _archive_with(tmp_path, member: tarfile.TarInfo, data: bytes = b"x"):
    path = tmp_path / "evil.tar"
    with tarfile.open(path, "w") as archive:
        archive.addfile(member, io.BytesIO(data) if member.isfile() else None)
    return path


@pytest.mark.parametrize(
    ("name", "kind"),
    [("../outside.pdf", tarfile.REGTYPE), ("/etc/evil.pdf", tarfile.REGTYPE), ("link.pdf", tarfile.SYMTYPE)],
)
def test_an_archive_that_would_write_outside_or_link_is_refused_before_anything_is_written(tmp_path, name, kind):
    member = tarfile.TarInfo(name)
    member.type = kind
    member.size = 1 if kind == tarfile.REGTYPE else 0
    if kind == tarfile.SYMTYPE:
        member.linkname = "/etc/passwd"
    archive = _archive_with(tmp_path, member)
    root = tmp_path / "media"
    with pytest.raises(BackupError):
        mediacopy.check(archive, root)
    with pytest.raises(BackupError):
        mediacopy.load(archive, root)
    assert not (tmp_path / "outside.pdf").exists()
    assert not root.exists() or not any(root.iterdir())


def test_a_corrupt_archive_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.media.tar"
    bad.write_bytes(b"this is not a tar archive at all" * 40)
    with pytest.raises(BackupError, match=r"bad\.media\.tar"):
        mediacopy.check(bad, tmp_path / "media")
    with pytest.raises(BackupError, match="no file archive"):
        mediacopy.check(tmp_path / "missing.tar", tmp_path / "media")
