"""Morris screening with its caveats end to end (Ishigami, few trajectories, 2 noisy replications):
mu* intervals and trust flags in the sweep file, the notes in summary's table, CSV and JSON, and
plot.py's chart; nothing says a bare n/a.

Usage: test_morris.py SOVSIM SWEEP.h5 PLOT_PY
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np


def run(*args):
    p = subprocess.run(list(args), capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
    return p


def main():
    sovsim, path, plot = sys.argv[1:4]
    with h5py.File(path, "r") as f:
        mu = f["morris_mu_star"][()]
        low, high = f["morris_mu_star_low"][()], f["morris_mu_star_high"][()]
        assert mu.shape == (2, 4), mu.shape
        assert np.all(low <= mu + 1e-12) and np.all(mu <= high + 1e-12), (low, mu, high)
        assert np.all(low >= 0), low
        assert (high - low)[0, 0] > 0, "x1's effect varies: its interval has a width"
        flags = f["morris_mu_star_flag"][()]
        assert flags.shape == (2, 4) and flags.sum() > 0, flags
        needed = f["morris_trajectories_needed"][()]
        assert np.all(needed > 8), needed  # 8 trajectories are too few
        assert np.all(f["noise_share"][()] > 0.1), f["noise_share"][()]
        assert "no_value_reason" in f["morris_trajectories_needed"].attrs

    table = run(sovsim, "summary", path).stdout
    assert "(in brackets: morris_mu_star_low to morris_mu_star_high)" in table, table
    assert "NOT TO BE TRUSTED (interval half-width > 0.2 x max(mu*, 0.1 x the largest mu*)" in table, table
    assert f"about r = {needed[0]:.0f} trajectories would be needed" in table, table
    assert "noise share" in table and "WARNING: above 0.1" in table, table
    assert "2 indicator(s) with a large noise share, 2 with indices not to be trusted" in table, table
    csv = run(sovsim, "summary", path, "--format", "csv").stdout
    assert "\nsensitivity_untrusted,indicator=y,\"NOT TO BE TRUSTED" in csv, csv
    assert "\nsensitivity_noise_note,indicator=y,noise share" in csv, csv
    assert "\nsensitivity_overall,," in csv, csv
    doc = json.loads(run(sovsim, "summary", path, "--format", "json").stdout)
    y = doc["sensitivity"]["indicators"][0]
    assert y["indicator"] == "y" and y["noise_warning"] is True, y
    assert y["trajectories_needed"] == needed[0], y
    assert any(u.startswith("mu* ") for u in y["untrusted"]), y
    for text in (table, csv, json.dumps(doc)):
        assert "n/a" not in text

    work = tempfile.mkdtemp(prefix="morris-")
    try:
        p = run(sys.executable, plot, path, "-o", work)
        assert os.path.exists(os.path.join(work, "sweep_sensitivity.png")), p.stderr
        assert "n/a" not in p.stdout + p.stderr
    finally:
        shutil.rmtree(work)
    print("ok")


if __name__ == "__main__":
    main()
