#!/usr/bin/python3
"""Figures of a sovsim output file, for a first look and for reports.

    /usr/bin/python3 scripts/plot.py FILE.h5 [-o DIR] [--format png|pdf|svg] [--dpi N]

A run file (`sovsim run`) gives:
  rollout.png           national S-curve: GPUs operational against GPUs delivered and ordered,
                        with the dates at which 50/90/100 % had entered service
  rollout_by_buyer.png  operational GPUs per buyer
  idle_by_reason.png    GPUs delivered but not working, stacked by reason, over time
  power_by_site.png     per site: power requested by the GPUs on site, power demand, power allocated
  power_by_zone.png     per grid zone: facility demand, grid power allocated, headroom
  land_by_site.png      per site: land used against the site's land limit

A sweep file (`sovsim sweep`) gives:
  sweep_rollout.png     operational GPUs: median and 5-95 % band (per design point, or across points)
  sweep_idle.png        GPUs idle by reason: median and 5-95 % band
  sweep_power.png       national facility power draw: median and 5-95 % band
  sweep_indicators.png  headline indicators: median and 5-95 % range per design point
  sweep_sensitivity.png Sobol first-order and total indices, or Morris mu* and sigma, per parameter

Figures whose variables are absent from the file are skipped with a message on stderr.

Run it with Debian's /usr/bin/python3 (python3-xarray, python3-matplotlib, python3-netcdf4): a
pyenv or venv python does not see those packages. Reads the layout of docs/output-format.md only.
"""

import argparse
import math
import os
import sys
import warnings

# ---------------------------------------------------------------------------------------------
# Every variable, dimension and label the figures use, in one place. A name that may still change
# in the model has several candidates: the first present in the file is used.
# ---------------------------------------------------------------------------------------------
DIM = {
    "time": "time",
    "site": "site",
    "zone": "zone",
    "state": "state",
    "buyer": "buyer",
    # sweep files
    "run": "run",
    "point": "point",
    "quantile": "quantile",
    "parameter": "parameter",
    "indicator": "indicator",
}

RUN_VARS = {
    "gpus": ["gpus"],  # (time, site, state)
    "gpus_national": ["gpus_national"],  # (time, state), optional shortcut for the sum over sites
    "gpus_by_buyer": ["gpus_operational_by_buyer"],  # (time, buyer)
    "power_requested": ["power_requested_mw"],  # (time, site)
    "power_demand": ["power_demand_mw"],  # (time, site)
    "power_allocated": ["power_allocated_mw"],  # (time, site)
    "zone_demand": ["zone_power_demand_mw"],  # (time, zone)
    "zone_load": ["zone_load_mw"],  # (time, zone)
    "zone_headroom": ["zone_headroom_mw"],  # (time, zone)
    "land_used": ["land_used_ha"],  # (time, site)
    "land_limit": ["site_land_ha", "land_ha", "land_limit_ha"],  # (site) or (time, site)
    "date_50": ["date_operational_50pct"],  # static, CF time
    "date_90": ["date_operational_90pct"],
    "date_100": ["date_operational_100pct"],
}

# GPU states (labels along the `state` axis).
STATE = {
    "operational": "operational",
    # arrived in the country: everything after in_transit / held
    "delivered": [
        "waiting_construction",
        "waiting_land",
        "waiting_power",
        "waiting_crew",
        "installing",
        "operational",
        "in_repair",
        "retired",
    ],
}

# Idle by reason: state label -> legend text, bottom of the stack first.
IDLE_REASONS = {
    "held": "held by an export-licence hold",
    "waiting_construction": "waiting for a hall to be built",
    "waiting_land": "waiting for land",
    "waiting_power": "waiting for power",
    "waiting_crew": "waiting for an installation crew",
    "in_repair": "in repair",
}

# Sweep files: a series X is stored as X(run, time) (keep: series), X_mean(point, time) and
# X_quantile(point, quantile, time); an indicator Y as Y(run), Y_mean(point), Y_quantile(point, quantile).
SWEEP_VARS = {
    "operational": ["gpus_operational"],
    "delivered": [],  # not in sweep files yet (sums of quantiles are not quantiles)
    "power_draw": ["national_power_draw_mw"],
    "it_power": ["national_it_power_mw"],
    "idle_prefix": "gpus_",  # + state label, e.g. gpus_waiting_power
    "point_values": ["point_parameter_value"],  # (point, parameter)
    "parameter_units": ["parameter_units"],  # (parameter), text
    "sobol_first": ["sobol_first"],  # (indicator, parameter), with _low / _high
    "sobol_total": ["sobol_total"],
    "morris_mu_star": ["morris_mu_star"],
    "morris_sigma": ["morris_sigma"],
}
SWEEP_MEAN_SUFFIX = "_mean"
SWEEP_QUANTILE_SUFFIX = "_quantile"
SWEEP_CI_SUFFIXES = ("_low", "_high")

