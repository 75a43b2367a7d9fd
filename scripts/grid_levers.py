#!/usr/bin/python3
"""What each grid lever changes on a scenario, paired over seeds, under rising background load.

For each stress level k (a multiple of the scenario's own background load per zone, or, for a
scenario without one such as korea-2025, of the sourced forecast of `background_schedule`) and each lever, runs the scenario with and without the lever for the same
seeds and reports the mean paired difference of national GPU-days waiting for power and of GPUs
operational at the end, with its standard error over the seeds and how many seeds differ at all.

    scripts/grid_levers.py [--sovsim build/sovsim] [--scenario scenarios/korea-2026.yaml]
                           [--seeds 8] [--levels 0,0.5,1,2] [--markdown]

The scenario's folder is copied to a temporary folder, where the stress variants are written
next to it (so `base:` and its CSV schedules resolve). Nothing is written in the repository.
"""

import argparse
import datetime as dt
import math
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

# National data-centre demand 4,461 MW (2025) -> 6,175 MW (2028) [@newsis-2025-06-30]: +571 MW a
# year. 70% of data-centre load is in the capital region [@kharn-kepco]; the other 30% is split
# over the other zones [E].
NATIONAL_GROWTH_MW_PER_YEAR = (6175 - 4461) / 3
ZONE_SHARE = {"capital": 0.70, "chungcheong": 0.10, "yeongnam": 0.10, "honam": 0.05, "east-coast": 0.05}

LEVERS = {
    "HVDC late (2032-06-30)": {"set": ["reinforcements.east-coast-hvdc.date=2032-06-30"]},
    "sharing pro rata": {"set": ["power_sharing=pro_rata"]},
    "sharing public first": {"set": ["power_sharing=priority_list"], "priority": True},
    # added to a scenario without it (korea-2025), removed from one that has it (korea-2026)
    "special act (non-capital < 100 MW exempt from 2027-02) toggled": {"rules": True},
    "no assessment (threshold 10 GW)": {"set": ["assessment_threshold=10GW"], "no_rules": True},
    "Solaseado substation 30 MW (vs 150)": {"set": ["substations.solaseado-154kv.capacity=30MW"]},
    "capital local network 50 MW (vs 150)": {"set": ["zones.capital.local_network=50MW"]},
}

PUBLIC_FIRST = ["nacc-haenam", "nhn-gwangju", "kakao-ansan", "naver-colo-capital", "gov-cloud-2026",
                "samsung-existing", "sk-existing", "naver-gak-sejong", "sk-ulsan", "samsung-gumi",
                "hyundai-saemangeum"]

SPECIAL_ACT = [{"name": "aidc-special-act", "from": "2027-02-01",
                "zones": ["chungcheong", "honam", "yeongnam", "east-coast"], "site_class": "ai-dc",
                "threshold": "100 MW"}]


def background_schedule(start, end, level, share):
    """Half-yearly steps of the background load of one zone: level x share x the national growth
    since `start`."""
    steps = []
    year = start.year
    while True:
        for month in (1, 7):
            d = dt.date(year, month, 1)
            if d <= start:
                continue
            if d > end:
                return steps
            years = (d - start).days / 365.25
            load = level * share * NATIONAL_GROWTH_MW_PER_YEAR * years
            steps.append({"date": d.isoformat(), "load": f"{load:.1f} MW"})
        year += 1


def scaled(schedule, level):
    """A background-load schedule of the scenario itself, each step times `level`."""
    out = []
    for step in schedule:
        value, unit = str(step["load"]).split()
        assert unit == "MW", step
        out.append({"date": str(step["date"]), "load": f"{level * float(value):.1f} MW"})
    return out


