"""The CI jobs of docs/ci.md, run as written, with each forge's variables simulated.

Each job's scripts run in bash against a real records repository with a pull request's
branch (a new finding and a broken record) and its target on an ``origin`` remote; the
Gitea comment goes to a local stand-in for Gitea's API.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from packaging.requirements import Requirement

from tests.helpers import SAMPLE, git

DOCS = Path(__file__).parents[2] / "docs" / "ci.md"
pytestmark = pytest.mark.skipif(
    shutil.which("ducha") is None or shutil.which("curl") is None,
    reason="needs an installed ducha and curl",
)


def _job(name: str) -> dict[str, Any]:
    found = re.search(
        rf"<!-- ci: {name} -->\n```yaml\n(.*?)```", DOCS.read_text("utf-8"), re.DOTALL
    )
    assert found, name
    loaded: dict[str, Any] = yaml.safe_load(found.group(1))
    return loaded


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone on a feature branch: one new finding, one record with a bad date."""
    origin = tmp_path / "origin.git"
    seed = tmp_path / "seed"
    shutil.copytree(SAMPLE, seed)
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "records")
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(origin))
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(work))
    git(work, "checkout", "-q", "-b", "feature")
    record = next((work / "visits").rglob("20200205-2vs.yaml"))
    record.write_text(
        record.read_text("utf-8").replace("severity: 严重", "severity: 较重", 1), "utf-8"
    )
    (work / "visits" / "2020" / "02" / "20200230-bad.yaml").write_text(
        "id: 20200230-bad\ndate: 2020-02-30\nteam: T1\nunits: [CD-SQ-01]\n", "utf-8"
    )
    git(work, "add", "-A")
    git(work, "commit", "-qm", "a change under review")
    return work


