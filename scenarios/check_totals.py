#!/usr/bin/python3
"""Physical-consistency check for sovsim scenario files (not the loader; a cross-check of the data).

Usage:  /usr/bin/python3 scenarios/check_totals.py [FILE.yaml ...]     (default: every scenario here)

It resolves `base:` (maps merged by key, lists replaced whole), reads CSV schedules, and checks:
  * the format rules the loader will enforce (names, references, dates, probabilities, PUE, shares,
    planned halls, hall land <= site land, schedule dates ascending and inside [start - 2 y, end]);
  * GPU totals per buyer (and, for the Korea scenarios, the deal's 50k/50k/50k/50k/60k split);
  * per site: peak IT of the GPUs ordered vs hall IT capacity, racks, cooling, land;
    grid connections vs the average and the peak facility draw (convention C1 of korea-2025.yaml);
  * construction templates: critical path at the modes and a Monte Carlo mean/p10/p90.
Exit status 1 when a hard rule fails; capacity shortfalls are reported as notes, not failures,
because some sites are deliberately short (staged sites, on-demand phases).
Standard library + python3-yaml only.
"""
import csv
import datetime as dt
import os
import random
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
NAME_RE = re.compile(r"^[a-z0-9_-]+$")
DAYS = {"hour": 1 / 24, "hours": 1 / 24, "day": 1, "days": 1, "week": 7, "weeks": 7,
        "month": 365.25 / 12, "months": 365.25 / 12, "year": 365.25, "years": 365.25}
POWER = {"W": 1e-6, "kW": 1e-3, "MW": 1, "GW": 1e3}
AREA = {"m2": 1e-4, "ha": 1, "km2": 100}
COMPUTE = {"TFLOP/s": 1e-3, "PFLOP/s": 1}
DEAL = {"government": 50000, "samsung": 50000, "sk": 50000, "hyundai": 50000, "naver": 60000}

errors, notes = [], []


def err(msg):
    errors.append(msg)


def qty(text, table, what):
    """'14.3 kW' -> 0.0143 (canonical unit of `table`)."""
    m = re.fullmatch(r"\s*([-+0-9.eE]+)\s*(\S+)\s*", str(text))
    if not m or m.group(2) not in table:
        raise ValueError(f"bad {what} quantity: {text!r}")
    return float(m.group(1)) * table[m.group(2)]


def dist(d, table=DAYS, what="duration"):
    """A distribution -> (mode-ish point value, sampler)."""
    if isinstance(d, dict):
        (kind, p), = d.items()
        if kind == "triangular":
            lo, mo, hi = (qty(p[k], table, what) for k in ("low", "mode", "high"))
            assert lo <= mo <= hi, d
            return mo, lambda r: r.triangular(lo, hi, mo)
        if kind == "lognormal":
            import math
            med, p90 = qty(p["median"], table, what), qty(p["p90"], table, what)
            assert p90 > med > 0, d
            s = math.log(p90 / med) / 1.2815515655446004
            return med, lambda r: med * math.exp(r.gauss(0, s))
        raise ValueError(f"unknown distribution {kind}")
    v = qty(d, table, what)
    return v, lambda r: v


def merge(base, over):
    """A variant over its base, as sovsim does (docs/scenario-format.md): maps merge by key; lists
    of named entries merge by name (a known name patches, a new one is appended, `remove: NAME`
    drops one); `KEY: {replace: [...]}` and lists without names are replaced whole."""
    out = dict(base)
    for k, v in over.items():
        old = out.get(k)
        if isinstance(v, dict) and set(v) == {"replace"}:
            out[k] = v["replace"]
        elif isinstance(v, dict) and isinstance(old, dict):
            out[k] = merge(old, v)
        elif isinstance(v, list) and isinstance(old, list) and named(v) and named(old):
            out[k] = merge_named(old, v)
        else:
            out[k] = v  # scalars and unnamed lists are replaced whole
    return out


def named(items):
    return all(isinstance(i, dict) and ("name" in i or set(i) == {"remove"}) for i in items)


def merge_named(old, new):
    out = [dict(i) for i in old]
    for entry in new:
        if set(entry) == {"remove"}:
            out = [i for i in out if i["name"] != entry["remove"]]
            continue
        at = [n for n, i in enumerate(out) if i["name"] == entry["name"]]
        if at:
            out[at[0]] = merge(out[at[0]], entry)
        else:
            out.append(entry)
    return out


