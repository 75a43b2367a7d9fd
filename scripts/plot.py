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
  sweep_discovery.png   PRIM trade-off curve and chosen box (after `sovsim discover ... --write`)

A sweep with variants (`sovsim compare`, or a sweep file's `variants:`) also gives:
  compare_differences.png  paired differences variant - reference per headline indicator: mean with
                        its 95 % bootstrap interval and the 5-95 % range of the differences
  compare_bands.png     operational GPUs, national and per buyer: median and 5-95 % band of each
                        variant on one figure
  compare_idle_by_buyer.png  idle GPU-days by reason per buyer: paired differences (mean, 95 %
                        bootstrap interval) of each variant, reasons that changed

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
    "variant": "variant",
}

RUN_VARS = {
    "gpus": ["gpus"],  # (time, site, state)
    "gpus_national": ["gpus_national"],  # (time, state), optional shortcut for the sum over sites
    "gpus_by_buyer": ["gpus_operational_by_buyer"],  # (time, buyer)
    "power_requested": ["power_requested_mw"],  # (time, site)
    "power_demand": ["power_demand_mw"],  # (time, site)
    "power_allocated": ["power_allocated_mw"],  # (time, site)
    "grid_connected": ["grid_connected_mw"],  # (time, site), optional
    "zone_demand": ["zone_power_demand_mw"],  # (time, zone)
    "zone_load": ["zone_load_mw"],  # (time, zone)
    "zone_headroom": ["zone_headroom_mw"],  # (time, zone)
    "land_used": ["land_used_ha"],  # (time, site)
    "land_limit": ["site_land_ha", "land_ha", "land_limit_ha"],  # (site) or (time, site)
    "date_50": ["date_operational_50pct"],  # static, CF time
    "date_90": ["date_operational_90pct"],
    "date_100": ["date_operational_100pct"],
}

# GPU states (labels along the `state` axis). Which states are "idle" and "delivered" is read from
# the file (root attributes idle_states, delivered_states, written from the model's output schema).
STATE = {"operational": "operational"}
STATE_GROUP_ATTRIBUTES = {"idle": "idle_states", "delivered": "delivered_states"}

# Legend text of the idle states (labels not listed here are shown with spaces for underscores).
IDLE_TEXT = {
    "held": "held by an export-licence hold",
    "waiting_construction": "waiting for a hall to be built",
    "waiting_land": "waiting for land",
    "waiting_power": "waiting for power",
    "waiting_crew": "waiting for an installation crew",
    "in_repair": "in repair",
}

# Sweep files: a series X is stored as X(run, time) (keep: series), X_mean(point, time) and
# X_quantile(point, quantile, time); an indicator Y as Y(run), Y_mean(point), Y_quantile(point, quantile).
# A run quantity over `state` is kept in sweeps as <name>_<state> (docs/output-reference.md).
SWEEP_VARS = {
    "operational": ["gpus_national_operational"],
    "delivered": [],  # not in sweep files yet (sums of quantiles are not quantiles)
    "power_draw": ["power_draw_national_mw"],
    "it_power": ["it_power_national_mw"],
    "idle_prefix": "gpus_national_",  # + state label, e.g. gpus_national_waiting_power
    "point_values": ["point_parameter_value"],  # (point, parameter)
    "parameter_units": ["parameter_units"],  # (parameter), text
    "sobol_first": ["sobol_first"],  # (indicator, parameter), with _low / _high
    "sobol_total": ["sobol_total"],
    "morris_mu_star": ["morris_mu_star"],
    "morris_sigma": ["morris_sigma"],
}
# Paired comparison of variants (docs/sweeps.md, "Comparing policies"): (variant, indicator) tables.
COMPARE_VARS = {
    "mean": "paired_difference_mean",
    "low": "paired_difference_mean_low",
    "high": "paired_difference_mean_high",
    "quantile": "paired_difference_quantile",  # (variant, indicator, quantile)
    "valued": "paired_valued",
    "equal": "paired_share_equal",
    "direction": "indicator_preferred_direction",  # (indicator), text
    "units": "indicator_difference_units",  # (indicator), text
    "buyer_operational": "gpus_operational_by_buyer",  # sweep_quantity of the per-buyer series
    "idle_by_buyer": "gpu_days_idle_by_buyer",  # sweep_quantity of the per-buyer idle GPU-days by reason
}
MAX_COMPARE_PANELS = 9
SWEEP_MEAN_SUFFIX = "_mean"
SWEEP_QUANTILE_SUFFIX = "_quantile"
SWEEP_CI_SUFFIXES = ("_low", "_high")

# Headline indicators of sweep files shown in sweep_indicators.png and sweep_sensitivity.png: the
# root attribute featured_indicators (from the model's output schema), in its order; a panel's title
# is the variable's short_label attribute, else its long_name. Other indicators are used when none
# of the featured ones is there.
FEATURED_ATTRIBUTE = "featured_indicators"
MAX_INDICATOR_PANELS = 6
MAX_SENSITIVITY_PANELS = 6
MAX_BAND_POINTS = 6  # more design points than this: bands across points instead of one per point
MAX_POINT_ERRORBARS = 12  # more design points than this: histograms of the indicators over runs
# Designs (root attribute `design`) whose points are chosen, so that each is worth its own curve;
# the points of sampled designs (lhs, sobol, morris) are pooled.
CHOSEN_DESIGNS = ("explicit", "grid")

# Root attributes shown in the footnote of every figure (first present).
FOOTNOTE_ATTRIBUTES = {
    "scenario": ["scenario_name", "title"],
    "seed": ["seed", "random_seed"],
    "version": ["sovsim_version", "source"],
    "sweep": ["sweep_hash"],
}

# Fonts tried, after matplotlib's default, for glyphs it lacks (site names may be Korean): Debian's
# fonts-nanum, fonts-noto-cjk, fonts-unfonts-core, fonts-baekmuk.
FALLBACK_FONTS = ["NanumGothic", "Noto Sans CJK KR", "Noto Sans KR", "UnDotum", "Baekmuk Gulim"]
FALLBACK_FONT_FILES = ["nanumgothic.ttf", "notosanscjk-regular.ttc", "notosanscjkkr-regular", "undotum.ttf", "gulim.ttf"]

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


def configure_fonts(ds):
    """Adds the first installed font of FALLBACK_FONTS for glyphs the default font lacks (matplotlib
    >= 3.6 falls back glyph by glyph). Without one, labels with such characters are drawn as boxes:
    say so once, instead of matplotlib's warning per glyph and figure."""
    from matplotlib import font_manager

    def installed():
        names = {f.name for f in font_manager.fontManager.ttflist}
        return [f for f in FALLBACK_FONTS if f in names]

    fallbacks = installed()
    if not fallbacks:  # installed after matplotlib cached its font list: add the files themselves
        for path in font_manager.findSystemFonts():
            if os.path.basename(path).lower() in FALLBACK_FONT_FILES or any(
                    os.path.basename(path).lower().startswith(f) for f in FALLBACK_FONT_FILES):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    pass
        fallbacks = installed()
    if fallbacks:
        plt.rcParams["font.family"] = [plt.rcParams["font.sans-serif"][0]] + fallbacks
        return
    texts = [str(v) for name in ds.coords if ds[name].dtype == object for v in ds[name].values]
    wide = [t for t in texts if any(ord(c) >= 0x2E80 for c in t)]
    if wide:
        print(f"{PROGRAM}: note: no font with the characters of labels such as '{wide[0]}'; they are drawn as "
              f"boxes. Install one with: apt-get install fonts-nanum", file=sys.stderr)
    warnings.filterwarnings("ignore", message="Glyph .* missing from current font")


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
            # Default decoding: dates decode to datetime64, GPU-days ("d") stay numbers; variables
            # are read lazily, when a figure needs them.
            ds = xr.open_dataset(path)
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


