#!/usr/bin/env python3
"""Extracts the subset of GitHub's OpenAPI description that IssueSync's sandbox routes answer.

Usage: scripts/vendor-github-openapi.py [VERSION]
Runs `npm pack @octokit/openapi@VERSION` in a temporary directory, reads generated/api.github.com.json and
writes tests/Sync.Sandbox.Tests/Schemas/github/api.github.com.subset.json: the operations listed in OPERATIONS
(only their operationId and responses, examples dropped) and every #/components/... entry they reference,
transitively. The package's LICENSE is copied beside it. Output is sorted and stable, so a re-run with the same
version is byte-identical.
"""
import json
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile

VERSION = sys.argv[1] if len(sys.argv) > 1 else "23.0.2"
ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "Sync.Sandbox.Tests" / "Schemas" / "github"

# (path, method) of every GitHub REST route the sandbox serves and IssueSync (its client or Octokit) calls.
OPERATIONS = [
    ("/user", "get"),
    ("/repos/{owner}/{repo}", "get"),
    ("/repos/{owner}/{repo}/issues", "get"),
    ("/repos/{owner}/{repo}/issues", "post"),
    ("/repos/{owner}/{repo}/issues/{issue_number}", "get"),
    ("/repos/{owner}/{repo}/issues/{issue_number}", "patch"),
    ("/repos/{owner}/{repo}/labels", "get"),
    ("/repos/{owner}/{repo}/labels", "post"),
    ("/repos/{owner}/{repo}/labels/{name}", "get"),
    ("/repos/{owner}/{repo}/labels/{name}", "patch"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/labels", "get"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/labels", "post"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/labels", "put"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", "delete"),
    ("/repos/{owner}/{repo}/milestones", "get"),
    ("/repos/{owner}/{repo}/milestones", "post"),
    ("/repos/{owner}/{repo}/milestones/{milestone_number}", "patch"),
    ("/repos/{owner}/{repo}/issues/comments", "get"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/comments", "get"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/comments", "post"),
    ("/repos/{owner}/{repo}/issues/comments/{comment_id}", "get"),
    ("/repos/{owner}/{repo}/issues/comments/{comment_id}", "patch"),
    ("/repos/{owner}/{repo}/issues/comments/{comment_id}", "delete"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/reactions", "get"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/reactions", "post"),
    ("/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", "get"),
    ("/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", "post"),
]


def strip_examples(node):
    if isinstance(node, dict):
        return {k: strip_examples(v) for k, v in node.items() if k not in ("example", "examples")}
    if isinstance(node, list):
        return [strip_examples(v) for v in node]
    return node


def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"@octokit/openapi@{VERSION}", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        tgz = next(pathlib.Path(tmp).glob("*.tgz"))
        with tarfile.open(tgz) as tar:
            spec = json.load(tar.extractfile("package/generated/api.github.com.json"))
            licence = tar.extractfile("package/LICENSE").read()

    paths = {}
    for path, method in OPERATIONS:
        op = spec["paths"][path][method]
        kept = {"operationId": op["operationId"], "responses": strip_examples(op["responses"])}
        paths.setdefault(path, {})[method] = kept

    components = {}
    pending = list(refs(paths))
    while pending:
        ref = pending.pop()
        _, section, kind, name = ref.split("/", 3)
        assert section == "components", ref
        if name in components.get(kind, {}):
            continue
        entry = strip_examples(spec["components"][kind][name])
        components.setdefault(kind, {})[name] = entry
        pending.extend(refs(entry))

    subset = {
        "openapi": spec["openapi"],
        "info": {**spec["info"], "x-issuesync-subset": f"@octokit/openapi {VERSION}, generated/api.github.com.json; scripts/vendor-github-openapi.py"},
        "paths": paths,
        "components": {k: dict(sorted(v.items())) for k, v in sorted(components.items())},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "api.github.com.subset.json").write_text(json.dumps(subset, indent=2, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
    (OUT / "LICENSE.octokit-openapi.md").write_bytes(licence)
    print(f"{len(OPERATIONS)} operations, " + ", ".join(f"{len(v)} {k}" for k, v in sorted(components.items())))


if __name__ == "__main__":
    main()