# Headline indicators of sweep files shown in sweep_indicators.png and sweep_sensitivity.png (the
# first present, up to the limits below); other indicators are used when none of these is there.
SWEEP_INDICATORS = [
    "days_to_50pct",
    "days_to_90pct",
    "days_to_100pct",
    "gpus_operational_at_end",
    "peak_facility_power_mw",
    "energy_twh",
    "emissions_mt",
    "gpu_days_waiting_power",
    "gpu_days_waiting_construction",
]
MAX_INDICATOR_PANELS = 6
MAX_SENSITIVITY_PANELS = 6
MAX_BAND_POINTS = 6  # more design points than this: bands across points instead of one per point

# Root attributes shown in the footnote of every figure (first present).
FOOTNOTE_ATTRIBUTES = {
    "scenario": ["scenario_name", "title"],
    "seed": ["seed", "random_seed"],
    "version": ["sovsim_version", "source"],
    "sweep": ["sweep_hash"],
}

# ---------------------------------------------------------------------------------------------

PROGRAM = "plot.py"

# Okabe-Ito: distinguishable with the common colour-vision deficiencies, and in greyscale print.
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
IDLE_COLOURS = {
    "held": "#999999",
    "waiting_construction": "#E69F00",
    "waiting_land": "#8C6D31",
    "waiting_power": "#D55E00",
    "waiting_crew": "#56B4E9",
    "in_repair": "#CC79A7",
}


def fail(message, code=2):
    print(f"{PROGRAM}: {message}", file=sys.stderr)
    sys.exit(code)


def require(module, debian_package):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as error:
        fail(
            f"cannot import {module} ({error}); install it with: apt-get install {debian_package}, "
            f"and run this script with /usr/bin/python3, not a pyenv/venv python"
        )


np = require("numpy", "python3-numpy")
xr = require("xarray", "python3-xarray")
matplotlib = require("matplotlib", "python3-matplotlib")
matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

plt.rcParams.update(
    {
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "legend.fontsize": 9,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "figure.titlesize": 13,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "savefig.bbox": "tight",
        "savefig.pad_inches": 0.15,
    }
)


# --------------------------------------------------------------------------- file access


def skip(figure, reason):
    print(f"{PROGRAM}: skipping {figure}: {reason}", file=sys.stderr)


def find(ds, candidates, dims=None):
    """The first variable among `candidates` present in `ds` whose dims are exactly `dims` (any order,
    None: any dims), or None."""
    for name in candidates:
        if name in ds.variables and (dims is None or set(ds[name].dims) == set(dims)):
            return ds[name]
    return None


def describe_missing(candidates, dims=None):
    names = " or ".join(f"'{c}'" for c in candidates) if candidates else "(none defined)"
    where = f" with dims ({', '.join(dims)})" if dims else ""
    return f"the file has no variable {names}{where}"


def attribute(ds, key):
    for name in FOOTNOTE_ATTRIBUTES[key]:
        if name in ds.attrs:
            value = ds.attrs[name]
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return None


def units_of(da, default=""):
    units = da.attrs.get("units", default)
    return "" if units == "1" else units


def open_file(path):
    if not os.path.exists(path):
        fail(f"{path}: no such file")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # NaN (never reached) dates warn when decoded
            ds = xr.open_dataset(path)
            ds.load()
    except Exception as error:  # noqa: BLE001 - every reader failure means the same to the user
        fail(f"{path}: cannot read it as a netCDF-4/HDF5 file ({error})")
    if "format_version" not in ds.attrs:
        fail(f"{path}: not a sovsim output file (no format_version attribute)")
    major = str(ds.attrs["format_version"]).split(".")[0]
    if major != "1":
        print(
            f"{PROGRAM}: warning: {path} has format_version {ds.attrs['format_version']}; this script "
            f"reads version 1.x, figures may be wrong",
            file=sys.stderr,
        )
    return ds


def is_sweep(ds):
    return DIM["run"] in ds.dims or DIM["point"] in ds.dims


def labels(da_or_ds, dim):
    return [str(v) for v in da_or_ds[dim].values]


# --------------------------------------------------------------------------- formatting


def human_number(x, _pos=None):
    """Axis tick labels: 1,500 / 25k / 1.2M."""
    if x is None or not np.isfinite(x):
        return ""
    a = abs(x)
    if a >= 1e9:
        return f"{x / 1e9:.3g}G"
    if a >= 1e6:
        return f"{x / 1e6:.3g}M"
    if a >= 1e4:
        return f"{x / 1e3:.3g}k"
    if a >= 100 or x == int(x):
        return f"{x:,.0f}"
    return f"{x:.3g}"


def count_axis(ax):
    ax.yaxis.set_major_formatter(FuncFormatter(human_number))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, min_n_ticks=3))


def date_axis(ax):
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def iso_date(value):
    if value is None:
        return None
    value = np.datetime64(value, "D")
    if np.isnat(value):
        return None
    return str(value)


def footnote(fig, ds, extra=None):
    parts = []
    scenario = attribute(ds, "scenario")
    if scenario:
        parts.append(str(scenario))
    seed = attribute(ds, "seed")
    if seed is not None:
        parts.append(f"seed {seed}")
    sweep = attribute(ds, "sweep")
    if sweep:
        parts.append(f"sweep {sweep}")
    version = attribute(ds, "version")
    if version:
        parts.append(f"sovsim {version}" if not str(version).startswith("sovsim") else str(version))
    if extra:
        parts.append(extra)
    if parts:
        fig.text(0.995, 0.002, "  ·  ".join(parts), ha="right", va="bottom", fontsize=7.5, color="#666666")