def write_variant(folder, base_name, scenario, level, lever):
    """A variant of the scenario with k x its background load (its own schedules when it has them,
    else the forecast of `background_schedule`) and the lever; zones patch the base's by name."""
    variant = {"base": base_name, "name": "grid-lever"}
    zones = []
    start = scenario.get("start", dt.date(2025, 11, 1))
    end = scenario.get("end", dt.date(2032, 12, 31))
    own = {z["name"]: z["background_load"] for z in scenario.get("zones", []) if z.get("background_load")}
    for name, share in ZONE_SHARE.items():
        if own:
            steps = scaled(own.get(name, []), level)
        else:
            steps = background_schedule(start, end, level, share) if level > 0 else []
        zones.append({"name": name, "background_load": steps})
    variant["zones"] = zones
    if lever.get("rules"):
        if any(r.get("name") == "aidc-special-act" for r in scenario.get("assessment_rules", [])):
            variant["assessment_rules"] = [{"remove": "aidc-special-act"}]
        else:
            variant["assessment_rules"] = SPECIAL_ACT
    if lever.get("no_rules") and any(r.get("name") == "aidc-special-act"
                                     for r in scenario.get("assessment_rules", [])):
        variant["assessment_rules"] = [{"remove": "aidc-special-act"}]  # its own threshold would apply
    if lever.get("priority"):
        variant["power_priority"] = PUBLIC_FIRST
    path = folder / f"lever-{abs(hash((level, str(sorted(lever.items()))))) }.yaml"
    path.write_text(yaml.safe_dump(variant, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def run(sovsim, path, seed, sets, out):
    cmd = [sovsim, "run", str(path), "--seed", str(seed), "--quiet", "-o", str(out)]
    for s in sets:
        cmd += ["--set", s]
    text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    waiting = int(re.search(r"^\s*waiting_power\s+(\d+)", text, re.M).group(1))
    operational = int(re.search(r"operational at end (\d+)", text).group(1))
    return waiting, operational


def mean_se(values):
    n = len(values)
    m = sum(values) / n
    if n < 2:
        return m, float("nan")
    var = sum((v - m) ** 2 for v in values) / (n - 1)
    return m, math.sqrt(var / n)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sovsim", default="build/sovsim")
    ap.add_argument("--scenario", default="scenarios/korea-2026.yaml")
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--levels", default="0,0.5,1,2")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    sovsim = str(pathlib.Path(args.sovsim).resolve())
    src = pathlib.Path(args.scenario).resolve()
    scenario = yaml.safe_load(src.read_text(encoding="utf-8"))
    levels = [float(x) for x in args.levels.split(",")]
    seeds = list(range(1, args.seeds + 1))
    n = len(seeds)
    if args.markdown:
        print(f"| stress k | lever | Δ GPU-days waiting for power (M), mean ± s.e. | Δ operational at end, mean ± s.e. | seeds that differ (of {n}) |")
        print("|---|---|---|---|---|", flush=True)

    def show(level, name, w_pair, o_pair, differ):
        (w, we), (o, oe) = w_pair, o_pair
        d = "—" if differ is None else str(differ)
        prefix = "" if differ is not None else "baseline: "
        if args.markdown:
            print(f"| {level:g} | {name} | {prefix}{w:+.2f} ± {we:.2f} | {prefix}{o:+.0f} ± {oe:.0f} | {d} |", flush=True)
        else:
            print(f"k={level:<4g} {name:<55} {w:+9.2f} ± {we:6.2f}  {o:+9.0f} ± {oe:6.0f}  {d}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp) / "scenarios"
        shutil.copytree(src.parent, folder)
        out = pathlib.Path(tmp) / "run.h5"
        for level in levels:
            base_path = write_variant(folder, src.name, scenario, level, {})
            base = {seed: run(sovsim, base_path, seed, [], out) for seed in seeds}
            bw = mean_se([base[s][0] / 1e6 for s in seeds])
            show(level, "(baseline)", bw, mean_se([base[s][1] for s in seeds]), None)
            for name, lever in LEVERS.items():
                path = write_variant(folder, src.name, scenario, level, lever)
                runs = {seed: run(sovsim, path, seed, lever.get("set", []), out) for seed in seeds}
                dw = [(runs[s][0] - base[s][0]) / 1e6 for s in seeds]
                do = [runs[s][1] - base[s][1] for s in seeds]
                differ = sum(1 for s in seeds if runs[s] != base[s])
                show(level, name, mean_se(dw), mean_se(do), differ)


if __name__ == "__main__":
    main()
