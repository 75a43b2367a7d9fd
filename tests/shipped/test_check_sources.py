"""scripts/check_sources.py on small trees made here: it passes a clean tree and names, with file
and line, each unresolved citation, each old-style section reference and each path outside the
repository in a bad one.

    /usr/bin/python3 tests/shipped/test_check_sources.py scripts/check_sources.py
"""

import os
import subprocess
import sys
import tempfile

CHECKER = os.path.abspath(sys.argv[1])
BIBLIOGRAPHY = "# Sources\n\n### known-2025\nA source.\n\n### gap-1\nNot found.\n"


def make_tree(root, files):
    for relative, text in files.items():
        path = os.path.join(root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def run(files):
    with tempfile.TemporaryDirectory() as root:
        make_tree(root, files)
        done = subprocess.run([sys.executable, CHECKER, root], capture_output=True, text=True)
        return done.returncode, done.stdout


def expect(condition, message, output):
    if not condition:
        print("FAILED:", message)
        print(output)
        sys.exit(1)


# A clean tree: citations resolve (one or several per group), backticked syntax is not a citation.
code, out = run({
    "docs/sources.md": BIBLIOGRAPHY,
    "scenarios/a.yaml": "x: 1   # [S] [@known-2025]; [gap] [@known-2025; @gap-1]; syntax `[@key]`\n",
    "scenarios/schedules/a.csv": "# [E] [@known-2025]\ndate,units\n2026-01-01,1\n",
    "README.md": "See [@known-2025].\n",
})
expect(code == 0 and "5 citations resolve" in out, "a clean tree passes", out)

# A bad tree: each problem is reported with its file and line.
outside = "/" + "work" + "/" + "shared" + "/" + "reference/x.md"
code, out = run({
    "docs/sources.md": BIBLIOGRAPHY,
    "scenarios/a.yaml": "x: 1\ny: 2   # [S] [@unknown-2024]\n",
    "scenarios/schedules/b.csv": "date,units\n# [E] [@known-2025; @missing-key]\n",
    "scenarios/c.yaml": "# stated in the fact sheet (ref §3.2)\n",
    "scenarios/d.yaml": "observations:\n  - {name: o, source: known-2025}\n  - name: p\n    source: nowhere-key\n",
    "scripts/tool.sh": "cat " + outside + "\n",
    "docs/notes.md": "read ../" + "shared" + "/" + "notes/x.md first\n",
})
expect(code == 1, "a bad tree fails", out)
for needle in ("scenarios/a.yaml:2: citation [@unknown-2024] names no entry",
               "scenarios/schedules/b.csv:2: citation [@missing-key] names no entry",
               "scenarios/d.yaml:4: source: nowhere-key names no entry",
               "scenarios/c.yaml:1: cites by section of a document outside the repository",
               "scripts/tool.sh:1: names the machine's work folder",
               "docs/notes.md:1: names a folder beside the repository"):
    expect(needle in out, "reports " + needle, out)
expect("known-2025]" not in out.replace("@known-2025; @missing-key", ""), "a resolved key is not reported", out)

# No bibliography at all is itself a problem.
code, out = run({"scenarios/a.yaml": "x: 1 # [@known-2025]\n"})
expect(code == 1 and "docs/sources.md is missing" in out, "a missing bibliography fails", out)

print("check_sources: 3 trees checked, every problem named")