def save(fig, ds, out_dir, name, args, written, note=None):
    footnote(fig, ds, note)
    path = os.path.join(out_dir, f"{name}.{args.format}")
    fig.savefig(path, dpi=args.dpi)
    plt.close(fig)
    written.append(path)
    print(f"wrote {path}")


def grid_shape(n, max_cols=4):
    cols = min(max_cols, n) if n > 1 else 1
    if n > 4 and n <= 6:
        cols = 3
    rows = math.ceil(n / cols)
    return rows, cols


def small_multiples(n, width=12.0, panel_height=2.2, max_cols=4, extra_panel=False):
    """A grid of n panels sharing the time axis; returns (fig, axes used, spare axis or None)."""
    total = n + (1 if extra_panel else 0)
    rows, cols = grid_shape(total, max_cols)
    fig, axes = plt.subplots(
        rows, cols, figsize=(width, 0.9 + panel_height * rows), sharex=True, squeeze=False, layout="constrained"
    )
    flat = list(axes.flat)
    used = flat[:n]
    spare = flat[n] if extra_panel and n < len(flat) else None
    for ax in flat[n + (1 if spare is not None else 0) :]:
        ax.set_visible(False)
    if spare is not None:
        spare.axis("off")
    # Date labels under the last visible panel of every column.
    for col in range(cols):
        column = [flat[r * cols + col] for r in range(rows) if r * cols + col < n]
        for ax in column[:-1]:
            ax.tick_params(labelbottom=False)
        if column:
            column[-1].tick_params(labelbottom=True)
            column[-1].xaxis.set_tick_params(which="both", labelbottom=True)
    return fig, used, spare


# --------------------------------------------------------------------------- run figures


def national_states(ds):
    """GPUs by state summed over sites, (time, state), or None."""
    gpus = find(ds, RUN_VARS["gpus"], (DIM["time"], DIM["site"], DIM["state"]))
    if gpus is not None:
        return gpus.sum(DIM["site"], skipna=True, min_count=1)
    return find(ds, RUN_VARS["gpus_national"], (DIM["time"], DIM["state"]))


def run_rollout(ds, out_dir, args, written):
    name = "rollout"
    states = national_states(ds)
    if states is None:
        skip(name, describe_missing(RUN_VARS["gpus"] + RUN_VARS["gpus_national"], ("time", "site", "state")))
        return
    present = labels(states, DIM["state"])
    if STATE["operational"] not in present:
        skip(name, f"the state axis has no '{STATE['operational']}' label (labels: {', '.join(present)})")
        return
    time = states[DIM["time"]].values
    operational = states.sel({DIM["state"]: STATE["operational"]}).values
    ordered = states.sum(DIM["state"]).values
    delivered_states = [s for s in STATE["delivered"] if s in present]
    missing = [s for s in STATE["delivered"] if s not in present]
    if missing:
        print(f"{PROGRAM}: {name}: states {', '.join(missing)} not in the file; 'delivered' leaves them out",
              file=sys.stderr)
    delivered = states.sel({DIM["state"]: delivered_states}).sum(DIM["state"]).values

    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    total = float(np.nanmax(ordered)) if np.isfinite(ordered).any() else float("nan")
    ax.plot(time, ordered, color="#999999", lw=1.2, ls="--", label="ordered")
    ax.plot(time, delivered, color=COLOURS[1], lw=2.2, label="delivered (arrived at a site)")
    ax.fill_between(time, operational, delivered, where=delivered >= operational, color=COLOURS[1], alpha=0.12,
                    lw=0, label="delivered, not operational")
    ax.plot(time, operational, color=COLOURS[0], lw=2.6, label="operational")
    count_axis(ax)
    date_axis(ax)
    ax.set_ylim(0, max(1.0, total * 1.05 if np.isfinite(total) else 1.0))
    ax.set_xlim(time[0], time[-1])
    ax.set_ylabel("GPUs")
    ax.set_title("National rollout: GPUs operational against GPUs delivered")
    if np.isfinite(total) and total > 0:
        right = ax.secondary_yaxis("right", functions=(lambda y: 100 * y / total, lambda p: p * total / 100))
        right.set_ylabel("% of GPUs ordered")
        right.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))

    # Milestones: when 50 / 90 / 100 % of the GPUs ordered had entered service.
    notes = []
    for key, share in (("date_50", "50 %"), ("date_90", "90 %"), ("date_100", "100 %")):
        var = find(ds, RUN_VARS[key], ())
        if var is None:
            continue
        date = iso_date(var.values)
        if date is None:
            notes.append(f"{share} in service: not reached by {iso_date(time[-1])}")
            continue
        ax.axvline(np.datetime64(date), color="#444444", lw=0.8, ls=":")
        ax.annotate(f"{share} in service\n{date}", xy=(np.datetime64(date), 0.02), xycoords=("data", "axes fraction"),
                    xytext=(3, 0), textcoords="offset points", fontsize=8, color="#444444", va="bottom")
    if notes:
        ax.text(0.01, 0.98, "\n".join(notes), transform=ax.transAxes, fontsize=8, color="#444444", va="top")
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.93) if notes else (0.0, 1.0))
    save(fig, ds, out_dir, name, args, written)


