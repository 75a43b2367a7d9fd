"""The .partial file a killed run leaves opens in xarray, and its rows up to the root attribute
rows_complete hold the values written."""

from sample import SERIES, Checks, expected_times, expected_values, file_argument, require

xr = require("xarray", "python3-xarray")
require("netCDF4", "python3-netcdf4")


def main():
    path = file_argument()
    check = Checks("killed run")
    with xr.open_dataset(path) as ds:
        complete = int(ds.attrs["rows_complete"])
        check.equal("rows_complete (flushed at the first 64-row chunk end after 100 of 250 rows)", complete, 128)
        check.true("time holds at least the complete rows", ds.sizes["time"] >= complete)
        good = ds.isel(time=slice(0, complete))
        check.equal("time", good["time"].values, expected_times(complete))
        for index, (name, _, _, _) in enumerate(SERIES):
            check.equal(f"{name} values", good[name].values, expected_values(index, complete))
    check.finish()


if __name__ == "__main__":
    main()
