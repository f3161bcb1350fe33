#!/usr/bin/env python3
"""Builds every complete template the manual shows, so that an example that stops building fails CI.

A complete template is a fenced block whose info string is `markdown` and whose first line is `---`
(front matter). Each is written to a scratch project of its own and built by `report` with
`--no-cache`; a failure names the page and line where the example starts.

usage: check-doc-examples.py REPORT FILE.md...
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*markdown\s*$")


def examples(path):
    """(line, text) of each complete template in the Markdown file at `path`."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = OPEN.match(lines[i])
        fence = None if m is None else m.group(2)
        if fence is None:
            # Skip other fenced blocks whole, so a markdown block quoted inside one is not taken.
            other = re.match(r"^ {0,3}(`{3,}|~{3,})", lines[i])
            if other:
                close = other.group(1)
                i += 1
                while i < len(lines) and not lines[i].strip().startswith(close):
                    i += 1
            i += 1
            continue
        start = i + 1
        i += 1
        body = []
        while i < len(lines) and not (lines[i].strip().startswith(fence[0] * len(fence)) and lines[i].strip().strip(fence[0]) == ""):
            body.append(lines[i])
            i += 1
        i += 1
        if body and body[0].strip() == "---":
            yield start + 1, "\n".join(body) + "\n"


def main():
    report, files = sys.argv[1], sys.argv[2:]
    failures, count = 0, 0
    with tempfile.TemporaryDirectory(prefix="doc-examples-") as scratch:
        for path in files:
            for line, text in examples(path):
                count += 1
                project = Path(scratch) / f"example{count}"
                (project / "reports").mkdir(parents=True)
                template = project / "reports" / "example.md"
                template.write_text(text, encoding="utf-8")
                run = subprocess.run(
                    [report, "build", str(template), "--no-cache", "--allow-exec",
                     "--out", str(project / "build"), "--figures", str(project / "figures"),
                     "--cache-dir", str(project / "cache")],
                    capture_output=True, text=True)
                if run.returncode != 0:
                    failures += 1
                    print(f"{path}:{line}: error: this example does not build:\n{run.stderr}", file=sys.stderr)
    print(f"check-doc-examples: {count} examples in {len(files)} files, {failures} failed", file=sys.stderr)
    if count == 0:
        print("check-doc-examples: no examples found; the manual shows complete templates as ```markdown blocks", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
