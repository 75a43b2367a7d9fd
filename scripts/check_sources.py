#!/usr/bin/python3
"""Checks the project's citations and that no shipped file points outside the repository.

    /usr/bin/python3 scripts/check_sources.py [REPO_ROOT]

1. Every citation `[@key]` or `[@key1; @key2]` in the scenarios (YAML and CSV), the READMEs and
   docs/*.md, and every `source: key` of a scenario's targets and observations, names an entry
   `### key` of docs/sources.md.
2. No scenario file or README still cites by section of a document outside the repository
   (the old form "ref §x.y", "ref Gaps N", "ref default(s)").
3. No shipped file (every file of the repository except build trees) names a path outside the
   repository: the machine's work folder, a sibling `shared` folder, or the fact sheets by name.

Prints one line per problem as FILE:LINE: message and exits 1 if there is any, else prints a
one-line count and exits 0. Standard library only.
"""

import os
import re
import sys

ENTRY = re.compile(r"^### ([a-z0-9][a-z0-9.-]*)\s*$")
CITATION = re.compile(r"\[@[^\]]*\]")
CITED_KEY = re.compile(r"@([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[A-Za-z0-9])")
# The `source:` key of targets and observations names a bibliography key without brackets.
SOURCE_KEY = re.compile(r"(?:^|[{,\s])source:\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:[,}#]|$)")
CODE_SPAN = re.compile(r"`[^`]*`")  # `[@key]` in backticks explains the syntax; it is not a citation
OLD_REFERENCE = re.compile(r"\bref(?:erence)?\s*(?:§|Gaps\b|defaults?\b)|\(ref\b|, ref\b|\bref §")

# Built from pieces so that this file does not match itself.
_WORK = "/" + "work" + "/"
_SHARED = "shared" + "/"
OUTSIDE_PATH = [
    (re.compile(r"(?:^|[\s\"'`(=:,;])" + re.escape(_WORK)), "names the machine's work folder"),
    (re.compile(r"\.\./+" + "shared" + r"\b"), "names a folder beside the repository"),
    (re.compile(r"\b" + re.escape(_SHARED) + r"(?:reference|notes|DESIGN)"), "names the research folder outside the repository"),
    (re.compile(r"korea-sovereign-ai" + r"\.md|korea-2026-update" + r"\.md"), "names a fact sheet outside the repository"),
]

CITING_SUFFIXES = (".yaml", ".yml", ".csv", ".md")
SKIP_DIRS = {".git", "results", "__pycache__"}
TEXT_SUFFIXES = (".yaml", ".yml", ".csv", ".md", ".py", ".sh", ".cpp", ".h", ".hpp", ".txt", ".cmake",
                 ".json", ".expected", ".in", ".clang-format", "")


def is_build_dir(path):
    name = os.path.basename(path)
    return name.startswith("build") or os.path.exists(os.path.join(path, "CMakeCache.txt"))


def shipped_files(root):
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not is_build_dir(os.path.join(folder, d)))
        for name in sorted(files):
            if name in SKIP_DIRS:
                continue  # a worktree's .git is a file naming its main repository
            path = os.path.join(folder, name)
            if os.path.splitext(name)[1] in TEXT_SUFFIXES or name in ("CMakeLists.txt", "run"):
                yield path


def read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().splitlines()
    except (UnicodeDecodeError, OSError):
        return None


def bibliography_keys(root, problems):
    path = os.path.join(root, "docs", "sources.md")
    lines = read_lines(path)
    if lines is None:
        problems.append(f"{path}:1: the bibliography docs/sources.md is missing")
        return set()
    keys = {}
    for number, line in enumerate(lines, 1):
        m = ENTRY.match(line)
        if m:
            if m.group(1) in keys:
                problems.append(f"{path}:{number}: entry '{m.group(1)}' is defined twice (first on line {keys[m.group(1)]})")
            keys.setdefault(m.group(1), number)
    return set(keys)


def cites_in(relative):
    parts = relative.split(os.sep)
    if parts[0] == "scenarios":
        return relative.endswith(CITING_SUFFIXES)
    if parts[0] == "docs" and relative.endswith(".md"):
        return True
    return relative in ("README.md", "CHANGES.md")


def check(root):
    problems = []
    keys = bibliography_keys(root, problems)
    citations = 0
    for path in shipped_files(root):
        relative = os.path.relpath(path, root)
        if relative == os.path.join("scripts", "check_sources.py"):
            continue
        lines = read_lines(path)
        if lines is None:
            continue
        citing = cites_in(relative)
        for number, line in enumerate(lines, 1):
            for pattern, message in OUTSIDE_PATH:
                if pattern.search(line):
                    problems.append(f"{relative}:{number}: {message}: {line.strip()[:120]}")
            if not citing:
                continue
            if relative.startswith("scenarios") or relative == "README.md":
                if OLD_REFERENCE.search(line):
                    problems.append(f"{relative}:{number}: cites by section of a document outside the "
                                    f"repository; cite an entry of docs/sources.md as [@key]: {line.strip()[:120]}")
            if relative.startswith("scenarios") and relative.endswith((".yaml", ".yml")):
                for key in SOURCE_KEY.findall(line.split(" #", 1)[0]):
                    citations += 1
                    if key not in keys:
                        problems.append(f"{relative}:{number}: source: {key} names no entry of docs/sources.md")
            for group in CITATION.findall(CODE_SPAN.sub("", line)):
                for key in CITED_KEY.findall(group):
                    citations += 1
                    if key not in keys:
                        problems.append(f"{relative}:{number}: citation [@{key}] names no entry of docs/sources.md")
    return problems, citations, len(keys)


def main(argv):
    root = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    problems, citations, entries = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) with sources or paths outside the repository")
        return 1
    print(f"{citations} citations resolve to {entries} entries of docs/sources.md; no shipped file names a path outside the repository")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