def run_by_buyer(ds, out_dir, args, written):
    name = "rollout_by_buyer"
    var = find(ds, RUN_VARS["gpus_by_buyer"], (DIM["time"], DIM["buyer"]))
    if var is None:
        skip(name, describe_missing(RUN_VARS["gpus_by_buyer"], ("time", "buyer")))
        return
    time = var[DIM["time"]].values
    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    buyers = labels(var, DIM["buyer"])
    finals = var.isel({DIM["time"]: -1}).values
    order = np.argsort(-np.nan_to_num(finals))
    for rank, b in enumerate(order):
        colour = COLOURS[rank % len(COLOURS)]
        ls = "-" if rank < len(COLOURS) else "--"
        ax.plot(time, var.isel({DIM["buyer"]: b}).values, lw=2, color=colour, ls=ls, label=buyers[b])
    count_axis(ax)
    date_axis(ax)
    ax.set_xlim(time[0], time[-1])
    ax.set_ylim(bottom=0)
    ax.set_ylabel("operational GPUs")
    ax.set_title("Operational GPUs by buyer")
    ax.legend(title="buyer (largest first)", loc="upper left", ncol=1 if len(buyers) <= 8 else 2)
    save(fig, ds, out_dir, name, args, written)


def run_idle(ds, out_dir, args, written):
    name = "idle_by_reason"
    states = national_states(ds)
    if states is None:
        skip(name, describe_missing(RUN_VARS["gpus"] + RUN_VARS["gpus_national"], ("time", "site", "state")))
        return
    present = labels(states, DIM["state"])
    reasons = [s for s in IDLE_REASONS if s in present]
    if not reasons:
        skip(name, f"the state axis has none of the idle states {', '.join(IDLE_REASONS)}")
        return
    time = states[DIM["time"]].values
    series = {s: np.nan_to_num(states.sel({DIM["state"]: s}).values) for s in reasons}
    shown = [s for s in reasons if np.any(series[s] > 0)]
    never = [s for s in reasons if s not in shown]
    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    if shown:
        ax.stackplot(time, [series[s] for s in shown], labels=[IDLE_REASONS[s] for s in shown],
                     colors=[IDLE_COLOURS.get(s, "#777777") for s in shown], alpha=0.9, lw=0)
        handles, texts = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], texts[::-1], loc="upper left", title="GPUs delivered or held, and")
    else:
        ax.text(0.5, 0.5, "no GPU was ever idle", transform=ax.transAxes, ha="center")
    if never:
        ax.text(0.99, 0.98, "never occurred: " + ", ".join(IDLE_REASONS[s] for s in never), transform=ax.transAxes,
                ha="right", va="top", fontsize=8, color="#444444", wrap=True)
    count_axis(ax)
    date_axis(ax)
    ax.set_xlim(time[0], time[-1])
    ax.set_ylim(bottom=0)
    ax.set_ylabel("GPUs idle")
    ax.set_title("GPUs idle by reason (national)")
    save(fig, ds, out_dir, name, args, written)


def per_entity_power(ds, out_dir, args, written, name, dim, lines, title, entity):
    """Small multiples of power per site or zone. `lines`: (key, label, style) in drawing order; style
    'area' fills under the line."""
    found = [(find(ds, RUN_VARS[key], (DIM["time"], DIM[dim])), key, label, style) for key, label, style in lines]
    missing = [key for var, key, _, _ in found if var is None]
    found = [f for f in found if f[0] is not None]
    if len(found) < 2:
        skip(name, describe_missing([c for key in missing for c in RUN_VARS[key]], ("time", dim)))
        return
    if missing:
        print(f"{PROGRAM}: {name}: drawing without {', '.join(RUN_VARS[k][0] for k in missing)} (not in the file)",
              file=sys.stderr)
    first = found[0][0]
    names = labels(first, DIM[dim])
    time = first[DIM["time"]].values
    units = units_of(first, "MW") or "MW"
    fig, axes, spare = small_multiples(len(names), extra_panel=True)
    handles = []
    for i, (ax, entity_name) in enumerate(zip(axes, names)):
        for var, key, label, style in found:
            y = var.isel({DIM[dim]: i}).values
            if style["kind"] == "area":
                h = ax.fill_between(time, 0, y, color=style["colour"], alpha=0.35, lw=0, label=label)
                ax.plot(time, y, color=style["colour"], lw=0.8)
            else:
                (h,) = ax.plot(time, y, color=style["colour"], lw=style.get("lw", 1.6), ls=style.get("ls", "-"),
                               label=label)
            if i == 0:
                handles.append(h)
        ax.set_title(entity_name, fontsize=10, loc="left")
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4, min_n_ticks=3))
        ax.yaxis.set_major_formatter(FuncFormatter(human_number))
        date_axis(ax)
    ax0 = axes[0]
    ax0.set_xlim(time[0], time[-1])
    fig.supylabel(f"power ({units})")
    fig.suptitle(title)
    legend_kw = dict(handles=handles, title=f"per {entity}", loc="center", fontsize=9)
    if spare is not None:
        spare.legend(**legend_kw)
    else:
        fig.legend(**dict(legend_kw, loc="outside lower center", ncol=len(handles)))
    save(fig, ds, out_dir, name, args, written)


