#!/usr/bin/python3
"""Write a scenario N times the size of another: every site and every order copied N times.

    build/sovsim describe scenarios/korea-2026.yaml > /tmp/k.yaml
    /usr/bin/python3 scripts/scale_scenario.py /tmp/k.yaml /tmp/korea-10x.yaml --factor 10

The input must be resolved (`sovsim describe`: no base, schedules inline). Copy k >= 2 of a site or
an order is named NAME-xK; each copied order goes to the same copy of its site. Zones, corridors,
products, buyers, targets and observations are kept as they are (the copies compete for the same
grid), so this is a scenario with N times the GPUs, units, sites and per-site series, for
measuring time and memory (docs/performance.md), not a policy case.
"""
import argparse
import copy
import sys

import yaml


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--factor", type=int, default=10)
    a = p.parse_args()
    if a.factor < 1:
        print("scale_scenario.py: --factor must be at least 1", file=sys.stderr)
        return 2
    with open(a.input, encoding="utf-8") as f:
        d = yaml.safe_load(f)
    if "base" in d:
        print("scale_scenario.py: resolve the scenario first (sovsim describe)", file=sys.stderr)
        return 2
    base_sites, base_orders = d["sites"][:], d["orders"][:]
    d["sites"] = base_sites + [dict(copy.deepcopy(s), name=f"{s['name']}-x{k}")
                               for k in range(2, a.factor + 1) for s in base_sites]
    d["orders"] = base_orders + [dict(copy.deepcopy(o), name=f"{o['name']}-x{k}", site=f"{o['site']}-x{k}")
                                 for k in range(2, a.factor + 1) for o in base_orders]
    d["name"] = f"{d['name']}-x{a.factor}"
    d["title"] = f"{d.get('title', '')} (every site and order x{a.factor}, for measurement)"
    with open(a.output, "w", encoding="utf-8") as f:
        yaml.safe_dump(d, f, sort_keys=False, allow_unicode=True, width=1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
