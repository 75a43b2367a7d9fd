"""`sovsim discover` (PRIM) and the sensitivity caveats end to end on the Ishigami Sobol' sweep file.

Usage: test_discover.py SOVSIM SWEEP.h5 PLOT_PY
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import h5py


def run(*args, ok=True):
    p = subprocess.run(list(args), capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
    return p


def main():
    sovsim, source, plot = sys.argv[1:4]
    work = tempfile.mkdtemp(prefix="discover-")
    try:
        path = os.path.join(work, "ishigami.h5")
        shutil.copy(source, path)
        # y > 8: large sin^2(x2) and sin(x1) > 0.
        out = json.loads(run(sovsim, "discover", path, "--indicator", "y", "--above", "8", "--format", "json").stdout)
        base = out["cases"] / out["runs"]
        box = out["boxes"][0]
        assert 0 < base < 0.5, out["cases"]
        assert box["density"] > 2 * base, (box, base)
        assert box["coverage"] >= 0.5, box
        assert set(box["limits"]) <= {"x1", "x2", "x3"} and box["limits"], box
        assert "x1" in box["limits"], "sin x1 > 0 is needed for y > 8"
        lo, hi = box["limits"]["x1"]
        assert lo > -0.5 and hi <= 3.15, box["limits"]["x1"]
        for name, p in box["quasi_p"].items():
            assert 0 <= p <= 1, (name, p)
        traj = out["trajectory"]
        assert traj[0]["mass"] == 1 and traj[0]["restricted"] == 0
        assert all(b["density"] >= traj[0]["density"] for b in traj)

        table = run(sovsim, "discover", path, "--indicator", "y", "--above", "8").stdout
        assert "Peeling trajectory" in table and "Chosen box" in table and "quasi-p" in table, table
        csv = run(sovsim, "discover", path, "--indicator", "y", "--below", "-2", "--format", "csv").stdout
        assert csv.startswith("box,chosen,pasted,coverage,density,mass,restricted,input,low,high,quasi_p\n"), csv

        # Bad usage names the problem; exit 2.
        bad = run(sovsim, "discover", path, "--indicator", "nope", "--above", "1", ok=False)
        assert bad.returncode == 2 and "expected a per-run indicator of the sweep (y, y_squared" in bad.stderr, bad.stderr
        bad = run(sovsim, "discover", path, "--target", "nacc-2028", ok=False)
        assert bad.returncode == 2 and "--target" in bad.stderr, bad.stderr
        bad = run(sovsim, "discover", path, "--indicator", "y", ok=False)
        assert bad.returncode == 2 and "--above X" in bad.stderr, bad.stderr

        # --write stores the trajectory; plot.py draws it.
        run(sovsim, "discover", path, "--indicator", "y", "--above", "8", "--write", "--format", "json")
        with h5py.File(path, "r") as f:
            assert len(f["prim_coverage"]) == len(traj)
            assert f["prim_low"].shape == (len(traj), 3)
            assert int(f["prim_coverage"].attrs["chosen_box"]) >= 0
            status = [s.decode() if isinstance(s, bytes) else s for s in f["sensitivity_status"][()]]
            assert status == ["computed", "computed"], status
            assert f["censored_runs"].shape[1] == 2
        figures = os.path.join(work, "figures")
        p = run(sys.executable, plot, path, "-o", figures)
        assert os.path.exists(os.path.join(figures, "sweep_discovery.png")), p.stderr
        assert os.path.exists(os.path.join(figures, "sweep_sensitivity.png")), p.stderr

        summary = run(sovsim, "summary", path).stdout
        assert "Sensitivity: how each indicator's indices were computed" in summary, summary
        assert "computed on the means of 1 replication per point" in summary, summary
        assert "noise share not estimable with 1 replication per point" in summary, summary
        # No bare n/a: the per-indicator table's missing noise share says why.
        assert "n/a" not in summary, summary
        assert "not estimable with 1 replication per point" in summary.split("By indicator")[1], summary
        for fmt in ("csv", "json"):
            out = run(sovsim, "summary", path, "--format", fmt).stdout
            assert "n/a" not in out, out
            assert "computed on the means of 1 replication per point" in out, out
    finally:
        shutil.rmtree(work)
    print("ok")


if __name__ == "__main__":
    main()