def run_power_sites(ds, out_dir, args, written):
    per_entity_power(
        ds, out_dir, args, written, "power_by_site", "site",
        [
            ("power_allocated", "power allocated (grid + on-site)", {"kind": "area", "colour": COLOURS[2]}),
            ("power_requested", "requested by all GPUs on site", {"kind": "line", "colour": COLOURS[3], "ls": "--"}),
            ("power_demand", "demand of powered GPUs (facility)", {"kind": "line", "colour": COLOURS[0], "lw": 1.4}),
        ],
        "Power demand against power allocated, per site (facility power at peak)", "site",
    )


def run_power_zones(ds, out_dir, args, written):
    per_entity_power(
        ds, out_dir, args, written, "power_by_zone", "zone",
        [
            ("zone_load", "grid power allocated to the zone's sites", {"kind": "area", "colour": COLOURS[2]}),
            ("zone_demand", "facility demand of the zone's sites", {"kind": "line", "colour": COLOURS[0]}),
            ("zone_headroom", "zone headroom for new load", {"kind": "line", "colour": "#444444", "ls": ":",
                                                             "lw": 1.4}),
        ],
        "Power demand against power allocated, per grid zone", "zone",
    )


def run_land(ds, out_dir, args, written):
    name = "land_by_site"
    used = find(ds, RUN_VARS["land_used"], (DIM["time"], DIM["site"]))
    if used is None:
        skip(name, describe_missing(RUN_VARS["land_used"], ("time", "site")))
        return
    sites = labels(used, DIM["site"])
    peak = np.nan_to_num(used.max(DIM["time"], skipna=True).values)
    limit_var = find(ds, RUN_VARS["land_limit"], (DIM["site"],))
    if limit_var is None:
        limit_var = find(ds, RUN_VARS["land_limit"], (DIM["time"], DIM["site"]))
        if limit_var is not None:
            limit_var = limit_var.isel({DIM["time"]: -1})
    note = None
    if limit_var is None:
        print(f"{PROGRAM}: {name}: {describe_missing(RUN_VARS['land_limit'], ('site',))}; drawing land used only",
              file=sys.stderr)
        note = "site land limits are not in this file"
        limit = None
    else:
        limit = limit_var.sel({DIM["site"]: sites}).values.astype(float)
    units = units_of(used, "ha") or "ha"
    order = np.argsort(peak)  # largest at the top
    y = np.arange(len(sites))
    fig, ax = plt.subplots(figsize=(9, 0.8 + 0.42 * len(sites)), layout="constrained")
    if limit is not None:
        ax.barh(y, limit[order], color="none", edgecolor="#444444", lw=1.0, height=0.7, label="land limit")
    colours = [COLOURS[3] if limit is not None and np.isfinite(limit[i]) and peak[i] >= limit[i] * 0.999
               else COLOURS[0] for i in order]
    ax.barh(y, peak[order], color=colours, height=0.7 if limit is None else 0.45, label="land used (peak)")
    for yi, i in zip(y, order):
        text = f"{peak[i]:,.1f}"
        if limit is not None and np.isfinite(limit[i]) and limit[i] > 0:
            text += f" of {limit[i]:,.1f} {units} ({100 * peak[i] / limit[i]:.0f} %)"
        else:
            text += f" {units}"
        right = max(peak[i], limit[i] if limit is not None and np.isfinite(limit[i]) else 0)
        ax.text(right, yi, "  " + text, va="center", fontsize=8.5)
    ax.set_yticks(y, [sites[i] for i in order])
    ax.set_xlabel(f"land ({units})")
    ax.grid(axis="y", visible=False)
    xmax = max(float(np.nanmax(peak)) if len(peak) else 1.0,
               float(np.nanmax(limit)) if limit is not None and np.isfinite(limit).any() else 0.0)
    ax.set_xlim(0, xmax * 1.45 if xmax > 0 else 1)
    ax.set_title("Land used per site" + (" against its limit" if limit is not None else ""))
    if limit is not None:
        ax.legend(loc="lower right")
    save(fig, ds, out_dir, name, args, written, note)


# --------------------------------------------------------------------------- sweep figures


def quantile_index(da, level):
    levels = da[DIM["quantile"]].values.astype(float)
    i = int(np.argmin(np.abs(levels - level)))
    if abs(levels[i] - level) > 1e-9:
        return None
    return i


def parameter_text(ds, point):
    """'capital.headroom = 150 MW, ...' for a design point, or 'point N'."""
    values = find(ds, SWEEP_VARS["point_values"], (DIM["point"], DIM["parameter"]))
    if values is None:
        return f"point {point}"
    units_var = find(ds, SWEEP_VARS["parameter_units"], (DIM["parameter"],))
    units = [str(u) for u in units_var.values] if units_var is not None else [""] * values.sizes[DIM["parameter"]]
    parts = []
    for k, key in enumerate(labels(values, DIM["parameter"])):
        short = ".".join(key.split(".")[-2:])
        v = float(values.isel({DIM["point"]: point, DIM["parameter"]: k}).values)
        parts.append(f"{short} = {v:g}{' ' + units[k] if units[k] else ''}")
    return ", ".join(parts)


