"""Every variable of a real run file and a real sweep file, opened with xarray's DEFAULT decoding
(no decode_timedelta=..., nothing), equals h5py's raw values: dates decode to the right dates (NaN
to NaT), nothing decodes to a timedelta, numbers are the stored numbers, and dimension names are the
ones the file declares. KOREA.h5 is a run with corridors and substations (the per-corridor and
per-substation variables). Usage: test_readers.py RUN.h5 SWEEP.h5 KOREA.h5"""
import re
import sys

try:
    import h5py
    import numpy as np
    import xarray as xr
except ImportError as e:  # pragma: no cover
    sys.exit(f"{e}: install Debian's python3-xarray, python3-h5py and run with /usr/bin/python3")

CF_TIME = re.compile(r"^days since (\d{4}-\d\d-\d\d)")


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def check(path, expect_dates):
    ds = xr.open_dataset(path)
    checked, dates = 0, 0
    with h5py.File(path, "r") as f:
        for name, raw in f.items():
            if not isinstance(raw, h5py.Dataset) or name not in ds.variables:
                continue
            da = ds[name]
            values = raw[()]
            assert da.dtype.kind != "m", f"{path}: {name} decodes to a timedelta ({da.dtype})"
            units = text(raw.attrs.get("units", b""))
            if h5py.h5ds.is_scale(raw.id):  # a coordinate variable: its own dimension
                dims = (name,)
            else:
                dims = tuple(text(d[0].name).lstrip("/") for d in raw.dims) if raw.ndim else ()
            assert da.dims == dims, f"{path}: {name} dims {da.dims}, the file's {dims}"
            if raw.dtype.kind in ("S", "O", "U"):
                got = [text(v) for v in np.ravel(da.values)]
                want = [text(v) for v in np.ravel(values)]
                assert got == want, f"{path}: {name} strings differ"
            elif CF_TIME.match(units):
                assert da.dtype.kind == "M", f"{path}: {name} has units '{units}' but did not decode to dates"
                epoch = np.datetime64(CF_TIME.match(units).group(1), "ns")
                raw_f = np.asarray(values, dtype=float)
                got = da.values
                assert np.array_equal(np.isnat(got), np.isnan(raw_f)), f"{path}: {name}: NaN/NaT differ"
                ok = ~np.isnan(raw_f)
                want = epoch + np.round(raw_f[ok] * 86400e9).astype("timedelta64[ns]")
                diff = np.abs((got[ok] - want).astype(np.int64))
                assert (diff <= 1000).all(), f"{path}: {name}: dates off by up to {diff.max()} ns"
                dates += 1
            else:
                assert np.array_equal(np.asarray(da.values), values, equal_nan=raw.dtype.kind == "f"), \
                    f"{path}: {name}: xarray's values differ from the stored ones"
            checked += 1
    for name in expect_dates:
        assert ds[name].dtype.kind == "M", f"{path}: {name} is not a date"
    assert checked > 20, f"{path}: only {checked} variables checked"
    print(f"{path}: {checked} variables equal to h5py's, {dates} of them dates")
    return ds


run = check(sys.argv[1], ["date_operational_50pct", "date_operational_90pct_by_buyer"])
sweep = check(sys.argv[2], ["date_operational_50pct", "date_operational_50pct_quantile"])
# The same quantity under the same name in both files, and GPU-days as numbers.
for name in ("gpus_operational_at_end", "energy_total_twh", "peak_power_demand_mw", "date_operational_50pct"):
    assert name in run and name in sweep, name
assert run["gpu_days"].dtype == np.float64 and run["gpu_days"].attrs["units"] == "d"
assert sweep["gpu_days_national_operational"].dtype == np.float64
assert float(sweep["gpu_days_national_operational"].max()) > 1000
assert run["gpu_days"].dims == ("site", "state")
korea = check(sys.argv[3], ["date_operational_50pct", "substation_energised"])
for name in ("substation_capacity_mw", "substation_contracted_mw", "substation_allocated_mw", "substation_draw_mw",
             "substation_zone", "substation_capacity_end_mw", "substation_contracted_end_mw",
             "substation_peak_allocated_mw", "corridor_flow_mw"):
    assert name in korea, f"{sys.argv[3]}: no {name}"
assert korea["substation_allocated_mw"].dims == ("time", "substation")
assert float(korea["substation_peak_allocated_mw"].max()) >= float(korea["substation_allocated_mw"].max()) > 0
print("test_readers: OK")