def human_number(x, scale=None):
    """Tick labels: 950 / 1,380 / 25k / 1.2M. `scale` (the axis's largest value) keeps one style per axis."""
    if x is None or not np.isfinite(x):
        return ""
    if x == 0:
        return "0"
    a = abs(x) if scale is None else scale
    if a >= 1e9:
        return f"{x / 1e9:.4g}G"
    if a >= 1e6:
        return f"{x / 1e6:.4g}M"
    if a >= 1e4:
        return f"{x / 1e3:.4g}k"
    if x == int(x):
        return f"{x:,.0f}"
    return f"{x:.3g}"


def number_formatter(axis):
    """A tick formatter using one style (plain, k, M) for every tick of `axis` (ax.xaxis or ax.yaxis)."""

    def format_tick(x, _pos=None):
        low, high = axis.get_view_interval()
        return human_number(x, max(abs(low), abs(high)))

    return FuncFormatter(format_tick)


NICE_STEPS = [1, 2, 2.5, 5, 10]


def count_axis(ax, nbins=5):
    ax.yaxis.set_major_formatter(number_formatter(ax.yaxis))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=nbins, steps=NICE_STEPS, min_n_ticks=3))


def pretty_units(units):
    """'TW h' -> 'TWh', '1' -> ''."""
    if units in (None, "1"):
        return ""
    return {"TW h": "TWh", "GW h": "GWh", "MW h": "MWh", "kW h": "kWh", "d": "days"}.get(units, units)


def indicator_label(name, ds=None):
    if ds is not None and name in ds.variables:
        attrs = ds[name].attrs
        return attrs.get("short_label") or attrs.get("long_name") or name.replace("_", " ")
    return name.replace("_", " ")


def state_group(ds, group):
    """The state labels of a group ("idle", "delivered") as the file lists them, or []."""
    value = ds.attrs.get(STATE_GROUP_ATTRIBUTES[group])
    if value is None and DIM["state"] in ds.variables:
        value = ds[DIM["state"]].attrs.get(STATE_GROUP_ATTRIBUTES[group])
    return str(value).split() if value else []


def idle_reasons(ds):
    """Idle state label -> legend text, bottom of the stack first."""
    return {s: IDLE_TEXT.get(s, s.replace("_", " ")) for s in state_group(ds, "idle")}


def date_ticks(axis, maxticks=5):
    """Date ticks on an axis holding matplotlib date numbers, labelled without repeats."""
    locator = mdates.AutoDateLocator(maxticks=maxticks)
    axis.set_major_locator(locator)
    axis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def is_date(values):
    return np.asarray(values).dtype.kind == "M"


def as_numbers(values):
    """Values as floats; dates (datetime64, NaT for never) as matplotlib date numbers (NaN for never)."""
    values = np.asarray(values)
    if not is_date(values):
        return values.astype(float)
    out = np.full(values.shape, np.nan)
    ok = ~np.isnat(values)
    out[ok] = mdates.date2num(values[ok])
    return out


def titles(fig, ax, title, subtitle=None):
    """The figure's title and, on a one-panel figure, a smaller grey subtitle saying what is drawn."""
    fig.suptitle(title)
    if subtitle:
        ax.set_title(subtitle, fontsize=9, color="#555555")


def date_axis(ax, maxticks=8):
    locator = mdates.AutoDateLocator(minticks=3, maxticks=maxticks)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def iso_date(value):
    if value is None:
        return None
    value = np.datetime64(value, "D")
    if np.isnat(value):
        return None
    return str(value)


def footnote(fig, ds, extra=None, y=-0.01):
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
        version = str(version).split(" (git")[0]
        parts.append(version if version.startswith("sovsim") else f"sovsim {version}")
    if extra:
        parts.append(extra)
    if parts:
        fig.text(0.995, y, "  ·  ".join(parts), ha="right", va="top", fontsize=7.5, color="#666666")


def save(fig, ds, out_dir, name, args, written, note=None, footnote_y=-0.01):
    footnote(fig, ds, note, footnote_y)
    path = args.single_file or os.path.join(out_dir, f"{name}.{args.format}")
    fig.savefig(path, dpi=args.dpi)
    plt.close(fig)
    written.append(path)
    print(f"wrote {path}")


def grid_shape(n, max_cols=4):
    cols = min(max_cols, n) if n > 1 else 1
    if 4 < n <= 6 and max_cols >= 3:
        cols = 3
    rows = math.ceil(n / cols)
    return rows, cols


def small_multiples(n, width=12.0, panel_height=2.2, max_cols=4):
    """A grid of n panels sharing the time axis; returns (fig, axes used, spare axis or None). The spare
    axis is the grid's first empty slot, for the legend; without one, put the legend under the figure
    (figure_legend)."""
    rows, cols = grid_shape(n, max_cols)
    fig, axes = plt.subplots(
        rows, cols, figsize=(width, 0.9 + panel_height * rows), sharex=True, squeeze=False, layout="constrained"
    )
    flat = list(axes.flat)
    used = flat[:n]
    spare = flat[n] if n < len(flat) else None
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


def figure_legend(fig, handles, texts, **kw):
    """A legend centred under the figure's panels (save with footnote_y=LEGEND_FOOTNOTE_Y)."""
    fig.legend(handles, texts, loc="upper center", bbox_to_anchor=(0.5, 0.005), ncol=min(len(handles), 4), **kw)


LEGEND_FOOTNOTE_Y = -0.06


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
    group = state_group(ds, "delivered")
    if not group:
        skip(name, f"the file has no {STATE_GROUP_ATTRIBUTES['delivered']} attribute (which states are delivered)")
        return
    delivered_states = [s for s in group if s in present]
    missing = [s for s in group if s not in present]
    if missing:
        print(f"{PROGRAM}: {name}: states {', '.join(missing)} not in the file; 'delivered' leaves them out",
              file=sys.stderr)
    delivered = states.sel({DIM["state"]: delivered_states}).sum(DIM["state"]).values

    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    total = float(np.nanmax(ordered)) if np.isfinite(ordered).any() else float("nan")
    ax.plot(time, ordered, color="#999999", lw=1.2, ls="--", label="ordered")
    ax.plot(time, delivered, color=COLOURS[1], lw=2.2, label="delivered")
    ax.fill_between(time, operational, delivered, where=delivered >= operational, color=COLOURS[1], alpha=0.12,
                    lw=0, label="delivered, not operational")
    ax.plot(time, operational, color=COLOURS[0], lw=2.6, label="operational")
    count_axis(ax)
    date_axis(ax)
    ax.set_ylim(0, max(1.0, total * 1.05 if np.isfinite(total) else 1.0))
    ax.set_xlim(time[0], time[-1])
    ax.set_ylabel("GPUs")
    titles(fig, ax, "National rollout: GPUs operational against GPUs delivered",
           "delivered: arrived at a site; operational: installed, burnt in and working")
    if np.isfinite(total) and total > 0:
        right = ax.secondary_yaxis("right", functions=(lambda y: 100 * y / total, lambda p: p * total / 100))
        right.set_ylabel("% of GPUs ordered")
        right.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=NICE_STEPS))

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
    titles(fig, ax, "Operational GPUs by buyer")
    ax.legend(title="buyer (most operational at the end first)", loc="upper left", ncol=1 if len(buyers) <= 8 else 2)
    save(fig, ds, out_dir, name, args, written)


