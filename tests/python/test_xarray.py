"""xarray.open_dataset(path), with no other argument, gives named dims, datetime64 time, the exact
values written, CF attributes and a pandas DataFrame."""

from sample import (AXIS_LABELS, ROOT_ATTRIBUTES, SERIES, STATICS, Checks, expected_times, expected_values,
                    file_argument, np, require)

xr = require("xarray", "python3-xarray")
require("netCDF4", "python3-netcdf4")  # xarray's default engine for netCDF-4 files


def main():
    path = file_argument()
    check = Checks("xarray")
    with xr.open_dataset(path) as ds:
        rows = ds.sizes["time"]
        check.true("the file has rows", rows > 2)
        check.equal("dims", dict(ds.sizes), {"time": rows, "site": 3, "zone": 2})
        check.equal("time dtype", str(ds["time"].dtype), "datetime64[ns]")
        check.equal("time values", ds["time"].values, expected_times(rows))
        check.true("time is an index", "time" in ds.indexes)
        for axis, labels in AXIS_LABELS.items():
            check.equal(f"{axis} labels", list(ds[axis].values), labels)
            check.true(f"{axis} is an index", axis in ds.indexes)
        check.equal("site long_name", ds["site"].attrs.get("long_name"), "datacenter site")

        for index, (name, dims, units, long_name) in enumerate(SERIES):
            variable = ds[name]
            check.equal(f"{name} dims", variable.dims, ("time",) + dims)
            check.equal(f"{name} dtype", str(variable.dtype), "float64")
            check.equal(f"{name} values", variable.values, expected_values(index, rows))
            check.equal(f"{name} units", variable.attrs.get("units"), units)
            check.equal(f"{name} long_name", variable.attrs.get("long_name"), long_name)
            encoding = variable.encoding
            check.true(f"{name} is compressed: {encoding}", encoding.get("zlib") and not encoding.get("shuffle"))
            check.equal(f"{name} deflate level", encoding.get("complevel"), 1)
            check.equal(f"{name} chunk rank", len(encoding.get("chunksizes") or ()), 1 + len(dims))
        check.true("power _FillValue is NaN", np.isnan(ds["power"].encoding.get("_FillValue", 0.0)))
        check.equal("state flag_meanings", ds["state"].attrs.get("flag_meanings"), "planned building operating")

        for name, (dims, values, units) in STATICS.items():
            check.equal(f"{name} dims", ds[name].dims, dims)
            check.equal(f"{name} values", ds[name].values, np.array(values).reshape(ds[name].shape))
            check.equal(f"{name} units", ds[name].attrs.get("units"), units)

        for name, value in ROOT_ATTRIBUTES.items():
            check.equal(f"root attribute {name}", ds.attrs.get(name), value)
        check.equal("rows_complete", ds.attrs.get("rows_complete"), rows)

        frame = ds["power"].to_dataframe()
        check.equal("power frame index", list(frame.index.names), ["time", "site", "zone"])
        check.equal("power frame length", len(frame), rows * 6)
        check.equal("power frame row", float(frame.loc[(expected_times(rows)[1], "Ulsan", "south"), "power"]),
                    float(expected_values(2, rows)[1, 2, 1]))
        whole = ds.to_dataframe()
        check.equal("whole-dataset frame length", len(whole), rows * 6)
    check.finish()


if __name__ == "__main__":
    main()
