"""h5py reads every variable and every attribute, and sees the dimension scales."""

from sample import (ROOT_ATTRIBUTES, SERIES, SITES, STATICS, Checks, expected_values, file_argument, np,
                    require)

h5py = require("h5py", "python3-h5py")


def text(value):
    # h5py returns fixed-length string attributes as bytes (netCDF-C needs them fixed-length).
    return value.decode("utf-8") if isinstance(value, bytes) else value


def main():
    path = file_argument()
    check = Checks("h5py")
    with h5py.File(path, "r") as f:
        rows = f["time"].shape[0]
        read = {}

        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                read[name] = obj[()]  # every variable reads
                for key in obj.attrs:
                    obj.attrs[key]  # and every attribute, including the dimension-scale bookkeeping
        f.visititems(visit)
        check.equal("datasets", sorted(read),
                    sorted(["time", "site", "zone"] + [s[0] for s in SERIES] + list(STATICS)))
        check.equal("time", read["time"], np.arange(rows, dtype=float))
        check.equal("time units", text(f["time"].attrs["units"]), "days since 2025-11-01 00:00:00")
        check.equal("time calendar", text(f["time"].attrs["calendar"]), "proleptic_gregorian")
        check.equal("site labels", [text(v) for v in read["site"]], SITES)
        check.true("time is unlimited", f["time"].maxshape == (None,))
        for index, (name, dims, units, _) in enumerate(SERIES):
            dataset = f[name]
            check.equal(f"{name} values", read[name], expected_values(index, rows))
            check.equal(f"{name} dims", tuple(dataset.dims[i][0].name for i in range(dataset.ndim)),
                        tuple("/" + d for d in ("time",) + dims))
            check.equal(f"{name} units", text(dataset.attrs["units"]), units)
            check.equal(f"{name} compression", (dataset.compression, dataset.compression_opts, dataset.shuffle),
                        ("gzip", 1, False))
        for name, (dims, values, _) in STATICS.items():
            check.equal(f"{name} values", np.asarray(read[name], dtype=float).reshape(-1), np.array(values))
        for name, value in ROOT_ATTRIBUTES.items():
            check.equal(f"root attribute {name}", text(f.attrs[name]), value)
        check.equal("root attribute order", list(f.attrs)[:3], ["Conventions", "format_version", "title"])
    check.finish()


if __name__ == "__main__":
    main()