def run_idle(ds, out_dir, args, written):
    name = "idle_by_reason"
    states = national_states(ds)
    if states is None:
        skip(name, describe_missing(RUN_VARS["gpus"] + RUN_VARS["gpus_national"], ("time", "site", "state")))
        return
    present = labels(states, DIM["state"])
    IDLE_REASONS = idle_reasons(ds)
    if not IDLE_REASONS:
        skip(name, f"the file has no {STATE_GROUP_ATTRIBUTES['idle']} attribute (which states are idle)")
        return
    reasons = [s for s in IDLE_REASONS if s in present]
    if not reasons:
        skip(name, f"the state axis has none of the idle states {', '.join(IDLE_REASONS)}")
        return
    time = states[DIM["time"]].values
    series = {s: np.nan_to_num(states.sel({DIM["state"]: s}).values) for s in reasons}
    shown = [s for s in reasons if np.any(series[s] > 0)]
    never = [s for s in reasons if s not in shown]
    fig, ax = plt.subplots(figsize=(10, 5), layout="constrained")
    if shown:
        ax.stackplot(time, [series[s] for s in shown], labels=[IDLE_REASONS[s] for s in shown],
                     colors=[IDLE_COLOURS.get(s, "#777777") for s in shown], alpha=0.9, lw=0)
        handles, texts = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], texts[::-1], loc="upper left", bbox_to_anchor=(1.0, 1.0))
    else:
        ax.text(0.5, 0.5, "no GPU was ever idle", transform=ax.transAxes, ha="center")
    subtitle = "GPUs held before shipping, or delivered but not yet working, by what they wait for"
    if never:
        subtitle += "\nnever occurred: " + ", ".join(IDLE_REASONS[s] for s in never)
    count_axis(ax)
    date_axis(ax)
    ax.set_xlim(time[0], time[-1])
    ax.set_ylim(bottom=0)
    ax.set_ylabel("GPUs idle")
    titles(fig, ax, "GPUs idle by reason (national)", subtitle)
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
    fig, axes, spare = small_multiples(len(names))
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
        count_axis(ax, nbins=4)
        date_axis(ax, maxticks=5)
    ax0 = axes[0]
    ax0.set_xlim(time[0], time[-1])
    fig.supylabel(f"power ({units})")
    fig.suptitle(title)
    texts = [h.get_label() for h in handles]
    if spare is not None:
        spare.legend(handles, texts, title=f"per {entity}", loc="center")
        save(fig, ds, out_dir, name, args, written)
    else:
        figure_legend(fig, handles, texts)
        save(fig, ds, out_dir, name, args, written, footnote_y=LEGEND_FOOTNOTE_Y)


