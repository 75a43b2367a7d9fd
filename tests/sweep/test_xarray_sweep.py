"""xarray opens a sweep file with no arguments: a `run` dimension, parameters and seeds over run,
statistics over point and quantile, Sobol indices over indicator and parameter."""
import sys

try:
    import numpy as np
    import xarray as xr
except ImportError as e:  # pragma: no cover
    sys.exit(f"{e}: install Debian's python3-xarray and run with /usr/bin/python3")

path = sys.argv[1]
for engine in ("netcdf4",):
    ds = xr.open_dataset(path, engine=engine)
    assert ds.sizes["run"] == 1024 * 5, ds.sizes
    assert ds["y"].dims == ("run",), ds["y"].dims
    assert ds["seed"].dims == ("run",) and ds["seed"].dtype == np.int64
    assert ds["parameter_value"].dims == ("run", "parameter")
    assert list(ds["parameter"].values) == ["x1", "x2", "x3"], ds["parameter"].values
    assert ds["y_quantile"].dims == ("point", "quantile")
    assert np.allclose(ds["quantile"].values, [0.05, 0.25, 0.5, 0.75, 0.95])
    s1 = ds["sobol_first"].sel(indicator="y").values
    st = ds["sobol_total"].sel(indicator="y").values
    assert np.allclose(s1, [0.314, 0.442, 0.0], atol=0.05), s1
    assert np.allclose(st, [0.558, 0.442, 0.244], atol=0.05), st
    assert (ds["sobol_first_low"] <= ds["sobol_first_high"]).all()
    assert ds.attrs["Conventions"] == "CF-1.10"
    assert ds.attrs["design"] == "sobol"
    assert len(ds.attrs["sweep_hash"]) == 16
    ds.close()
print("test_xarray_sweep: OK")
