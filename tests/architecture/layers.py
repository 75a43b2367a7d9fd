"""The layers of docs/architecture.md, checked on the sources and on the build.

Each folder may include the project's headers only from the layers below it (a back-edge would
link today only because the command links every library), and the engine (sim/, sweeps aside)
is compiled without Eigen, Boost Graph, HDF5 or yaml-cpp. Usage:

    layers.py SOURCE_DIR BUILD_DIR

The check is first run on a small tree with one back-edge of each kind, which it must report,
so that a broken check cannot pass silently.
"""

import json
import pathlib
import re
import sys
import tempfile

ENGINE = ("sim/",)
SWEEP = ("sim/sweep/",)
SCENARIO = ("models/scenario/", "models/scenario.h")
ROLLOUT = ("models/rollout/",)
SWEEP_FILE = ("models/sweep/",)
OUTPUT = ("output/",)
SWEEP_OUTPUT = ("output/sweep/",)
APP = ("app/",)

# (folder or file prefix, project include prefixes it may use). The first matching rule applies,
# so sim/sweep/ comes before sim/.
RULES = [
    ("sim/sweep/", SWEEP + ENGINE),
    ("sim/", ENGINE),
    ("models/phold.", ("models/phold.h",) + ENGINE),
    ("models/scenario", SCENARIO + ENGINE),
    ("models/rollout/", ROLLOUT + SCENARIO + ENGINE),
    ("models/sweep/", SWEEP_FILE + ROLLOUT + SCENARIO + SWEEP + ENGINE),
    ("output/sweep/", SWEEP_OUTPUT + OUTPUT + SWEEP + ENGINE),
    ("output/", OUTPUT + ENGINE),
    ("app/", APP + ("models/",) + OUTPUT + SWEEP + ENGINE),
]
# Engine sources may include only the standard library among <...> headers of these families.
ENGINE_FORBIDDEN_SYSTEM = re.compile(r"^(Eigen/|eigen3/|boost/|hdf5|H5|yaml-cpp/|nlohmann/)")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def is_engine(rel):
    return rel.startswith("sim/") and not rel.startswith("sim/sweep/")


def below(rel, header):
    """A layer whose folder is inside another's (sim/sweep/ in sim/, output/sweep/ in output/) is above
    it: the outer folder's files may not include the inner one's."""
    return (is_engine(rel) and header.startswith(SWEEP)) or \
        (rel.startswith(OUTPUT) and not rel.startswith(SWEEP_OUTPUT) and header.startswith(SWEEP_OUTPUT))


def source_violations(root):
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".h", ".cpp") or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        rule = next((r for r in RULES if rel.startswith(r[0])), None)
        if rule is None:
            continue
        allowed = rule[1]
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, header = m.groups()
            if kind == '"':
                if header.rsplit("/", 1)[0] == rel.rsplit("/", 1)[0]:
                    continue  # its own folder
                if not header.startswith(allowed) or below(rel, header):
                    found.append(f"{rel}:{line_number}: includes \"{header}\", a layer it may not use")
            elif is_engine(rel) and ENGINE_FORBIDDEN_SYSTEM.match(header):
                found.append(f"{rel}:{line_number}: the engine includes <{header}>")
    return found


def engine_compile_violations(root, build):
    """Engine sources compiled with an Eigen, HDF5 or yaml-cpp include path: the engine target
    links one of them (a link dependency that brings no header would still show here)."""
    commands = json.loads((build / "compile_commands.json").read_text(encoding="utf-8"))
    found = []
    engine_files = 0
    for entry in commands:
        rel = pathlib.Path(entry["file"]).resolve().relative_to(root.resolve()).as_posix() \
            if pathlib.Path(entry["file"]).resolve().is_relative_to(root.resolve()) else ""
        if not (is_engine(rel) and rel.endswith(".cpp")):
            continue
        engine_files += 1
        command = entry.get("command") or " ".join(entry.get("arguments", []))
        for library in ("eigen3", "hdf5", "yaml-cpp"):
            if library in command:
                found.append(f"{rel}: compiled with {library} on its include path (the engine target links it)")
    if engine_files == 0:
        found.append("compile_commands.json lists no engine source (sim/*.cpp): the build was not configured here")
    return found


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        bad = {
            "sim/engine.cpp": '#include "models/rollout/world.h"\n',
            "sim/queue.cpp": "#include <Eigen/Dense>\n",
            "sim/clock.cpp": '#include "sim/sweep/plan.h"\n',
            "models/scenario/rules.cpp": '#include "models/rollout/layout.h"\n',
            "output/writer.cpp": '#include "models/rollout/gpu_state.h"\n',
            "output/reader.cpp": '#include "output/sweep/content.h"\n',
            "output/sweep/content.cpp": '#include "models/sweep/rollout_run.h"\n#include "sim/sweep/plan.h"\n',
            "models/rollout/a.cpp": '#include "models/rollout/b.h"\n#include "models/scenario.h"\n',
        }
        for rel, text in bad.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        found = source_violations(root)
        expected = ["sim/clock.cpp:1", "sim/engine.cpp:1", "sim/queue.cpp:1", "models/scenario/rules.cpp:1",
                    "output/writer.cpp:1", "output/reader.cpp:1", "output/sweep/content.cpp:1"]
        reported = sorted(v.split(": ")[0] for v in found)
        if reported != sorted(expected):
            sys.exit(f"layers.py self-test: expected violations at {sorted(expected)}, found {reported}")


def main():
    root, build = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    self_test()
    found = source_violations(root) + engine_compile_violations(root, build)
    for line in found:
        print(line)
    if found:
        sys.exit(f"{len(found)} layering violation(s); see docs/architecture.md 'Layers'")
    print("layers: every include goes down the layers; the engine is compiled without Eigen, HDF5, yaml-cpp")


if __name__ == "__main__":
    main()