def _substitute(script: str, context: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        return context[match.group(1).strip()]

    return re.sub(r"\$\{\{(.*?)\}\}", value, script)


def _run(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _actions(job: dict[str, Any], cwd: Path, context: dict[str, str]) -> list[Any]:
    """Run a GitHub-style job's steps: a step after a failure only with ``always()``."""
    [steps] = [j["steps"] for j in job["jobs"].values()]
    results: list[Any] = []
    failed = False
    for step in steps:
        if "uses" in step:
            continue
        script = _substitute(step["run"], context)
        if script.startswith("pip install"):
            _check_install(script)
            continue
        if failed and "always()" not in str(step.get("if", "")):
            results.append(None)
            continue
        env = {k: _substitute(str(v), context) for k, v in step.get("env", {}).items()}
        done = _run(script, cwd, {**env, **{k: v for k, v in context.items() if k.isupper()}})
        failed = failed or done.returncode != 0
        results.append(done)
    return results


def _check_install(script: str) -> None:
    """The documented install names ducha at the tag of this version."""
    version = re.search(
        r'^version = "(.+)"', (DOCS.parents[1] / "pyproject.toml").read_text(), re.MULTILINE
    )
    assert version
    [quoted] = re.findall(r'"([^"]+)"', script)
    requirement = Requirement(quoted)
    assert requirement.name == "ducha" and requirement.url
    assert requirement.url.startswith("git+https://") and requirement.url.endswith(
        f"@v{version.group(1)}"
    )


def test_github_job_annotates_the_lines_and_writes_the_summary_even_when_it_fails(
    pull_request: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    context = {"github.base_ref": "main", "GITHUB_STEP_SUMMARY": str(summary)}
    validate, diff = _actions(_job("github"), pull_request, context)
    assert validate.returncode == 1
    assert "::error file=visits/2020/02/20200230-bad.yaml,line=2" in validate.stdout
    assert diff is not None and diff.returncode == 0, diff.stderr
    written = summary.read_text("utf-8")
    assert "20200205-2vs/1" in written and "较重" in written


class _Gitea(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, dict[str, str], dict[str, Any]]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append((self.path, dict(self.headers), body))
        self.send_response(201)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture
def gitea() -> Iterator[tuple[str, list[Any]]]:
    _Gitea.received = []
    server = HTTPServer(("127.0.0.1", 0), _Gitea)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _Gitea.received
    server.shutdown()
    server.server_close()


def test_gitea_job_logs_file_line_and_comments_on_the_pull_request(
    pull_request: Path, gitea: tuple[str, list[Any]]
) -> None:
    url, received = gitea
    context = {
        "github.base_ref": "main",
        "github.server_url": url,
        "github.repository": "office/records",
        "github.event.number": "7",
        "secrets.DUCHA_TOKEN": "s3cret",
    }
    validate, comment = _actions(_job("gitea"), pull_request, context)
    assert validate.returncode == 1
    assert "visits/2020/02/20200230-bad.yaml:2:7: error" in validate.stdout  # the job log
    assert comment.returncode == 0, comment.stderr
    [(path, headers, body)] = received
    assert path == "/api/v1/repos/office/records/issues/7/comments"
    assert headers["Authorization"] == "token s3cret"
    assert "visits/2020/02/20200230-bad.yaml:2:7: error" in body["body"]
    assert "20200205-2vs/1" in body["body"]


def _rule_holds(condition: str, env: dict[str, str]) -> bool:
    """GitLab's ``rules: if`` for the forms the documented workflow uses."""
    for part in condition.split("&&"):
        part = part.strip()
        if "==" in part:
            name, wanted = (p.strip() for p in part.split("=="))
            if env.get(name.lstrip("$"), "") != wanted.strip('"'):
                return False
        elif not env.get(part.lstrip("$")):
            return False
    return True


def _pipeline_runs(workflow: dict[str, Any], env: dict[str, str]) -> bool:
    for rule in workflow["rules"]:
        if _rule_holds(rule["if"], env):
            return str(rule.get("when", "always")) != "never"
    return False


def test_gitlab_workflow_runs_one_pipeline_per_push() -> None:
    workflow = _job("gitlab")["workflow"]
    merge_request = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_COMMIT_REF_NAME": "feature"}
    branch_with_mr = {
        "CI_PIPELINE_SOURCE": "push",
        "CI_COMMIT_BRANCH": "feature",
        "CI_OPEN_MERGE_REQUESTS": "office/records!7",
    }
    branch_alone = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main"}
    assert _pipeline_runs(workflow, merge_request)
    assert not _pipeline_runs(workflow, branch_with_mr)  # the MR pipeline runs instead
    assert _pipeline_runs(workflow, branch_alone)


def test_gitlab_job_writes_a_code_quality_report_and_fails_on_errors(
    pull_request: Path,
) -> None:
    job = _job("gitlab")["ducha"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    lines = list(job["script"])
    _check_install(lines.pop(0))
    env = {
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
    }
    done = _run("\n".join(lines), pull_request, env)
    assert done.returncode == 1, done.stderr
    report = json.loads((pull_request / "gl-code-quality-report.json").read_text("utf-8"))
    [problem] = [p for p in report if p["location"]["path"].endswith("20200230-bad.yaml")]
    assert problem["location"]["lines"]["begin"] == 2 and problem["severity"] in (
        "major",
        "critical",
    )
    assert "20200205-2vs/1" in done.stdout  # the merge request's change, in the job log


def test_morning_chase_posts_to_the_group_chat_and_fails_when_something_is_red(
    pull_request: Path, gitea: tuple[str, list[Any]]
) -> None:
    url, received = gitea
    context = {"secrets.CHASE_WEBHOOK": f"{url}/cgi-bin/webhook/send?key=k"}
    post, fail = _actions(_job("chase"), pull_request, context)
    assert post.returncode == 0, post.stderr
    [(path, _, body)] = received
    assert path == "/cgi-bin/webhook/send?key=k" and body["msgtype"] == "markdown"
    content = body["markdown"]["content"]
    assert content.startswith("**督办提醒（") and "🔴 超期" in content
    assert "20200205-2vs/1" in content
    assert fail.returncode == 1  # the sample's deadlines are long past


def test_the_hubs_site_job_syncs_the_counties_and_builds_the_pages(tmp_path: Path) -> None:
    from tests.hubs import hub

    root, _ = hub(tmp_path)
    job = _job("site")
    triggers = {str(key): value for key, value in job.items()}["True"]  # YAML reads "on" as True
    assert "main" in triggers["push"]["branches"]
    sync, build = _actions(job, root, {})
    assert sync.returncode == 0, sync.stderr
    assert build.returncode == 0, build.stderr
    front = (root / "public" / "index.html").read_text(encoding="utf-8")
    assert "东乡" in front and "<svg" in front
    assert (root / ".ducha" / "sources" / "东乡" / "ducha.yaml").is_file()