class Band:
    """Median and 5-95 % band of a sweep series over time: per design point (few points), or across
    runs / design points (many)."""

    def __init__(self, time, curves, how):
        self.time = time
        self.curves = curves  # [(label, median, low, high)]
        self.how = how  # a sentence for the figure


def sweep_band(ds, candidates):
    """The band of the first series in `candidates`, or (None, reason)."""
    for base in candidates:
        quant = find(ds, [base + SWEEP_QUANTILE_SUFFIX], (DIM["point"], DIM["quantile"], DIM["time"]))
        runs = find(ds, [base], (DIM["run"], DIM["time"]))
        mean = find(ds, [base + SWEEP_MEAN_SUFFIX], (DIM["point"], DIM["time"]))
        points = ds.sizes.get(DIM["point"], 0)
        if quant is not None and 0 < points <= MAX_BAND_POINTS:
            qi = [quantile_index(quant, q) for q in (0.5, 0.05, 0.95)]
            if None in qi:
                continue
            curves = []
            for p in range(points):
                sel = quant.isel({DIM["point"]: p})
                curves.append((parameter_text(ds, p) if points > 1 else None,
                               *(sel.isel({DIM["quantile"]: i}).values for i in qi)))
            reps = ds.attrs.get("replications")
            how = f"median and 5–95 % band over {reps} replications" if reps else "median and 5–95 % band"
            return Band(quant[DIM["time"]].values, curves, how), None
        if runs is not None:
            v = runs.values
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                curves = [(None, np.nanmedian(v, axis=0), np.nanquantile(v, 0.05, axis=0),
                           np.nanquantile(v, 0.95, axis=0))]
            return Band(runs[DIM["time"]].values, curves, f"median and 5–95 % band across all {v.shape[0]} runs"), None
        if mean is not None:
            v = mean.values
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                curves = [(None, np.nanmedian(v, axis=0), np.nanquantile(v, 0.05, axis=0),
                           np.nanquantile(v, 0.95, axis=0))]
            return Band(mean[DIM["time"]].values, curves,
                        f"median and 5–95 % range across {v.shape[0]} design points (means over replications)"), None
    names = ", ".join(f"{c}{SWEEP_QUANTILE_SUFFIX}(point, quantile, time) or {c}(run, time)" for c in candidates)
    return None, f"the file has no series {names or '(none defined)'} (was the sweep run with keep: headline?)"


def draw_band(ax, band, colours=COLOURS, single_colour=None):
    handles = []
    for k, (label, median, low, high) in enumerate(band.curves):
        c = single_colour or colours[k % len(colours)]
        ax.fill_between(band.time, low, high, color=c, alpha=0.2, lw=0)
        (h,) = ax.plot(band.time, median, color=c, lw=2, label=label)
        handles.append(h)
    ax.set_xlim(band.time[0], band.time[-1])
    date_axis(ax)
    count_axis(ax)
    return handles


def band_legend(ax, band, loc="upper left"):
    from matplotlib.patches import Patch

    handles, texts = ax.get_legend_handles_labels()
    extra = [Patch(color="#999999", alpha=0.35, label="5–95 %")]
    if len(band.curves) > 1:
        ax.legend(handles + extra, texts + ["5–95 %"], loc=loc, title="design point: median")
    else:
        from matplotlib.lines import Line2D

        ax.legend([Line2D([], [], color=COLOURS[0], lw=2)] + extra, ["median", "5–95 %"], loc=loc)


def sweep_rollout(ds, out_dir, args, written):
    name = "sweep_rollout"
    band, why = sweep_band(ds, SWEEP_VARS["operational"])
    if band is None:
        skip(name, why)
        return
    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    draw_band(ax, band)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("operational GPUs")
    ax.set_title("National rollout: operational GPUs")
    band_legend(ax, band)
    save(fig, ds, out_dir, name, args, written, band.how)


def sweep_power(ds, out_dir, args, written):
    name = "sweep_power"
    band, why = sweep_band(ds, SWEEP_VARS["power_draw"])
    if band is None:
        skip(name, why)
        return
    base = next(c for c in SWEEP_VARS["power_draw"] if find(ds, [c + SWEEP_QUANTILE_SUFFIX, c, c + SWEEP_MEAN_SUFFIX]) is not None)
    var = find(ds, [base + SWEEP_QUANTILE_SUFFIX, base, base + SWEEP_MEAN_SUFFIX])
    units = units_of(var, "MW") or "MW"
    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    draw_band(ax, band)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(f"power ({units})")
    ax.set_title("National facility power draw")
    band_legend(ax, band)
    save(fig, ds, out_dir, name, args, written, band.how)


