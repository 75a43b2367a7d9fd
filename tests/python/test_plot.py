"""scripts/plot.py on synthetic run and sweep files written by the C++ writers (tests/app's
write_synthetic): every expected figure is drawn, non-trivial and readable as a PNG; a missing
optional variable skips its figure with a message instead of a crash; bad files exit 2.

    /usr/bin/python3 test_plot.py WRITE_SYNTHETIC PLOT_PY
"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample import Checks, require  # noqa: E402

np = require("numpy", "python3-numpy")
matplotlib = require("matplotlib", "python3-matplotlib")
matplotlib.use("Agg")
import matplotlib.image as mpimg  # noqa: E402

RUN_FIGURES = ["rollout", "rollout_by_buyer", "idle_by_reason", "power_by_site", "power_by_zone", "land_by_site"]
BAND_FIGURES = ["sweep_rollout", "sweep_idle", "sweep_power"]
MIN_BYTES = 20_000
MIN_WIDTH, MIN_HEIGHT = 900, 450


def messages(err):
    """stderr without the note about a missing font for Korean labels (fonts-nanum not installed)."""
    return "\n".join(line for line in err.splitlines() if "no font with the characters" not in line)


def main():
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} WRITE_SYNTHETIC PLOT_PY")
    writer, plot = sys.argv[1:]
    checks = Checks("plot.py")
    with tempfile.TemporaryDirectory(prefix="sovsim-plot-") as tmp:

        def path(name):
            return os.path.join(tmp, name)

        def write(*args):
            subprocess.run([writer, *args], check=True)

        def plot_py(*args):
            """Runs plot.py with this interpreter (Debian's); returns (exit code, stdout, stderr)."""
            p = subprocess.run([sys.executable, plot, *args], capture_output=True, text=True, timeout=600)
            checks.true(f"plot.py {' '.join(args)}: no traceback\n{p.stderr}", "Traceback" not in p.stderr)
            return p.returncode, p.stdout, p.stderr

        def check_png(file):
            what = os.path.basename(file)
            if not os.path.exists(file):
                checks.true(f"{what} was written", False)
                return
            size = os.path.getsize(file)
            checks.true(f"{what}: {size} bytes, expected at least {MIN_BYTES}", size >= MIN_BYTES)
            image = mpimg.imread(file)
            height, width = image.shape[:2]
            checks.true(f"{what}: {width}x{height} px, expected at least {MIN_WIDTH}x{MIN_HEIGHT}",
                        width >= MIN_WIDTH and height >= MIN_HEIGHT)
            rgb = image[..., :3]
            inked = float(np.mean(np.any(rgb < 0.9, axis=-1)))  # share of pixels that are not white
            checks.true(f"{what}: {inked:.1%} of the pixels drawn, expected 2-70 %", 0.02 <= inked <= 0.70)
            colours = len(np.unique((rgb * 15).astype(int).reshape(-1, 3), axis=0))
            checks.true(f"{what}: {colours} colours, expected a figure with data in colour", colours >= 8)

        def check_figures(out, names, stdout):
            for name in names:
                check_png(os.path.join(out, name + ".png"))
                checks.true(f"stdout names {name}.png", name + ".png" in stdout)

        # A complete run file: all six figures.
        write("run", path("run.h5"))
        code, out, err = plot_py(path("run.h5"), "-o", path("run"))
        checks.equal("run: exit code", code, 0)
        checks.equal("run: no message on stderr", messages(err), "")
        check_figures(path("run"), RUN_FIGURES, out)
        checks.equal("run: only the expected files", sorted(os.listdir(path("run"))),
                     sorted(f + ".png" for f in RUN_FIGURES))

        # Optional variables missing: their figure is skipped or drawn without them, with a message.
        write("run", path("partial.h5"), "--without", "site_land_ha", "--without", "gpus_operational_by_buyer",
              "--without", "zone_headroom_mw", "--without", "grid_connected_mw")
        code, out, err = plot_py(path("partial.h5"), "-o", path("partial"))
        checks.equal("partial: exit code", code, 0)
        checks.true(f"partial: by-buyer figure skipped with a message naming the variable\n{err}",
                    "skipping rollout_by_buyer" in err and "gpus_operational_by_buyer" in err)
        checks.true(f"partial: land drawn without limits, saying so\n{err}",
                    "land_by_site" in err and "site_land_ha" in err and "land used only" in err)
        checks.true(f"partial: zones drawn without headroom, saying so\n{err}", "zone_headroom_mw" in err)
        check_figures(path("partial"), [f for f in RUN_FIGURES if f != "rollout_by_buyer"], out)
        checks.true("partial: no by-buyer figure", not os.path.exists(path("partial/rollout_by_buyer.png")))

        # Without GPUs by state, the S-curve and idle figures are skipped; the power ones remain.
        write("run", path("nostates.h5"), "--without", "gpus", "--without", "gpus_national")
        code, out, err = plot_py(path("nostates.h5"), "-o", path("nostates"))
        checks.equal("nostates: exit code", code, 0)
        checks.true(f"nostates: S-curve and idle skipped\n{err}",
                    "skipping rollout:" in err and "skipping idle_by_reason:" in err)
        check_figures(path("nostates"), ["power_by_site", "power_by_zone", "land_by_site"], out)

        # A grid sweep with bands: the band figures and the indicators; no sensitivity chart.
        write("sweep", path("grid.h5"), "grid")
        code, out, err = plot_py(path("grid.h5"), "-o", path("grid"))
        checks.equal("grid: exit code", code, 0)
        checks.equal("grid: no message on stderr", messages(err), "")
        check_figures(path("grid"), BAND_FIGURES + ["sweep_indicators"], out)
        checks.true("grid: no sensitivity chart", not os.path.exists(path("grid/sweep_sensitivity.png")))

        # Sobol and Morris sweeps without series: indicators and sensitivity; bands skipped, saying why.
        for design in ("sobol", "morris"):
            write("sweep", path(f"{design}.h5"), design)
            code, out, err = plot_py(path(f"{design}.h5"), "-o", path(design))
            checks.equal(f"{design}: exit code", code, 0)
            checks.true(f"{design}: band figures skipped with the reason\n{err}",
                        "skipping sweep_rollout" in err and "keep: headline" in err)
            check_figures(path(design), ["sweep_indicators", "sweep_sensitivity"], out)

        # One figure to one file, as docs/sweeps.md shows.
        code, out, err = plot_py(path("sobol.h5"), "--sensitivity", "date_operational_90pct", "-o", path("sobol-90.png"))
        checks.equal(f"--sensitivity: exit code\n{err}", code, 0)
        check_png(path("sobol-90.png"))
        code, out, err = plot_py(path("grid.h5"), "--bands", "power_draw_national_mw", "-o", path("bands.png"))
        checks.equal(f"--bands: exit code\n{err}", code, 0)
        check_png(path("bands.png"))
        code, _, err = plot_py(path("sobol.h5"), "--sensitivity", "nope", "-o", path("nope.png"))
        checks.true(f"--sensitivity of an unknown indicator fails naming it\n{err}", code != 0 and "nope" in err)

        # Bad files: exit 2 with a message naming the file.
        code, _, err = plot_py(path("absent.h5"))
        checks.true(f"missing file: exit 2 naming it\n{err}", code == 2 and "absent.h5" in err)
        with open(path("notes.h5"), "w") as f:
            f.write("not HDF5\n")
        code, _, err = plot_py(path("notes.h5"), "-o", path("notes"))
        checks.true(f"text file: exit 2 naming it\n{err}", code == 2 and "notes.h5" in err)
    checks.finish()


if __name__ == "__main__":
    main()
