"""netCDF-C's ncdump reads the header, decodes time to ISO dates, and reads the string
coordinates (a fixed-length string dataset would crash it)."""

import subprocess

from sample import Checks, file_argument, require_program

ncdump = require_program("ncdump", "netcdf-bin")


def run(*args):
    result = subprocess.run([ncdump, *args], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise SystemExit(f"FAIL: ncdump {' '.join(args)} exited with {result.returncode}: {result.stderr}")
    return result.stdout


def main():
    path = file_argument()
    check = Checks("ncdump")
    header = run("-h", path)
    for expected in ["time = UNLIMITED ;", "site = 3 ;", "zone = 2 ;",
                     "double power(time, site, zone) ;", "double headline ;", "double capacity(site) ;",
                     "string site(site) ;",
                     'time:units = "days since 2025-11-01 00:00:00" ;',
                     'time:calendar = "proleptic_gregorian" ;',
                     "power:_FillValue = NaN ;",
                     ':Conventions = "CF-1.10" ;', ':format_version = "1.0" ;', ":random_seed = 42LL ;"]:
        check.true(f"header has {expected!r}:\n{header}", expected in header)
    check.true("string attributes are NC_CHAR, not NC_STRING", "string time:units" not in header)
    times = run("-t", "-v", "time", path)
    check.true(f"ncdump -t prints ISO dates:\n{times}", '"2025-11-01"' in times and '"2025-11-03"' in times)
    sites = run("-v", "site", path)
    check.true(f"site labels:\n{sites}", '"Gwangju-광주"' in sites)
    check.finish()


if __name__ == "__main__":
    main()