def load(path):
    with open(path) as f:
        doc = yaml.safe_load(f)
    if "base" in doc:
        base_path = os.path.join(os.path.dirname(path), doc.pop("base"))
        doc = merge(load(base_path), doc)
    return doc


def as_date(v):
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def schedule(order, scen_dir):
    s = order["schedule"]
    if isinstance(s, str):
        rows = []
        with open(os.path.join(scen_dir, s), newline="") as f:
            r = csv.reader(line for line in f if not line.startswith("#"))  # comment lines cite sources
            header = next(r)
            if header != ["date", "units"]:
                err(f"{s}: header must be 'date,units', found {header}")
            for row in r:
                rows.append((dt.date.fromisoformat(row[0]), int(row[1])))
        return rows
    return [(as_date(x["date"]), int(x["units"])) for x in s]


def unique(items, what):
    names = [i["name"] for i in items]
    for n in names:
        if not NAME_RE.match(n):
            err(f"{what} name {n!r} is not an identifier")
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        err(f"duplicate {what} names: {sorted(dup)}")
    return set(names)


def report_variant(path):
    """For a variant, name what it overrides; for restated lists, the fields that differ from the base."""
    with open(path) as f:
        raw = yaml.safe_load(f)
    if "base" not in raw:
        return
    base = load(os.path.join(os.path.dirname(path), raw["base"]))
    for key, value in raw.items():
        if key in ("base", "name", "title", "description"):
            continue
        old = base.get(key)
        if isinstance(value, list) and isinstance(old, list) and all(isinstance(v, dict) and "name" in v for v in value + old):
            # named entries patch the base's: report the fields each one sets differently
            old_by_name = {v["name"]: v for v in old}
            added = [v["name"] for v in value if v["name"] not in old_by_name]
            dropped = sorted(set(old_by_name) - {v["name"] for v in value})
            for v in value:
                if v["name"] in old_by_name:
                    diff = sorted(k for k in set(v) | set(old_by_name[v["name"]]) if v.get(k) != old_by_name[v["name"]].get(k))
                    print(f"variant: {key}[{v['name']}] differs from base in {diff or 'nothing'}")
            if added or dropped:
                print(f"variant: {key}: added {added}, dropped {dropped}")
        else:
            print(f"variant: {key}: {old!r} -> {value!r}")
    if raw.get("power_priority"):
        missing = sorted({s["name"] for s in base["sites"]} - set(raw["power_priority"]))
        print(f"variant: sites missing from power_priority: {missing or 'none'}")


