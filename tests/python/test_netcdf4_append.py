"""netCDF4-python (netCDF-C) opens the file in append mode, adds an attribute and a time step,
and xarray then reads the result: the file's creation order and dimension scales are right."""

import os
import shutil
import tempfile

from sample import Checks, file_argument, np, require

netCDF4 = require("netCDF4", "python3-netcdf4")
xr = require("xarray", "python3-xarray")


def main():
    path = file_argument()
    check = Checks("netCDF4 append")
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "copy.h5")
        shutil.copyfile(path, copy)
        with netCDF4.Dataset(copy, "a") as ds:
            rows = len(ds.dimensions["time"])
            check.true("time is unlimited", ds.dimensions["time"].isunlimited())
            ds.setncattr("history", "appended by test_netcdf4_append.py")
            ds["gpus"].setncattr("comment", "checked")
            ds["time"][rows] = float(rows)
            ds["gpus"][rows, :] = [1.0, 2.0, 3.0]
        with xr.open_dataset(copy) as ds:
            check.equal("history", ds.attrs.get("history"), "appended by test_netcdf4_append.py")
            check.equal("variable attribute", ds["gpus"].attrs.get("comment"), "checked")
            check.equal("rows after append", ds.sizes["time"], rows + 1)
            check.equal("appended row", ds["gpus"].values[-1], np.array([1.0, 2.0, 3.0]))
    check.finish()


if __name__ == "__main__":
    main()
