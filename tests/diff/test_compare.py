"""``python -m macros diff``: what a pull request changes in the facts, in an editor's words.

The fixture pair tests/fixtures/diff/base → head is one briefing before and after a pull
request that adds, removes, renames and edits records; its reports are golden files. The same
pair committed to a real git repository must give the same report. Goldens are the exact
output, reviewed in the diff; ``UPDATE_GOLDEN=1 pytest`` rewrites them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, Briefing
from goldens import match_golden
from macros.cli import main
from macros.diff import compare as diff
from macros.diff import words as diff_text

BASE = FIXTURES / "diff" / "base"
HEAD = FIXTURES / "diff" / "head"
GOLDEN = ROOT / "tests" / "golden" / "diff"


def run_diff(
    *args: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    """The command in-process from the project folder: its exit code and all it printed."""
    monkeypatch.chdir(ROOT)
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def changes_between(old: Path, new: Path) -> str:
    """The plain report from folder ``old`` to folder ``new``."""
    after = diff.snapshot(new)
    return diff_text.plain(diff.compare(diff.snapshot(old), after), after.unreadable)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z"}
    env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"]
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    done = subprocess.run(
        ["git", "-C", str(repo), *identity, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


# --- The fixture pull request ----------------------------------------------------------------


def test_both_sides_of_the_fixture_are_valid_briefings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check", str(BASE.relative_to(ROOT))]) == 0
    assert main(["check", str(HEAD.relative_to(ROOT))]) == 0
    assert "no problems" in capsys.readouterr().out


def test_fixture_revisions_plain_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = run_diff(
        "tests/fixtures/diff/base",
        "tests/fixtures/diff/head",
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 0
    match_golden(GOLDEN / "fixture-revisions.txt", output)


def test_fixture_revisions_markdown(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = run_diff(
        "tests/fixtures/diff/base",
        "tests/fixtures/diff/head",
        "--format",
        "markdown",
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 0
    match_golden(GOLDEN / "fixture-revisions.md", output)


@pytest.mark.parametrize(
    "line",
    [
        "added actor nato — 'North Atlantic Treaty Organization'",
        "removed source arms-control-op-ed — 'Arms control after the INF Treaty'",
        "renamed event inf-ratification → senate-ratifies-inf",
        "renamed reaction withdrawal-statement-2019 → us-explains-withdrawal-2019",
        "agreement inf-treaty: ended.how withdrawn → terminated",
        "agreement inf-treaty: articles[1].sources added withdrawal-statement",
        "agreement inf-treaty: articles[3] added XVI",
        "figure missiles-eliminated: value 2692 → 2619",
        "event inf-withdrawal-2019: sources added nato-statement",
        "event inf-signing: actors reordered",
    ],
)
def test_each_kind_of_change_is_reported_in_words(line: str) -> None:
    assert line in changes_between(BASE, HEAD).splitlines()


def test_a_renamed_record_is_not_also_added_and_removed() -> None:
    report = changes_between(BASE, HEAD)
    for name in ("inf-ratification", "senate-ratifies-inf", "withdrawal-statement-2019"):
        assert f"added event {name}" not in report
        assert f"removed event {name}" not in report
        assert f"removed reaction {name}" not in report


def test_rewriting_a_value_in_another_yaml_style_is_no_change() -> None:
    # head quotes the title of inf-withdrawal-2019, which base writes plain
    assert 'title: "The United States' in (HEAD / "events" / "inf-withdrawal-2019.yml").read_text()
    assert "event inf-withdrawal-2019: title" not in changes_between(BASE, HEAD)


def test_the_same_folder_twice_has_no_changes() -> None:
    assert changes_between(BASE, BASE) == "no changes to the facts\n"


def test_the_report_backwards_undoes_the_report_forwards() -> None:
    backwards = changes_between(HEAD, BASE)
    assert "renamed event senate-ratifies-inf → inf-ratification" in backwards
    assert "added perspective arms-control-view — 'The treaty's end weakens arms control'" in (
        backwards
    )
    assert "figure missiles-eliminated: value 2619 → 2692" in backwards


# --- Git revisions -------------------------------------------------------------------------


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository whose first commit holds the base fixture as data/, the second head."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    shutil.copytree(BASE, repo / "data")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "The base briefing")
    shutil.rmtree(repo / "data")
    shutil.copytree(HEAD, repo / "data")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "An editor's pull request")
    return repo


def diff_in(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as an editor runs it, in its own process, inside ``repo``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "macros", "diff", *args]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)


def test_two_commits_give_the_same_report_as_two_folders(repository: Path) -> None:
    done = diff_in(repository, "HEAD~1", "HEAD")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (GOLDEN / "fixture-revisions.txt").read_text(encoding="utf-8")


def test_without_head_the_working_tree_is_compared(repository: Path) -> None:
    event = repository / "data" / "events" / "inf-signing.yml"
    event.write_text(event.read_text().replace("1987-12-08", "1987-12-09"), encoding="utf-8")
    done = diff_in(repository, "HEAD")
    assert done.stdout == (
        "event inf-signing: date 1987-12-08 → 1987-12-09\n1 record differs: 1 changed\n"
    )
    assert diff_in(repository, "HEAD", "HEAD").stdout == "no changes to the facts\n"


def test_markdown_names_the_commits(repository: Path) -> None:
    short = git(repository, "rev-parse", "--short=7", "HEAD~1").strip()
    done = diff_in(repository, "HEAD~1", "HEAD", "--format", "markdown")
    lines = done.stdout.splitlines()
    assert lines[0] == "### Changes to the facts"
    assert lines[2].startswith(f"From `HEAD~1 ({short})` to `HEAD (")
    assert lines[2].endswith("13 records differ: 3 added, 2 removed, 2 renamed, 6 changed.")


def test_a_revision_without_the_data_folder_has_everything_added(repository: Path) -> None:
    git(repository, "commit", "--quiet", "--allow-empty", "--message", "nothing")
    first = git(repository, "rev-list", "--max-parents=0", "HEAD").strip()
    done = diff_in(repository, first, "HEAD", "--data", "elsewhere")
    assert done.stdout == "no changes to the facts\n"
    assert "added source nato-statement" in diff_in(repository, first, "HEAD").stdout


def test_an_unknown_revision_is_a_usage_error(repository: Path) -> None:
    done = diff_in(repository, "no-such-branch")
    assert (done.returncode, done.stderr) == (2, "")
    assert done.stdout == (
        "'no-such-branch' is neither a folder nor a commit of this repository — name a "
        "branch, tag or commit (like main or HEAD~1), or a data folder\n"
    )


def test_outside_a_repository_a_revision_is_a_usage_error(tmp_path: Path) -> None:
    done = diff_in(tmp_path, "HEAD", str(HEAD))
    assert done.returncode == 2
    assert done.stdout.startswith("'HEAD' is neither a folder nor a commit")


def test_a_missing_data_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_diff(str(BASE), "--data", "no/such", capsys=capsys, monkeypatch=monkeypatch) == (
        2,
        "no/such: is not a folder — give the briefing's data folder, like data/\n",
    )


# --- Edits made in a copy of the valid briefing ----------------------------------------------


def edited(briefing: Briefing) -> str:
    """The report from tests/fixtures/valid to the ``briefing`` copy a test has edited."""
    return changes_between(FIXTURES / "valid", briefing.root)


def test_an_unrelated_record_in_place_of_another_is_not_a_rename(briefing: Briefing) -> None:
    (briefing.root / "events" / "inf-signing.yml").unlink()
    briefing.write(
        "events/summit-1985.yml",
        "date: 1987\ntitle: Geneva summit\nkind: summit\n"
        "summary: The leaders meet.\nsources: [treaty-text]\n",
    )
    assert edited(briefing) == (
        "added event summit-1985 — 'Geneva summit'\n"
        "removed event inf-signing — 'The INF Treaty is signed'\n"
        "2 records differ: 1 added, 1 removed\n"
    )


def test_a_record_renamed_and_edited_is_one_rename(briefing: Briefing) -> None:
    (briefing.root / "events" / "inf-signing.yml").rename(briefing.root / "events" / "signing.yml")
    briefing.edit("events/signing.yml", "place: Washington", "place: The White House")
    assert edited(briefing) == (
        "renamed event inf-signing → signing\n"
        "event signing: place Washington → 'The White House'\n"
        "1 record differs: 1 renamed\n"
    )


def test_a_part_inserted_at_the_top_of_a_list_is_one_addition(briefing: Briefing) -> None:
    briefing.edit(
        "agreements/inf-treaty.yml",
        "articles:\n",
        "articles:\n  - number: Preamble\n"
        "    topic: purpose\n    summary: Why.\n    sources: [treaty-text]\n",
    )
    assert edited(briefing) == (
        "agreement inf-treaty: articles[0] added Preamble\n1 record differs: 1 changed\n"
    )


def test_a_long_text_is_shown_around_what_changed(briefing: Briefing) -> None:
    briefing.edit("agreements/inf-treaty.yml", "ground-launched missiles", "ground-based missiles")
    assert edited(briefing).splitlines()[0] == (
        "agreement inf-treaty: summary '…to eliminate their ground-launched missiles of 500 to "
        "5,500…' → '…to eliminate their ground-based missiles of 500 to 5,500…'"
    )


def test_a_file_with_problems_is_not_compared_and_not_removed(briefing: Briefing) -> None:
    briefing.edit("events/inf-signing.yml", "date: 1987-12-08", "date: 8 December 1987")
    assert edited(briefing) == (
        "not compared: events/inf-signing.yml has problems — run python -m macros check\n"
        "1 file not compared\n"
    )


def test_a_record_moved_to_another_collection_is_a_rename() -> None:
    values = {"title": "Statement", "date": "2019-08-02", "summary": "Said."}
    before = diff.Snapshot({("events", "statement-2019"): values}, [])
    after = diff.Snapshot({("reactions", "statement-2019"): {**values, "how": "statement"}}, [])
    assert diff_text.plain(diff.compare(before, after), []) == (
        "renamed event statement-2019 → reaction statement-2019\n"
        "reaction statement-2019: how added statement\n"
        "1 record differs: 1 renamed\n"
    )


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_shows_every_value_from_the_data_in_a_code_span(briefing: Briefing) -> None:
    briefing.edit(
        "events/inf-signing.yml",
        "title: The INF Treaty is signed",
        "title: 'Signed `at last` <img src=x onerror=alert(1)> **now**'",
    )
    after = diff.snapshot(briefing.root)
    found = diff.compare(diff.snapshot(FIXTURES / "valid"), after)
    output = diff_text.markdown(found, after.unreadable, "base", "head")
    assert output.splitlines()[4:] == [
        "- changed event `inf-signing`",
        "  - `title` `The INF Treaty is signed` → "
        "``Signed `at last` <img src=x onerror=alert(1)> **now**``",
    ]


def test_markdown_says_when_nothing_changed() -> None:
    empty = diff.Snapshot({}, [])
    assert diff_text.markdown([], [], "main", "data") == (
        "### Changes to the facts\n\nFrom `main` to `data`: no changes to the facts.\n"
    )
    assert diff.compare(empty, empty) == []


# --- The editor's documentation shows real output --------------------------------------------


def fenced_after(marker: str) -> str:
    """The first fenced block after ``marker`` in CONTRIBUTING.md."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return text[text.index(marker) :].split("```\n", 2)[1]


def test_contributing_shows_what_check_and_diff_really_say(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    reaction = tmp_path / "data" / "reactions" / "rok-summons-russian-ambassador.yml"
    original = reaction.read_text(encoding="utf-8")
    assert original.count("date: 2024-06-21\n") == 1
    monkeypatch.chdir(tmp_path)
    reaction.write_text(original.replace("date: 2024-06-21", "date: 22 June"), encoding="utf-8")
    assert main(["check"]) == 1
    assert capsys.readouterr().out == fenced_after("**1. Edit and check.**")
    reaction.write_text(original.replace("date: 2024-06-21", "date: 2024-06-22"), encoding="utf-8")
    assert main(["diff", str(ROOT / "data")]) == 0
    assert capsys.readouterr().out == fenced_after("**2. Read your change in words.**")


def test_the_pull_request_template_names_the_summary_the_checks_write() -> None:
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    heading = diff_text.HEADING.removeprefix("### ")
    assert f"**{heading}**" in template
    assert f"**{heading}**" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_file_the_check_refuses_is_named_as_not_compared(briefing: Briefing) -> None:
    """A symbolic link, a stray file and an odd name were skipped without a word; the
    summary of a pull request must show every file the check sees."""
    (briefing.root / "events" / "linked.yml").symlink_to(
        briefing.root / "events" / "inf-signing.yml"
    )
    briefing.write("notes.txt", "a stray file")
    briefing.write("events/odd\n.yml", "title: x\n")
    assert edited(briefing) == (
        "not compared: events/linked.yml has problems — run python -m macros check\n"
        "not compared: events/odd<U+000A>.yml has problems — run python -m macros check\n"
        "not compared: notes.txt has problems — run python -m macros check\n"
        "3 files not compared\n"
    )


def test_a_symbolic_link_committed_to_git_is_named_too(repository: Path) -> None:
    (repository / "data" / "events" / "linked.yml").symlink_to("/etc/passwd")
    git(repository, "add", "--all")
    git(repository, "commit", "--quiet", "--message", "a link")
    done = diff_in(repository, "HEAD~1", "HEAD")
    assert done.stdout == (
        "not compared: data/events/linked.yml has problems — run python -m macros check\n"
        "1 file not compared\n"
    )
    assert "passwd" not in done.stdout + done.stderr


def test_a_change_in_one_sentence_for_the_feed() -> None:
    """words.sentence: the lines of `macros diff` for one record, without its name where
    the feed's entry already gives it."""
    added = diff.Change("added", ("events", "summit"), title="The leaders meet")
    assert diff_text.sentence(added) == "added event summit — 'The leaders meet'"
    edits = (
        diff.Edit("date", "2019-06-21", "2019-06-22"),
        diff.Edit("sources", added=("statement",)),
    )
    changed = diff.Change("changed", ("events", "summit"), edits=edits)
    assert diff_text.sentence(changed) == "date 2019-06-21 → 2019-06-22; sources added statement"