def sweep_idle(ds, out_dir, args, written):
    name = "sweep_idle"
    bands = []
    for state, text in IDLE_REASONS.items():
        band, _ = sweep_band(ds, [SWEEP_VARS["idle_prefix"] + state])
        if band is not None and any(np.nanmax(np.nan_to_num(c[3])) > 0 for c in band.curves):
            bands.append((state, text, band))
    if not bands:
        skip(name, f"the file has no non-zero series {SWEEP_VARS['idle_prefix']}<state>{SWEEP_QUANTILE_SUFFIX} for "
                   f"the idle states {', '.join(IDLE_REASONS)}")
        return
    fig, axes, spare = small_multiples(len(bands), width=11, panel_height=2.6, max_cols=2,
                                       extra_panel=len(bands[0][2].curves) > 1)
    for ax, (state, text, band) in zip(axes, bands):
        if len(band.curves) > 1:
            draw_band(ax, band)
        else:
            draw_band(ax, band, single_colour=IDLE_COLOURS.get(state, COLOURS[0]))
        ax.set_title(text, loc="left", fontsize=10)
        ax.set_ylim(bottom=0)
    fig.supylabel("GPUs idle")
    fig.suptitle("GPUs idle by reason (national): median and 5–95 % band")
    if spare is not None:
        handles, texts = axes[0].get_legend_handles_labels()
        spare.legend(handles, texts, loc="center", title="design point (median; band 5–95 %)")
    save(fig, ds, out_dir, name, args, written, bands[0][2].how)


def pick_indicators(ds, available, limit):
    chosen = [i for i in SWEEP_INDICATORS if i in available]
    if not chosen:
        chosen = list(available)
    return chosen[:limit]


