"""Finding editorial files in folders and zip archives, safely."""

import io
import zipfile

import pytest

from articles.sources import SourceError, SourceLimits, name_shown, opened_sources


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def read_all(paths, limits=None) -> dict[str, bytes | str]:
    """Each source's bytes, or the refusal message where it was refused."""
    results = {}
    with opened_sources(paths, limits=limits) as sources:
        for source in sources:
            try:
                results[source.name] = source.read()
            except SourceError as error:
                results[source.name] = str(error)
    return results


def test_folder_yields_every_txt_file_recursively_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_bytes(b"2")
    (tmp_path / "a.txt").write_bytes(b"1")
    (tmp_path / "notes.md").write_bytes(b"not an editorial")
    results = read_all([tmp_path])
    assert list(results) == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "two.txt")]
    assert list(results.values()) == [b"1", b"2"]


def test_missing_path_is_refused_by_name(tmp_path):
    missing = tmp_path / "nowhere.txt"
    assert read_all([missing]) == {str(missing): "no such file or folder"}


def test_file_over_the_size_limit_is_refused_without_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2_000)
    results = read_all([big], SourceLimits(max_file_bytes=1_000))
    assert results[str(big)] == "file is 2,000 bytes, larger than the limit of 1,000"


def test_zip_members_are_named_after_the_archive(tmp_path):
    archive = tmp_path / "batch.zip"
    archive.write_bytes(zip_bytes({"2026/one.txt": b"1", "readme.pdf": b"%PDF"}))
    assert read_all([archive]) == {f"{archive}:2026/one.txt": b"1"}


@pytest.mark.parametrize(
    "member",
    ["../escape.txt", "folder/../../escape.txt", "/etc/escape.txt", "..\\escape.txt"],
)
def test_zip_member_climbing_out_of_the_archive_is_refused(tmp_path, member):
    archive = tmp_path / "evil.zip"
    archive.write_bytes(zip_bytes({member: b"payload", "good.txt": b"fine"}))
    results = read_all([archive])
    assert results[f"{archive}:good.txt"] == b"fine"
    reason = results[f"{archive}:{member}"]
    assert "archive's folder" in reason


def test_zip_bomb_member_is_refused_before_inflating(tmp_path):
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(zip_bytes({"bomb.txt": b"\0" * 5_000_000}))
    results = read_all([archive], SourceLimits(max_file_bytes=100_000))
    assert results[f"{archive}:bomb.txt"] == (
        "member is 5,000,000 bytes, larger than the limit of 100,000"
    )


def test_zip_member_lying_about_its_size_is_refused(tmp_path):
    """A header that claims a small size gets no more than that size inflated, then refused."""
    archive = tmp_path / "liar.zip"
    payload = zip_bytes({"liar.txt": b"\0" * 5_000_000})
    real = (5_000_000).to_bytes(4, "little")
    archive.write_bytes(payload.replace(real, (10).to_bytes(4, "little")))
    reason = read_all([archive], SourceLimits(max_file_bytes=100_000))[f"{archive}:liar.txt"]
    assert reason.startswith("member cannot be inflated")


def test_zip_that_inflates_past_the_archive_limit_stops_inflating(tmp_path):
    archive = tmp_path / "many.zip"
    archive.write_bytes(zip_bytes({f"{n:03}.txt": b"a" * 600 for n in range(10)}))
    results = read_all([archive], SourceLimits(max_file_bytes=1_000, max_archive_bytes=2_000))
    values = [results[f"{archive}:{n:03}.txt"] for n in range(10)]
    assert values[:3] == [b"a" * 600] * 3
    assert all("archive inflates past the limit of 2,000 bytes" in v for v in values[3:])


def test_corrupt_zip_is_refused_with_its_name(tmp_path):
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04 this is not really a zip")
    [(name, reason)] = read_all([archive]).items()
    assert name == str(archive)
    assert reason.startswith("not a readable zip archive")


def test_members_of_one_name_are_each_a_source_with_their_own_origin(tmp_path):
    import warnings

    archive = tmp_path / "twice.zip"
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
        with zipfile.ZipFile(archive, "w") as bundle:
            bundle.writestr("b.txt", b"one")
            bundle.writestr("a.txt", b"two")
            bundle.writestr("b.txt", b"three")
    with opened_sources([tmp_path / "x.txt", archive]) as sources:
        found = [(s.name, s.origin) for s in sources]
        data = [s.read() for s in sources[1:]]
    assert found == [
        (str(tmp_path / "x.txt"), (0,)),
        (f"{archive}:a.txt", (1, 1)),
        (f"{archive}:b.txt", (1, 0)),
        (f"{archive}:b.txt (duplicate 2)", (1, 2)),
    ]
    assert data == [b"two", b"one", b"three"]


def test_a_zip_inside_a_zip_is_refused_not_ignored(tmp_path):
    archive = tmp_path / "outer.zip"
    archive.write_bytes(zip_bytes({"inner.zip": zip_bytes({"a.txt": b"1"}), "b.txt": b"2"}))
    assert read_all([archive]) == {
        f"{archive}:b.txt": b"2",
        f"{archive}:inner.zip": "nested archive inner.zip: unpack it and upload its files",
    }


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain name.txt", "plain name.txt"),
        ("Nicolás — ¥%.txt", "Nicolás — ¥%.txt"),
        ("invoice\u202etxt.exe", "invoice\\u202etxt.exe"),
        ("bell\a\ttab\n.txt", "bell\\x07\\x09tab\\x0a.txt"),
        ("zero\u200bwidth\u2066isolate", "zero\\u200bwidth\\u2066isolate"),
        ("tag\U000e0041.txt", "tag\\U000e0041.txt"),
        ("line\u2028sep", "line\\u2028sep"),
    ],
)
def test_names_are_shown_with_hidden_characters_escaped(name, shown):
    assert name_shown(name) == shown


def test_a_listing_of_folders_and_archives_is_a_sequence_made_on_demand(tmp_path):
    """len, indexes, negative indexes and slices agree with iteration, across parts."""
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.txt", "sub/c.txt", "skip.md"):
        (folder / name).write_text(name)
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("z.txt", b"z")
        bundle.writestr("y.txt", b"y")
    with opened_sources([folder, archive, tmp_path / "missing.txt"]) as sources:
        listed = [(source.name, source.origin) for source in sources]
        assert len(sources) == len(listed) == 6
        assert [(s.name, s.origin) for s in sources[1:4]] == listed[1:4]
        assert (sources[-1].name, sources[-2].origin) == (listed[-1][0], listed[-2][1])
        assert sources[4].read() == b"z"
        with pytest.raises(IndexError):
            sources[6]
    assert [name for name, _ in listed[:3]] == [
        str(folder / "a.txt"),
        str(folder / "b.txt"),
        str(folder / "sub" / "c.txt"),
    ]
    assert [origin for _, origin in listed] == [(0, 0), (0, 1), (0, 2), (1, 1), (1, 0), (2,)]