def check(path):
    print(f"\n=== {os.path.relpath(path)}")
    sc = load(path)
    scen_dir = os.path.dirname(os.path.abspath(path))
    report_variant(path)
    start, end = as_date(sc["start"]), as_date(sc["end"])
    if not NAME_RE.match(sc["name"]):
        err(f"scenario name {sc['name']!r}")
    if end <= start:
        err("end <= start")

    products = {p["name"]: p for p in sc["products"]}
    unique(sc["products"], "product")
    buyers = unique(sc["buyers"], "buyer")
    zones = unique(sc["zones"], "zone")
    unique(sc.get("corridors", []), "corridor")
    templates = {t["name"]: t for t in sc.get("construction_templates", [])}
    sites = {s["name"]: s for s in sc["sites"]}
    unique(sc["sites"], "site")
    unique(sc["orders"], "order")

    for z in sc["zones"]:
        p = z["assessment_pass_probability"]
        if not 0 <= p <= 1:
            err(f"zone {z['name']}: probability {p}")
        dist(z["assessment_time"])
        dist(z["reapply_after"])
        qty(z["headroom"], POWER, "power")
    for c in sc.get("corridors", []):
        for end_ in (c["from"], c["to"]):
            if end_ not in zones:
                err(f"corridor {c['name']}: unknown zone {end_}")
    corridors = {c["name"] for c in sc.get("corridors", [])}
    for r in sc.get("reinforcements", []):
        if ("zone" in r) == ("corridor" in r):
            err(f"reinforcement {r['name']}: exactly one of zone/corridor")
        if r.get("corridor") and r["corridor"] not in corridors:
            err(f"reinforcement {r['name']}: unknown corridor")
        if r.get("zone") and r["zone"] not in zones:
            err(f"reinforcement {r['name']}: unknown zone")
        dist(r.get("delay", "0 days"))
    if sc.get("power_sharing") == "priority_list":
        for n in sc.get("power_priority", []):
            if n not in sites:
                err(f"power_priority: unknown site {n}")

    # construction templates: critical path
    rng = random.Random(1)
    for t in templates.values():
        tasks = {k["name"]: k for k in t["tasks"]}

        def finish(draw):
            done = {}

            def f(n):
                if n not in done:
                    k = tasks[n]
                    done[n] = max((f(a) for a in k.get("after", [])), default=0) + draw(k)
                return done[n]
            return max(f(n) for n in tasks)
        mode = finish(lambda k: dist(k["duration"])[0])
        samplers = {n: dist(k["duration"])[1] for n, k in tasks.items()}
        xs = sorted(finish(lambda k: samplers[k["name"]](rng)) for _ in range(20000))
        m = 30.4375
        print(f"template {t['name']}: critical path at modes {mode / m:.1f} mo; "
              f"mean {sum(xs) / len(xs) / m:.1f}, p10 {xs[2000] / m:.1f}, p90 {xs[18000] / m:.1f}, "
              f"min/max {xs[0] / m:.1f}/{xs[-1] / m:.1f} mo")

    # sites: halls, land
    for s in sc["sites"]:
        if s["zone"] not in zones:
            err(f"site {s['name']}: unknown zone {s['zone']}")
        land = qty(s["land"], AREA, "area")
        hall_land = 0
        for h in s["halls"]:
            if float(h["pue"]) < 1:
                err(f"{s['name']}/{h['name']}: PUE < 1")
            hall_land += qty(h["land"], AREA, "area")
            if h["start"] == "planned" and not ("planned_start" in h and "construction" in h):
                err(f"{s['name']}/{h['name']}: planned hall needs planned_start and construction")
            if h["start"] in ("planned", "on_demand") and h.get("construction") not in templates:
                err(f"{s['name']}/{h['name']}: unknown construction template")
            if h["start"] == "existing" and "construction" in h:
                err(f"{s['name']}/{h['name']}: existing hall with construction")
        if hall_land > land + 1e-9:
            err(f"site {s['name']}: hall land {hall_land:.2f} ha > site land {land:.2f} ha")
        for c in s.get("connections", []):
            as_date(c["applied"])
            if not c.get("connected_at_start"):
                dist(c["lead_time"])
        dist(s["burn_in"])

    # orders
    by_buyer, by_site = {}, {}
    for o in sc["orders"]:
        if o["buyer"] not in buyers:
            err(f"order {o['name']}: unknown buyer")
        if o["product"] not in products:
            err(f"order {o['name']}: unknown product")
        if o["site"] not in sites:
            err(f"order {o['name']}: unknown site")
            continue
        rows = schedule(o, scen_dir)
        dates = [d for d, _ in rows]
        if dates != sorted(dates):
            err(f"order {o['name']}: dates not ascending")
        lo = start.replace(year=start.year - 2)
        if dates and (dates[0] < lo or dates[-1] > end):
            err(f"order {o['name']}: dates outside [{lo}, {end}]")
        if any(u <= 0 for _, u in rows):
            err(f"order {o['name']}: non-positive units")
        units = sum(u for _, u in rows) + int(o.get("installed_at_start", 0))
        p = products[o["product"]]
        gpus = units * p["gpus_per_unit"]
        by_buyer[o["buyer"]] = by_buyer.get(o["buyer"], 0) + gpus
        b = by_site.setdefault(o["site"], {"gpus": 0, "it": 0.0, "racks": 0.0, "cool": set(), "first": dates[0]})
        b["gpus"] += gpus
        b["it"] += units * qty(p["it_power_per_unit"], POWER, "power")
        b["racks"] += units * float(p["racks_per_unit"])
        b["cool"].add(p["cooling"])
        b["first"] = min(b["first"], dates[0])

    print("\nGPUs per buyer:")
    for k, v in by_buyer.items():
        want = DEAL.get(k) if sc["name"].startswith("korea-2025") else None
        flag = "" if want is None or v == want else f"   <-- expected {want}"
        if flag:
            err(f"buyer {k}: {v} GPUs, expected {want}")
        print(f"  {k:12s} {v:>8,d}{flag}")
    print(f"  {'total':12s} {sum(by_buyer.values()):>8,d}")

    print("\nPer site: GPUs | peak IT of orders vs hall IT | racks | avg draw / reserved / peak facility power vs connections")
    avg_peak = float(sc["operations"]["average_to_peak_power"])
    provisioning = float(sc["operations"].get("power_provisioning", 1.0))
    for s in sc["sites"]:
        b = by_site.get(s["name"])
        halls = s["halls"]
        cap = sum(qty(h["it_capacity"], POWER, "power") for h in halls)
        racks = sum(int(h["racks"]) for h in halls)
        conn = sum(qty(c["capacity"], POWER, "power") for c in s.get("connections", []))
        gen = sum(qty(g["capacity"], POWER, "power") for g in s.get("generation", []))
        if not b:
            print(f"  {s['name']:20s} no orders")
            continue
        # facility draw with the PUE of the halls (capacity-weighted)
        pue = sum(qty(h["it_capacity"], POWER, "power") * float(h["pue"]) for h in halls) / cap
        avg, reserved, peak = b["it"] * avg_peak * pue, b["it"] * provisioning * pue, b["it"] * pue
        hall_cool = {h["cooling"] for h in halls}
        print(f"  {s['name']:20s} {b['gpus']:>7,d} GPUs | IT {b['it']:6.1f} / {cap:6.1f} MW | "
              f"racks {b['racks']:6.0f} / {racks:5d} | {avg:6.1f} / {reserved:6.1f} / {peak:6.1f} MW vs "
              f"{conn + gen:6.1f} MW")
        if b["it"] > cap + 1e-9:
            notes.append(f"{s['name']}: peak IT of orders {b['it']:.1f} MW > halls {cap:.1f} MW")
        if b["racks"] > racks:
            notes.append(f"{s['name']}: racks needed {b['racks']:.0f} > {racks}")
        if not b["cool"] <= hall_cool:
            err(f"{s['name']}: products need cooling {sorted(b['cool'])}, halls offer {sorted(hall_cool)}")
        if avg > conn + gen + 1e-9:
            notes.append(f"{s['name']}: AVERAGE facility draw {avg:.1f} MW > connections {conn + gen:.1f} MW")
        elif reserved > conn + gen + 1e-9:
            notes.append(f"{s['name']}: reserved facility power {reserved:.1f} MW > connections "
                         f"{conn + gen:.1f} MW (units beyond the connections wait for power)")

    # operations
    ops = sc["operations"]
    shares = [float(c["share"]) for c in ops["failure_classes"]]
    print(f"\nfailure-class shares sum: {sum(shares):.12f}")
    if abs(sum(shares) - 1) > 1e-9:
        err(f"failure shares sum to {sum(shares)}")
    for c in ops["failure_classes"]:
        if not 0 <= float(c["replacement_fraction"]) <= 1:
            err(f"failure class {c['name']}: replacement_fraction")
    for h in sc.get("export_holds", []):
        if not 0 <= float(h["probability"]) <= 1:
            err(f"export hold {h['name']}: probability")
        for b in h.get("buyers", []):
            if b not in buyers:
                err(f"export hold {h['name']}: unknown buyer {b}")


def main(argv):
    paths = argv[1:] or sorted(
        [os.path.join(HERE, f) for f in os.listdir(HERE) if f.endswith(".yaml")]
        + [os.path.join(HERE, "examples", f) for f in os.listdir(os.path.join(HERE, "examples"))
           if f.endswith(".yaml")])
    for p in paths:
        n_err = len(errors)
        try:
            check(p)
        except Exception as e:  # noqa: BLE001 - report and continue with the next file
            err(f"{p}: {type(e).__name__}: {e}")
        for e in errors[n_err:]:
            print(f"ERROR: {e}")
    print("\nNotes (capacity shortfalls; some are deliberate, see the YAML comments):")
    for n in dict.fromkeys(notes):
        print(f"  - {n}")
    print(f"\n{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