def run_power_sites(ds, out_dir, args, written):
    per_entity_power(
        ds, out_dir, args, written, "power_by_site", "site",
        [
            ("power_allocated", "power allocated (grid + on-site)", {"kind": "area", "colour": COLOURS[2]}),
            ("power_requested", "requested by all GPUs on site", {"kind": "line", "colour": COLOURS[3], "ls": "--"}),
            ("power_demand", "demand of powered GPUs (facility)", {"kind": "line", "colour": COLOURS[0], "lw": 1.4}),
            ("grid_connected", "grid connection energised", {"kind": "line", "colour": "#444444", "ls": ":",
                                                             "lw": 1.2}),
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
    if limit_var is None:
        print(f"{PROGRAM}: {name}: {describe_missing(RUN_VARS['land_limit'], ('site',))}; drawing land used only",
              file=sys.stderr)
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
    titles(fig, ax, "Land used per site" + (" against its limit" if limit is not None else ""),
           "peak over the run" + ("; site land limits are not in this file" if limit is None else
                                  "; red: at its limit"))
    if limit is not None:
        from matplotlib.patches import Patch

        ax.legend([Patch(facecolor="none", edgecolor="#444444"), Patch(color=COLOURS[0]), Patch(color=COLOURS[3])],
                  ["land limit", "land used (peak)", "land used, at its limit"], loc="lower right")
    save(fig, ds, out_dir, name, args, written)


# --------------------------------------------------------------------------- sweep figures


def per_point(ds, limit):
    """Whether to draw each design point on its own: few points, chosen rather than sampled."""
    design = str(ds.attrs.get("design", "")).lower()
    return 0 < ds.sizes.get(DIM["point"], 0) <= limit and (design in CHOSEN_DESIGNS or not design)


def quantile_index(da, level):
    levels = da[DIM["quantile"]].values.astype(float)
    i = int(np.argmin(np.abs(levels - level)))
    if abs(levels[i] - level) > 1e-9:
        return None
    return i


def parameter_text(ds, point, short=True):
    """'capital.headroom = 150 MW, ...' for a design point, or 'point N'."""
    values = find(ds, SWEEP_VARS["point_values"], (DIM["point"], DIM["parameter"]))
    if values is None:
        return f"point {point}"
    units_var = find(ds, SWEEP_VARS["parameter_units"], (DIM["parameter"],))
    units = [str(u) for u in units_var.values] if units_var is not None else [""] * values.sizes[DIM["parameter"]]
    parts = []
    for k, key in enumerate(labels(values, DIM["parameter"])):
        if short:
            key = ".".join(key.split(".")[-2:])
        v = float(values.isel({DIM["point"]: point, DIM["parameter"]: k}).values)
        parts.append(f"{key} = {v:g}{' ' + units[k] if units[k] else ''}")
    return ", ".join(parts)


class Band:
    """Median and 5-95 % band of a sweep series over time: per design point (few points), or across
    runs / design points (many)."""

    def __init__(self, time, curves, how, units):
        self.time = time
        self.curves = curves  # [(label or None, median, low, high)]
        self.how = how  # what the band is, for the subtitle
        self.units = units


def pooled(values):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return (None, np.nanmedian(values, axis=0), np.nanquantile(values, 0.05, axis=0),
                np.nanquantile(values, 0.95, axis=0))


def sweep_band(ds, candidates):
    """The band of the first series in `candidates` present in the file, or (None, reason)."""
    points = ds.sizes.get(DIM["point"], 0)
    for base in candidates:
        quant = find(ds, [base + SWEEP_QUANTILE_SUFFIX], (DIM["point"], DIM["quantile"], DIM["time"]))
        runs = find(ds, [base], (DIM["run"], DIM["time"]))
        mean = find(ds, [base + SWEEP_MEAN_SUFFIX], (DIM["point"], DIM["time"]))
        if quant is not None and (per_point(ds, MAX_BAND_POINTS) or points == 1):
            qi = [quantile_index(quant, q) for q in (0.5, 0.05, 0.95)]
            if None not in qi:
                curves = []
                for p in range(points):
                    sel = quant.isel({DIM["point"]: p})
                    curves.append((parameter_text(ds, p) if points > 1 else None,
                                   *(sel.isel({DIM["quantile"]: i}).values for i in qi)))
                reps = ds.attrs.get("replications")
                how = f"median and 5–95 % band over {reps} replications" if reps else "median and 5–95 % band"
                if points > 1:
                    how += " per design point"
                return Band(quant[DIM["time"]].values, curves, how, units_of(quant)), None
        if runs is not None:
            how = f"median and 5–95 % band across all {runs.sizes[DIM['run']]} runs"
            return Band(runs[DIM["time"]].values, [pooled(runs.values)], how, units_of(runs)), None
        if mean is not None:
            how = f"median and 5–95 % range across {points} design points of the mean over replications"
            return Band(mean[DIM["time"]].values, [pooled(mean.values)], how, units_of(mean)), None
    names = " or ".join(f"{c}{SWEEP_QUANTILE_SUFFIX}(point, quantile, time)" for c in candidates)
    return None, f"the file has no series {names or '(none defined)'} (a sweep run with keep: headline has none)"


def draw_band(ax, band, single_colour=None):
    for k, (label, median, low, high) in enumerate(band.curves):
        c = single_colour or COLOURS[k % len(COLOURS)]
        ax.fill_between(band.time, low, high, color=c, alpha=0.2, lw=0)
        ax.plot(band.time, median, color=c, lw=2, label=label)
    ax.set_xlim(band.time[0], band.time[-1])
    ax.set_ylim(bottom=0)
    count_axis(ax)


def band_legend(ax, band, loc="upper left", **kw):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    band_patch = Patch(color="#999999", alpha=0.35)
    if len(band.curves) > 1:
        handles, texts = ax.get_legend_handles_labels()
        ax.legend(handles + [band_patch], texts + ["5–95 % band"], loc=loc, title="median per design point", **kw)
    else:
        ax.legend([Line2D([], [], color=COLOURS[0], lw=2), band_patch], ["median", "5–95 % band"], loc=loc, **kw)


def one_band_figure(ds, out_dir, args, written, name, candidates, title, ylabel):
    band, why = sweep_band(ds, candidates)
    if band is None:
        skip(name, why)
        return
    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    draw_band(ax, band)
    date_axis(ax)
    units = pretty_units(band.units)
    ax.set_ylabel(f"{ylabel} ({units})" if units else ylabel)
    titles(fig, ax, title, band.how)
    band_legend(ax, band)
    save(fig, ds, out_dir, name, args, written)


def sweep_bands_of(ds, out_dir, args, written, series):
    """--bands SERIES: the band figure of any series of a sweep file."""
    var = find(ds, [series + SWEEP_QUANTILE_SUFFIX, series, series + SWEEP_MEAN_SUFFIX])
    long_name = var.attrs.get("long_name", series) if var is not None else series
    for prefix in ("quantiles over replications of ", "mean over replications of "):
        long_name = long_name.removeprefix(prefix)
    one_band_figure(ds, out_dir, args, written, f"bands_{series}", [series], long_name[:1].upper() + long_name[1:],
                    series)


def sweep_rollout(ds, out_dir, args, written):
    one_band_figure(ds, out_dir, args, written, "sweep_rollout", SWEEP_VARS["operational"],
                    "National rollout: operational GPUs", "operational GPUs")


def sweep_power(ds, out_dir, args, written):
    one_band_figure(ds, out_dir, args, written, "sweep_power", SWEEP_VARS["power_draw"],
                    "National facility power draw (average)", "power")


def sweep_idle(ds, out_dir, args, written):
    name = "sweep_idle"
    bands = []
    IDLE_REASONS = idle_reasons(ds)
    if not IDLE_REASONS:
        skip(name, f"the file has no {STATE_GROUP_ATTRIBUTES['idle']} attribute (which states are idle)")
        return
    for state, text in IDLE_REASONS.items():
        band, _ = sweep_band(ds, [SWEEP_VARS["idle_prefix"] + state])
        if band is not None and any(np.nanmax(np.nan_to_num(c[3])) > 0 for c in band.curves):
            bands.append((state, text, band))
    if not bands:
        skip(name, f"the file has no non-zero series {SWEEP_VARS['idle_prefix']}<state>{SWEEP_QUANTILE_SUFFIX}"
                   f"(point, quantile, time) for the idle states {', '.join(IDLE_REASONS)}")
        return
    per_point = len(bands[0][2].curves) > 1
    fig, axes, spare = small_multiples(len(bands), width=11, panel_height=2.6, max_cols=2)
    for ax, (state, text, band) in zip(axes, bands):
        draw_band(ax, band, single_colour=None if per_point else IDLE_COLOURS.get(state, COLOURS[0]))
        date_axis(ax, maxticks=6)
        ax.set_title(text, loc="left", fontsize=10)
    fig.supylabel("GPUs idle")
    fig.suptitle("GPUs idle by reason (national)")
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if per_point:
        handles, texts = axes[0].get_legend_handles_labels()
        texts = [f"median, {t}" for t in texts]
    else:
        handles, texts = [Line2D([], [], color="#555555", lw=2)], ["median"]
    handles.append(Patch(color="#999999", alpha=0.35))
    texts.append("5–95 % band")
    if spare is not None:
        spare.legend(handles, texts, loc="center", title=bands[0][2].how)
        save(fig, ds, out_dir, name, args, written)
    else:
        figure_legend(fig, handles, texts, title=bands[0][2].how)
        save(fig, ds, out_dir, name, args, written, footnote_y=LEGEND_FOOTNOTE_Y - 0.03)


def pick_indicators(ds, available, limit):
    chosen = [i for i in str(ds.attrs.get(FEATURED_ATTRIBUTE, "")).split() if i in available]
    if not chosen:
        chosen = list(available)
    return chosen[:limit]


def point_ticks(ds, points):
    """Tick labels with each design point's parameter values (one line per parameter) and an axis title
    naming the parameters, when they fit; else (None, None)."""
    values = find(ds, SWEEP_VARS["point_values"], (DIM["point"], DIM["parameter"]))
    if values is None or not 1 < points <= 8 or values.sizes[DIM["parameter"]] > 3:
        return None, None
    units_var = find(ds, SWEEP_VARS["parameter_units"], (DIM["parameter"],))
    keys = labels(values, DIM["parameter"])
    units = [str(u) for u in units_var.values] if units_var is not None else [""] * len(keys)
    ticks = ["\n".join(f"{float(values.isel({DIM['point']: p, DIM['parameter']: k}).values):g}" for k in range(len(keys)))
             for p in range(points)]
    title = " / ".join(f"{'.'.join(k.split('.')[-2:])}" + (f" ({u})" if u else "") for k, u in zip(keys, units))
    return ticks, title


def sweep_indicators(ds, out_dir, args, written):
    name = "sweep_indicators"
    points = ds.sizes.get(DIM["point"], 0)
    available = {v[: -len(SWEEP_QUANTILE_SUFFIX)]: ds[v] for v in ds.data_vars
                 if v.endswith(SWEEP_QUANTILE_SUFFIX) and set(ds[v].dims) == {DIM["point"], DIM["quantile"]}}
    if not available:
        skip(name, f"the file has no indicator <name>{SWEEP_QUANTILE_SUFFIX}(point, quantile)")
        return
    chosen = pick_indicators(ds, available, MAX_INDICATOR_PANELS + 3)
    never = [c for c in chosen if not np.isfinite(as_numbers(available[c].values)).any()]
    chosen = [c for c in chosen if c not in never][:MAX_INDICATOR_PANELS] or chosen[:MAX_INDICATOR_PANELS]
    many = not per_point(ds, MAX_POINT_ERRORBARS) and points > 1
    rows, cols = grid_shape(len(chosen), 3)
    fig, axes = plt.subplots(rows, cols, figsize=(11, 0.9 + 2.8 * rows), squeeze=False, layout="constrained")
    flat = list(axes.flat)
    for ax in flat[len(chosen):]:
        ax.set_visible(False)
    point_labels = [parameter_text(ds, p) for p in range(points)]
    tick_labels, tick_title = point_ticks(ds, points)
    for ax, ind in zip(flat, chosen):
        q = available[ind]
        qi = [quantile_index(q, level) for level in (0.5, 0.05, 0.95)]
        dates = is_date(q.values)  # a date indicator (CF time), decoded by xarray
        units = "date" if dates else pretty_units(q.attrs.get("units"))
        if many or None in qi:
            runs = find(ds, [ind], (DIM["run"],))
            values = as_numbers(runs.values if runs is not None
                                else q.isel({DIM["quantile"]: len(q[DIM["quantile"]]) // 2}).values)
            finite = values[np.isfinite(values)]
            if len(finite):
                ax.hist(finite, bins=min(30, max(5, len(finite) // 5)), color=COLOURS[0], alpha=0.85,
                        edgecolor="white", linewidth=0.8)
                ax.axvline(np.median(finite), color="#333333", lw=1.2, ls="--")
            if len(finite) < len(values):
                ax.set_title(f"{indicator_label(ind, ds)} (no value in {len(values) - len(finite)} of {len(values)})",
                             fontsize=10, loc="left")
            ax.set_xlabel(units)
            ax.set_ylabel("runs" if runs is not None else "design points")
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            if dates:
                date_ticks(ax.xaxis)
            else:
                ax.xaxis.set_major_formatter(number_formatter(ax.xaxis))
        else:
            x = np.arange(points)
            med, lo, hi = (as_numbers(q.isel({DIM["quantile"]: i}).values) for i in qi)
            ok = np.isfinite(med)
            lo_err = np.nan_to_num(med - lo)
            hi_err = np.nan_to_num(hi - med)
            ax.errorbar(x[ok], med[ok], yerr=[lo_err[ok], hi_err[ok]], fmt="o", color=COLOURS[0], capsize=4, lw=1.5,
                        ms=6)
            for xi in x[~ok]:
                ax.text(xi, 0.5, "not\nreached", transform=ax.get_xaxis_transform(), ha="center", va="center",
                        fontsize=8, color="#666666")
            ax.set_xticks(x, tick_labels if tick_labels else [str(p) for p in x] if points > 1 else [""])
            ax.set_xlim(-0.6, points - 0.4)
            if points > 1:
                ax.set_xlabel(tick_title if tick_labels else "design point", fontsize=9)
            ax.set_ylabel(units)
            if dates:
                date_ticks(ax.yaxis)
            else:
                ax.yaxis.set_major_formatter(number_formatter(ax.yaxis))
            ax.grid(axis="x", visible=False)
        if not ax.get_title(loc="left"):
            ax.set_title(indicator_label(ind, ds), fontsize=10, loc="left")
    if many:
        fig.suptitle("Headline indicators: distribution over the sweep's runs (dashed: median)")
    else:
        fig.suptitle("Headline indicators: median and 5–95 % range over replications"
                     + (" per design point" if points > 1 else ""))
    note = None
    if never:
        note = "not reached in any run: " + ", ".join(indicator_label(n, ds) for n in never)
    if 1 < points <= 12 and not tick_labels:
        legend = "; ".join(f"{p}: {point_labels[p]}" for p in range(points))
        if len(legend) <= 200:
            fig.text(0.01, -0.01, "design points: " + legend, ha="left", va="top", fontsize=8, wrap=True)
    save(fig, ds, out_dir, name, args, written, note)


def sensitivity_caveat(ds, ind):
    """(status, text for a missing index, a caveat line for the panel title) of one indicator."""
    status = ""
    if "sensitivity_status" in ds:
        status = str(ds["sensitivity_status"].sel({DIM["indicator"]: ind}).values)
    why = {"withheld_no_values": "withheld: runs without a value",
           "withheld_no_variance": "withheld: no variance"}.get(status, "not computed (see sovsim summary)")
    parts = []
    if status == "censored_at_horizon" and "censored_runs" in ds:
        n = int(ds["censored_runs"].sel({DIM["indicator"]: ind}).values.sum())
        parts.append(f"{n} censored runs counted at the horizon end")
    elif status.startswith("withheld") and "sensitivity_note" in ds:
        parts.append(str(ds["sensitivity_note"].sel({DIM["indicator"]: ind}).values)[:70])
    if "noise_share" in ds:
        share = float(ds["noise_share"].sel({DIM["indicator"]: ind}).values)
        if np.isfinite(share):
            parts.append(f"noise share {share:.2f}" + (" (large)" if share > 0.1 else ""))
    if status.startswith("withheld"):
        pass  # no noise share: the indices are withheld (the note above says why)
    elif "noise_share" in ds and not np.isfinite(float(ds["noise_share"].sel({DIM["indicator"]: ind}).values)):
        parts.append("noise share not estimable (1 replication per point)")
    for var, what in (("sobol_samples_needed", "N"), ("morris_trajectories_needed", "r")):
        if var in ds:
            n = float(ds[var].sel({DIM["indicator"]: ind}).values)
            if np.isfinite(n):
                parts.append(f"{what} ≈ {n:.0f} needed")
    return status, why, "; ".join(parts)


def sweep_discovery(ds, out_dir, args, written):
    """PRIM (sovsim discover --write): the peeling trade-off curve and the chosen box."""
    name = "sweep_discovery"
    if "prim_coverage" not in ds:
        return  # no discovery stored in the file: nothing to say
    cov = ds["prim_coverage"].values.astype(float)
    den = ds["prim_density"].values.astype(float)
    res = ds["prim_restricted"].values.astype(int)
    chosen = int(ds["prim_coverage"].attrs.get("chosen_box", len(cov) - 1))
    outcome = str(ds["prim_coverage"].attrs.get("outcome", "cases of interest"))
    params = labels(ds["prim_low"], DIM["parameter"])
    low = ds["prim_low"].values[chosen].astype(float)
    high = ds["prim_high"].values[chosen].astype(float)
    qp = ds["prim_quasi_p"].values[chosen].astype(float)
    full_low = ds["prim_low"].values[0].astype(float)
    full_high = ds["prim_high"].values[0].astype(float)
    restricted = [k for k in range(len(params)) if np.isfinite(qp[k])]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
    sc = ax1.scatter(cov, den, c=res, cmap="viridis", s=18, zorder=3)
    ax1.plot(cov, den, color="#999999", lw=0.8, zorder=2)
    ax1.scatter([cov[chosen]], [den[chosen]], s=120, facecolors="none", edgecolors="#b00000", lw=1.5, zorder=4,
                label=f"chosen box {chosen}")
    ax1.set_xlabel("coverage (share of the cases of interest inside)")
    ax1.set_ylabel("density (share of the runs inside that are cases)")
    ax1.set_xlim(0, 1.02)
    ax1.set_ylim(0, 1.02)
    fig.colorbar(sc, ax=ax1, label="restricted inputs")
    ax1.legend(loc="lower left", fontsize=8)
    ax1.set_title("Peeling trajectory: the trade-off", loc="left", fontsize=10)
    units = ds["parameter_units"].values if "parameter_units" in ds else [""] * len(params)
    y = np.arange(len(restricted))
    for i, k in enumerate(restricted):
        span = full_high[k] - full_low[k] or 1.0
        lo, hi = (low[k] - full_low[k]) / span, (high[k] - full_low[k]) / span
        ax2.barh(i, hi - lo, left=lo, height=0.5, color=COLOURS[0])
        ax2.text(1.01, i, f"[{low[k]:.3g}, {high[k]:.3g}] {units[k] if units[k] not in ('1', '') else ''}"
                          f"  p={qp[k]:.2g}", va="center", fontsize=8)
    ax2.set_yticks(y, [".".join(str(params[k]).split(".")[-2:]) for k in restricted])
    ax2.set_xlim(0, 1)
    ax2.set_xlabel("share of the input's swept range")
    ax2.invert_yaxis()
    ax2.set_title(f"Chosen box: coverage {cov[chosen]:.2f}, density {den[chosen]:.2f}", loc="left", fontsize=10)
    fig.suptitle(f"Scenario discovery (PRIM): {outcome}"[:110])
    save(fig, ds, out_dir, name, args, written, "p: quasi-p-value of the restriction (large: may be dropped)")


def sweep_sensitivity(ds, out_dir, args, written):
    name = "sweep_sensitivity"
    dims = (DIM["indicator"], DIM["parameter"])
    s1 = find(ds, SWEEP_VARS["sobol_first"], dims)
    st = find(ds, SWEEP_VARS["sobol_total"], dims)
    mu = find(ds, SWEEP_VARS["morris_mu_star"], dims)
    sigma = find(ds, SWEEP_VARS["morris_sigma"], dims)
    if s1 is None and st is None and mu is None:
        if str(ds.attrs.get("design", "")).lower() in ("sobol", "saltelli", "morris"):
            skip(name, "the file has no sensitivity indices (sobol_first, sobol_total, morris_mu_star)")
        return  # not a sensitivity design: nothing to say
    sobol = s1 is not None or st is not None
    ref = s1 if s1 is not None else (st if st is not None else mu)
    params = labels(ref, DIM["parameter"])
    finite = [i for i in labels(ref, DIM["indicator"]) if np.isfinite(ref.sel({DIM["indicator"]: i}).values).any()]
    if args.sensitivity:
        unknown = [i for i in args.sensitivity if i not in labels(ref, DIM["indicator"])]
        if unknown:
            skip(name, f"no sensitivity indices for {', '.join(unknown)} (indicators: "
                       f"{', '.join(labels(ref, DIM['indicator']))})")
            return
        chosen = list(args.sensitivity)
    else:
        chosen = pick_indicators(ds, finite, MAX_SENSITIVITY_PANELS)
    if not chosen:
        skip(name, "every sensitivity index in the file is NaN")
        return
    rows, cols = grid_shape(len(chosen), 3)
    height = max(2.2, 0.8 + 0.45 * len(params))
    fig, axes = plt.subplots(rows, cols, figsize=(11, 1.2 + height * rows), squeeze=False, layout="constrained",
                             sharey=True)
    flat = list(axes.flat)
    for ax in flat[len(chosen):]:
        ax.set_visible(False)
    short = [".".join(p.split(".")[-2:]) for p in params]
    y = np.arange(len(params))
    if sobol:
        bars = [("first-order index S1", s1, COLOURS[0], -0.2), ("total index ST", st, COLOURS[1], 0.2)]
    else:
        bars = [("μ*: mean |elementary effect|", mu, COLOURS[0], -0.2),
                ("σ: spread of the elementary effects", sigma, COLOURS[5], 0.2)]
    bars = [b for b in bars if b[1] is not None]
    with_ci = False
    flagged_any = False
    for ax, ind in zip(flat, chosen):
        sel = {DIM["indicator"]: ind}
        status, why_no_value, caveat = sensitivity_caveat(ds, ind)
        for label, var, colour, dy in bars:
            v = var.sel(sel).values.astype(float)
            err = None
            low = find(ds, [var.name + SWEEP_CI_SUFFIXES[0]], dims)
            high = find(ds, [var.name + SWEEP_CI_SUFFIXES[1]], dims)
            if low is not None and high is not None:
                lo, hi = low.sel(sel).values, high.sel(sel).values
                err = np.nan_to_num(np.vstack([np.clip(v - lo, 0, None), np.clip(hi - v, 0, None)]))
                with_ci = True
            ax.barh(y + dy, np.nan_to_num(v), height=0.38, color=colour, label=label, xerr=err,
                    error_kw=dict(lw=1, capsize=2, ecolor="#333333"))
            for yi in y[~np.isfinite(v)]:
                ax.text(0, yi + dy, " " + why_no_value, va="center", fontsize=7.5, color="#666666")
            flag = find(ds, [var.name + "_flag"], dims)
            if flag is not None:
                for yi in y[flag.sel(sel).values.astype(int) == 1]:
                    ax.text(np.nan_to_num(v[yi]), yi + dy, " ! ", va="center", ha="left", fontsize=8,
                            color="#b00000", fontweight="bold")
                    flagged_any = True
        if sobol:
            ax.set_xlabel("share of variance")
            ax.set_xlim(min(0.0, ax.get_xlim()[0]), max(1.0, ax.get_xlim()[1]))
        else:
            q = find(ds, [ind + SWEEP_QUANTILE_SUFFIX, ind])
            ax.set_xlabel("" if q is None else "days" if is_date(q.values) else pretty_units(q.attrs.get("units")))
            ax.xaxis.set_major_formatter(number_formatter(ax.xaxis))
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=NICE_STEPS))
        ax.set_title(indicator_label(ind, ds) + ("\n" + caveat if caveat else ""), fontsize=10 if not caveat else 8.5,
                     loc="left")
        ax.grid(axis="y", visible=False)
        ax.axvline(0, color="#333333", lw=0.8)
    flat[0].set_yticks(y, short)
    flat[0].invert_yaxis()
    handles, texts = flat[0].get_legend_handles_labels()
    figure_legend(fig, handles, texts)
    if sobol:
        fig.suptitle("Sensitivity of headline indicators to the swept parameters (Sobol indices)")
        note = "error bars: bootstrap confidence intervals" if with_ci else None
        if flagged_any:
            note = (note + "; " if note else "") + ("!: not to be trusted (outside [-0.1, 1.1] or half-width > 0.2; "
                                                     "sovsim summary gives the samples needed)")
    else:
        fig.suptitle("Sensitivity of headline indicators to the swept parameters (Morris screening)")
        note = "effects in the indicator's units per change of a parameter over its range"
        if with_ci:
            note += "; error bars: bootstrap intervals of μ*"
        if flagged_any:
            note += "; !: interval too wide to trust (sovsim summary: trajectories needed)"
    save(fig, ds, out_dir, name, args, written, note, footnote_y=LEGEND_FOOTNOTE_Y * (1.5 if rows == 1 else 1))


# --------------------------------------------------------------------------- comparison figures


def compare_indicators(ds, limit):
    """Indicators of the paired comparison worth a panel: featured ones first, then those with a
    preferred direction, leaving out target and observation flags and indicators equal in every
    replication of every variant."""
    mean = ds[COMPARE_VARS["mean"]]
    names = labels(mean, DIM["indicator"])
    equal = ds[COMPARE_VARS["equal"]].values
    direction = [str(d) for d in ds[COMPARE_VARS["direction"]].values]
    changed = [i for i, n in enumerate(names)
               if not n.startswith(("target_", "observation_")) and np.nanmin(equal[1:, i]) < 1]
    featured = [n for n in str(ds.attrs.get(FEATURED_ATTRIBUTE, "")).split()]
    order = sorted(changed, key=lambda i: (names[i] not in featured,
                                           featured.index(names[i]) if names[i] in featured else 0,
                                           direction[i] == "none", i))
    return [(i, names[i]) for i in order[:limit]]


def compare_differences(ds, out_dir, args, written):
    name = "compare_differences"
    if COMPARE_VARS["mean"] not in ds.variables or DIM["variant"] not in ds[COMPARE_VARS["mean"]].dims:
        skip(name, f"the file has no {COMPARE_VARS['mean']}(variant, indicator) (a sweep with two or more variants)")
        return
    chosen = compare_indicators(ds, MAX_COMPARE_PANELS)
    if not chosen:
        skip(name, "every variant equals the reference in every replication of every indicator")
        return
    variants = labels(ds[COMPARE_VARS["mean"]], DIM["variant"])
    quant = ds[COMPARE_VARS["quantile"]]
    q05, q95 = quantile_index(quant, 0.05), quantile_index(quant, 0.95)
    direction = [str(d) for d in ds[COMPARE_VARS["direction"]].values]
    units = [str(u) for u in ds[COMPARE_VARS["units"]].values]
    # Each panel has its own x axis: the indicators' units differ (small_multiples shares time).
    rows, cols = grid_shape(len(chosen), 3)
    fig, grid = plt.subplots(rows, cols, figsize=(13, 0.9 + (0.9 + 0.45 * len(variants)) * rows), squeeze=False,
                             layout="constrained")
    flat = list(grid.flat)
    axes = flat[: len(chosen)]
    spare = flat[len(chosen)] if len(chosen) < len(flat) else None
    for ax in flat[len(chosen):]:
        ax.axis("off")
    y = np.arange(1, len(variants))
    for ax, (i, ind) in zip(axes, chosen):
        m = ds[COMPARE_VARS["mean"]].values[1:, i]
        lo = ds[COMPARE_VARS["low"]].values[1:, i]
        hi = ds[COMPARE_VARS["high"]].values[1:, i]
        spread_lo = quant.values[1:, i, q05]
        spread_hi = quant.values[1:, i, q95]
        valued = ds[COMPARE_VARS["valued"]].values[1:, i]
        for k, yy in enumerate(y):
            c = COLOURS[(k + 1) % len(COLOURS)]
            ax.plot([spread_lo[k], spread_hi[k]], [yy, yy], color=c, lw=1, alpha=0.6,
                    label="5–95 % of the paired differences" if k == 0 else None)
            ax.errorbar([m[k]], [yy], xerr=[[m[k] - lo[k]], [hi[k] - m[k]]] if np.isfinite(lo[k]) else None,
                        fmt="o", color=c, capsize=4, lw=2, label="mean, 95 % bootstrap interval" if k == 0 else None)
            if valued[k] < ds[COMPARE_VARS["valued"]].values[0, i]:
                ax.annotate(f"{int(valued[k])} pairs", (m[k], yy), textcoords="offset points", xytext=(0, 6),
                            fontsize=7, ha="center", color="#555555")
        ax.axvline(0, color="#333333", lw=0.8)
        ax.set_yticks(y, [v if len(v) < 28 else v[:26] + "…" for v in variants[1:]] if ax in flat[::cols] else [])
        ax.set_ylim(len(variants) - 0.5, 0.5)
        better = {"lower": "← better", "higher": "better →"}.get(direction[i], "no preferred direction")
        unit = pretty_units(units[i]) if units[i] != "d" else ("GPU-days" if "GPU-days" in
                                                                   ds[ind].attrs.get("long_name", "") else "days")
        title = indicator_label(ind, ds)
        ax.set_title(title if len(title) <= 48 else ind, loc="left", fontsize=9.5)
        ax.set_xlabel(f"variant − {variants[0]} ({unit})  {better}" if unit else f"variant − {variants[0]}  {better}",
                      fontsize=8)
        ax.tick_params(labelbottom=True)
        ax.xaxis.set_major_formatter(number_formatter(ax.xaxis))
    handles, texts = axes[0].get_legend_handles_labels()
    reps = ds.attrs.get("replications")
    fig.suptitle(f"What each variant changes against {variants[0]}: paired differences"
                 + (f" over {reps} replications" if reps else ""))
    if spare is not None:
        spare.legend(handles, texts, loc="center")
        save(fig, ds, out_dir, name, args, written, "same seeds for every variant (common random numbers)")
    else:
        figure_legend(fig, handles, texts)
        # The legend's height is fixed, so the footnote goes lower on a short figure.
        height = fig.get_size_inches()[1]
        save(fig, ds, out_dir, name, args, written, "same seeds for every variant (common random numbers)",
             footnote_y=LEGEND_FOOTNOTE_Y * max(1.0, 5.0 / height))


def compare_bands(ds, out_dir, args, written):
    name = "compare_bands"
    if DIM["variant"] not in ds.dims or ds.sizes.get(DIM["point"], 0) != ds.sizes[DIM["variant"]]:
        skip(name, "the file has no variants with one design point each (sovsim compare)")
        return
    panels = []
    national = find(ds, [SWEEP_VARS["operational"][0] + SWEEP_QUANTILE_SUFFIX],
                    (DIM["point"], DIM["quantile"], DIM["time"]))
    if national is not None:
        panels.append(("national", national))
    for v in ds.data_vars:
        da = ds[v]
        if (v.endswith(SWEEP_QUANTILE_SUFFIX) and da.attrs.get("sweep_quantity") == COMPARE_VARS["buyer_operational"]
                and set(da.dims) == {DIM["point"], DIM["quantile"], DIM["time"]}):
            panels.append((f"buyer {da.attrs.get('sweep_axis_label', v)}", da))
    if not panels:
        skip(name, f"the file has no band {SWEEP_VARS['operational'][0]}{SWEEP_QUANTILE_SUFFIX} or per-buyer bands "
                   f"(a sweep run with keep: headline has none)")
        return
    variants = labels(ds, DIM["variant"])
    qi = [quantile_index(panels[0][1], q) for q in (0.5, 0.05, 0.95)]
    fig, axes, spare = small_multiples(len(panels), width=12, panel_height=2.6, max_cols=3)
    for ax, (title, da) in zip(axes, panels):
        t = da[DIM["time"]].values
        for p, variant in enumerate(variants):
            c = COLOURS[p % len(COLOURS)]
            med, lo, hi = (da.isel({DIM["point"]: p, DIM["quantile"]: i}).values for i in qi)
            ax.fill_between(t, lo, hi, color=c, alpha=0.15, lw=0)
            ax.plot(t, med, color=c, lw=1.8, label=variant)
        ax.set_xlim(t[0], t[-1])
        ax.set_ylim(bottom=0)
        count_axis(ax)
        date_axis(ax, maxticks=6)
        ax.set_title(title, loc="left", fontsize=10)
    fig.supylabel("operational GPUs")
    reps = ds.attrs.get("replications")
    fig.suptitle("Operational GPUs of each variant, national and per buyer: median and 5–95 % band"
                 + (f" over {reps} replications" if reps else ""))
    from matplotlib.patches import Patch

    handles, texts = axes[0].get_legend_handles_labels()
    handles.append(Patch(color="#999999", alpha=0.35))
    texts.append("5–95 % band")
    if spare is not None:
        spare.legend(handles, texts, loc="center")
        save(fig, ds, out_dir, name, args, written)
    else:
        figure_legend(fig, handles, texts)
        save(fig, ds, out_dir, name, args, written, footnote_y=LEGEND_FOOTNOTE_Y)


def compare_idle_by_buyer(ds, out_dir, args, written):
    """Paired differences of each buyer's idle GPU-days by reason (gpu_days_idle_by_buyer_<buyer>_<reason>):
    a panel per buyer, a row per reason that changed in some replication, each variant's mean
    difference with its 95 % bootstrap interval."""
    name = "compare_idle_by_buyer"
    if COMPARE_VARS["mean"] not in ds.variables or DIM["variant"] not in ds[COMPARE_VARS["mean"]].dims:
        skip(name, f"the file has no {COMPARE_VARS['mean']}(variant, indicator) (a sweep with two or more variants)")
        return
    mean = ds[COMPARE_VARS["mean"]]
    names = labels(mean, DIM["indicator"])
    equal = ds[COMPARE_VARS["equal"]].values
    by_buyer = {}  # buyer -> [(reason, indicator position)]
    for i, n in enumerate(names):
        attrs = ds[n].attrs if n in ds.variables else {}
        if attrs.get("sweep_quantity") != COMPARE_VARS["idle_by_buyer"]:
            continue
        if np.nanmin(equal[1:, i]) < 1:
            by_buyer.setdefault(str(attrs.get("sweep_axis_label")), []).append(
                (str(attrs.get("sweep_inner_axis_label")), i))
    if not by_buyer:
        skip(name, f"no {COMPARE_VARS['idle_by_buyer']}_<buyer>_<reason> differs from the reference in any "
                   f"replication (or the file has none)")
        return
    variants = labels(mean, DIM["variant"])
    low, high = ds[COMPARE_VARS["low"]].values, ds[COMPARE_VARS["high"]].values
    rows, cols = grid_shape(len(by_buyer), 3)
    tallest = max(len(v) for v in by_buyer.values())
    fig, grid = plt.subplots(rows, cols, figsize=(12, 0.9 + (0.6 + 0.35 * tallest * (len(variants) - 1)) * rows),
                             squeeze=False, layout="constrained")
    flat = list(grid.flat)
    for ax in flat[len(by_buyer):]:
        ax.axis("off")
    step = 0.8 / max(1, len(variants) - 1)
    for ax, (buyer, entries) in zip(flat, by_buyer.items()):
        for k in range(1, len(variants)):
            c = COLOURS[k % len(COLOURS)]
            for row, (reason, i) in enumerate(entries):
                y = row - 0.4 + step * (k - 0.5)
                m = mean.values[k, i]
                err = [[m - low[k, i]], [high[k, i] - m]] if np.isfinite(low[k, i]) else None
                ax.errorbar([m], [y], xerr=err, fmt="o", color=c, capsize=3, lw=1.8,
                            label=variants[k] if row == 0 else None)
        ax.set_yticks(range(len(entries)), [r.replace("_", " ") for r, _ in entries])
        ax.set_ylim(len(entries) - 0.5, -0.5)
        ax.axvline(0, color="#333333", lw=0.8)
        ax.set_title(f"buyer {buyer}", loc="left", fontsize=10)
        ax.set_xlabel(f"variant − {variants[0]} (GPU-days)  ← better", fontsize=8)
        ax.xaxis.set_major_formatter(number_formatter(ax.xaxis))
    reps = ds.attrs.get("replications")
    fig.suptitle(f"Idle GPU-days by reason per buyer: paired differences against {variants[0]}"
                 + (f" over {reps} replications" if reps else "") + " (mean, 95 % bootstrap interval)")
    handles, texts = flat[0].get_legend_handles_labels()
    figure_legend(fig, handles, texts)
    # The legend's height is fixed, so the footnote goes lower on a short figure.
    height = fig.get_size_inches()[1]
    save(fig, ds, out_dir, name, args, written,
         "reasons unchanged in every replication of every variant are left out",
         footnote_y=LEGEND_FOOTNOTE_Y * max(1.0, 5.0 / height))


# --------------------------------------------------------------------------- main

FORMATS = ["png", "pdf", "svg"]
RUN_FIGURES = [run_rollout, run_by_buyer, run_idle, run_power_sites, run_power_zones, run_land]
SWEEP_FIGURES = [sweep_rollout, sweep_idle, sweep_power, sweep_indicators, sweep_sensitivity, sweep_discovery]
COMPARE_FIGURES = [compare_differences, compare_bands, compare_idle_by_buyer]  # sweeps with variants


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Figures of a sovsim output file (a run or a sweep). Run with /usr/bin/python3.",
        epilog="Figures whose variables are absent are skipped with a message on stderr.",
    )
    parser.add_argument("file", help="a sovsim output file (.h5)")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="folder for the figures (default: FILE's name without .h5, plus -figures); "
                             "a file name ending in .png, .pdf or .svg when one figure is asked for")
    parser.add_argument("--format", choices=FORMATS, default="png", help="image format (default png)")
    parser.add_argument("--dpi", type=int, default=150, help="resolution of PNG figures (default 150)")
    parser.add_argument("--bands", metavar="SERIES", action="append", default=[],
                        help="sweep files: only the median and 5-95 %% band of SERIES, e.g. power_draw_national_mw "
                             "(repeatable)")
    parser.add_argument("--sensitivity", metavar="INDICATOR", action="append", default=[],
                        help="sweep files: only the sensitivity bar chart, for INDICATOR, e.g. date_operational_90pct "
                             "(repeatable)")
    args = parser.parse_args(argv)

    selected = [lambda *a, series=b: sweep_bands_of(*a, series) for b in args.bands]
    if args.sensitivity:
        selected.append(sweep_sensitivity)
    args.single_file = None
    extension = os.path.splitext(args.output or "")[1].lower().lstrip(".")
    if extension in FORMATS:
        if len(selected) != 1:
            fail(f"-o {args.output} names one image file; ask for one figure (--bands SERIES or --sensitivity "
                 f"INDICATOR), or give a folder")
        args.single_file = args.output
        args.format = extension

    ds = open_file(args.file)
    configure_fonts(ds)
    if selected and not is_sweep(ds):
        fail(f"{args.file}: --bands and --sensitivity need a sweep file; this is a single run")
    if args.single_file:
        out_dir = os.path.dirname(args.single_file) or "."
    else:
        out_dir = args.output or os.path.splitext(args.file)[0] + "-figures"
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as error:
        fail(f"cannot create the output folder {out_dir}: {error.strerror}")

    figures = selected or (SWEEP_FIGURES if is_sweep(ds) else RUN_FIGURES)
    if not selected and is_sweep(ds) and DIM["variant"] in ds.dims:
        figures = figures + COMPARE_FIGURES
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