def sweep_indicators(ds, out_dir, args, written):
    name = "sweep_indicators"
    points = ds.sizes.get(DIM["point"], 0)
    available = [v for v in ds.data_vars
                 if v.endswith(SWEEP_QUANTILE_SUFFIX)
                 and set(ds[v].dims) == {DIM["point"], DIM["quantile"]}]
    available = {v[: -len(SWEEP_QUANTILE_SUFFIX)]: ds[v] for v in available}
    if not available:
        skip(name, f"the file has no indicator <name>{SWEEP_QUANTILE_SUFFIX}(point, quantile)")
        return
    chosen = pick_indicators(ds, available, MAX_INDICATOR_PANELS)
    chosen = [c for c in chosen if np.isfinite(available[c].values).any()] or chosen
    many = points > 12
    rows, cols = grid_shape(len(chosen), 3)
    fig, axes = plt.subplots(rows, cols, figsize=(11, 0.9 + 2.6 * rows), squeeze=False, layout="constrained")
    flat = list(axes.flat)
    for ax in flat[len(chosen):]:
        ax.set_visible(False)
    for ax, ind in zip(flat, chosen):
        q = available[ind]
        qi = [quantile_index(q, level) for level in (0.5, 0.05, 0.95)]
        units = units_of(q)
        title = ind.replace("_", " ")
        if many:
            runs = find(ds, [ind], (DIM["run"],))
            values = runs.values if runs is not None else q.isel({DIM["quantile"]: qi[0]}).values
            values = values[np.isfinite(values)]
            if len(values):
                ax.hist(values, bins=min(30, max(5, len(values) // 5)), color=COLOURS[0], alpha=0.8)
            never = (runs.size if runs is not None else points) - len(values)
            if never:
                ax.text(0.98, 0.95, f"{never} not reached", transform=ax.transAxes, ha="right", va="top", fontsize=8)
            ax.set_xlabel(units or "value")
            ax.set_ylabel("runs" if runs is not None else "design points")
        else:
            x = np.arange(points)
            med = q.isel({DIM["quantile"]: qi[0]}).values
            lo = q.isel({DIM["quantile"]: qi[1]}).values
            hi = q.isel({DIM["quantile"]: qi[2]}).values
            ok = np.isfinite(med)
            ax.errorbar(x[ok], med[ok], yerr=[med[ok] - lo[ok], hi[ok] - med[ok]], fmt="o", color=COLOURS[0],
                        capsize=4, lw=1.5)
            for xi in x[~ok]:
                ax.text(xi, 0.5, "not\nreached", transform=ax.get_xaxis_transform(), ha="center", fontsize=7.5,
                        color="#666666")
            ax.set_xticks(x, [str(p) for p in x] if points > 1 else [""])
            ax.set_xlim(-0.6, points - 0.4)
            ax.set_xlabel("design point" if points > 1 else "")
            ax.set_ylabel(units or "")
            ax.yaxis.set_major_formatter(FuncFormatter(human_number))
            ax.grid(axis="x", visible=False)
        ax.set_title(title, fontsize=10, loc="left")
    how = ("distribution over runs" if many else "median and 5–95 % range over replications per design point")
    fig.suptitle("Headline indicators: " + how)
    note = None
    if 1 < points <= 12:
        note = "points: " + "; ".join(f"{p}: {parameter_text(ds, p)}" for p in range(points))
        if len(note) > 160:
            note = "design points: see point_parameter_value in the file"
    save(fig, ds, out_dir, name, args, written, note)


def sweep_sensitivity(ds, out_dir, args, written):
    name = "sweep_sensitivity"
    dims = (DIM["indicator"], DIM["parameter"])
    s1 = find(ds, SWEEP_VARS["sobol_first"], dims)
    st = find(ds, SWEEP_VARS["sobol_total"], dims)
    mu = find(ds, SWEEP_VARS["morris_mu_star"], dims)
    sigma = find(ds, SWEEP_VARS["morris_sigma"], dims)
    if s1 is None and st is None and mu is None:
        if ds.attrs.get("design") in ("sobol", "morris"):
            skip(name, "the file has no sensitivity indices (sobol_first, sobol_total, morris_mu_star)")
        return  # not a sensitivity design: nothing to say
    sobol = s1 is not None or st is not None
    ref = s1 if s1 is not None else (st if st is not None else mu)
    indicators = labels(ref, DIM["indicator"])
    params = labels(ref, DIM["parameter"])
    finite = [i for i in indicators if np.isfinite(ref.sel({DIM["indicator"]: i}).values).any()]
    chosen = pick_indicators(ds, finite, MAX_SENSITIVITY_PANELS)
    if not chosen:
        skip(name, "every sensitivity index in the file is NaN")
        return
    rows, cols = grid_shape(len(chosen), 3 if len(params) <= 4 else 2)
    height = max(2.4, 0.6 + 0.38 * len(params) * (2 if sobol else 1))
    fig, axes = plt.subplots(rows, cols, figsize=(11, 0.9 + height * rows), squeeze=False, layout="constrained",
                             sharey=True)
    flat = list(axes.flat)
    for ax in flat[len(chosen):]:
        ax.set_visible(False)
    short = [".".join(p.split(".")[-2:]) for p in params]
    y = np.arange(len(params))
    for ax, ind in zip(flat, chosen):
        sel = {DIM["indicator"]: ind}
        if sobol:
            bars = [("first-order S1", s1, COLOURS[0], -0.2), ("total ST", st, COLOURS[1], 0.2)]
            for label, var, colour, dy in bars:
                if var is None:
                    continue
                v = var.sel(sel).values
                err = None
                low = find(ds, [var.name + SWEEP_CI_SUFFIXES[0]], dims)
                high = find(ds, [var.name + SWEEP_CI_SUFFIXES[1]], dims)
                if low is not None and high is not None:
                    lo, hi = low.sel(sel).values, high.sel(sel).values
                    err = np.vstack([np.clip(v - lo, 0, None), np.clip(hi - v, 0, None)])
                    err = np.nan_to_num(err)
                ax.barh(y + dy, np.nan_to_num(v), height=0.38, color=colour, label=label, xerr=err,
                        error_kw=dict(lw=1, capsize=2, ecolor="#333333"))
            ax.set_xlabel("Sobol index (share of variance)")
            ax.set_xlim(left=min(0, ax.get_xlim()[0]))
        else:
            v = mu.sel(sel).values
            ax.barh(y - 0.2, np.nan_to_num(v), height=0.38, color=COLOURS[0], label="μ* (mean |effect|)")
            if sigma is not None:
                ax.barh(y + 0.2, np.nan_to_num(sigma.sel(sel).values), height=0.38, color=COLOURS[5],
                        label="σ (spread of effects)")
            units = ""
            q = find(ds, [ind + SWEEP_QUANTILE_SUFFIX, ind])
            if q is not None:
                units = units_of(q)
            ax.set_xlabel(f"elementary effect ({units} per parameter range)" if units else
                          "elementary effect (per parameter range)")
            ax.xaxis.set_major_formatter(FuncFormatter(human_number))
        ax.set_title(ind.replace("_", " "), fontsize=10, loc="left")
        ax.grid(axis="y", visible=False)
        ax.axvline(0, color="#333333", lw=0.8)
    flat[0].set_yticks(y, short)
    flat[0].invert_yaxis()
    handles, texts = flat[0].get_legend_handles_labels()
    fig.legend(handles, texts, loc="outside lower center", ncol=len(handles))
    what = "Sobol indices" if sobol else "Morris screening"
    fig.suptitle(f"Sensitivity of headline indicators to the swept parameters ({what})")
    note = None
    if sobol and s1 is not None and find(ds, [s1.name + SWEEP_CI_SUFFIXES[0]], dims) is not None:
        note = "bars: bootstrap confidence intervals"
    save(fig, ds, out_dir, name, args, written, note)


# --------------------------------------------------------------------------- main

RUN_FIGURES = [run_rollout, run_by_buyer, run_idle, run_power_sites, run_power_zones, run_land]
SWEEP_FIGURES = [sweep_rollout, sweep_idle, sweep_power, sweep_indicators, sweep_sensitivity]


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Figures of a sovsim output file (a run or a sweep). Run with /usr/bin/python3.",
        epilog="Figures whose variables are absent are skipped with a message on stderr.",
    )
    parser.add_argument("file", help="a sovsim output file (.h5)")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="folder for the figures (default: FILE's name without .h5, plus -figures)")
    parser.add_argument("--format", choices=["png", "pdf", "svg"], default="png", help="image format (default png)")
    parser.add_argument("--dpi", type=int, default=150, help="resolution of PNG figures (default 150)")
    args = parser.parse_args(argv)

    ds = open_file(args.file)
    out_dir = args.output or os.path.splitext(args.file)[0] + "-figures"
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as error:
        fail(f"cannot create the output folder {out_dir}: {error.strerror}")

    figures = SWEEP_FIGURES if is_sweep(ds) else RUN_FIGURES
    written = []
    for figure in figures:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices of never-reached indicators
            figure(ds, out_dir, args, written)
    if not written:
        fail(f"{args.file}: none of the figures could be drawn (see the messages above)", code=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
