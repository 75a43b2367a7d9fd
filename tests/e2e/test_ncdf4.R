# R's ncdf4 (Debian r-cran-ncdf4) reads a real run file's variable with its dimension names, as
# docs/output-format.md shows. R reverses the file's dimension order: gpu_days(site, state) in the
# file is an R array [state, site]; t() gives the file's order. Usage: Rscript test_ncdf4.R RUN.h5
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(ncdf4))
nc <- nc_open(args[1])
g <- ncvar_get(nc, "gpu_days", collapse_degen = FALSE)
dims <- sapply(nc$var[["gpu_days"]]$dim, function(d) d$name)
stopifnot(identical(dims, c("state", "site")))
dimnames(g) <- lapply(nc$var[["gpu_days"]]$dim, function(d) d$vals)
by_site <- t(g)  # [site, state], the file's order
stopifnot(identical(colnames(by_site)[9], "operational"))
stopifnot(by_site["site", "operational"] > 1000)
# The national GPU-days are the per-site ones summed: the same numbers in both variables.
national <- ncvar_get(nc, "gpu_days_national")
stopifnot(isTRUE(all.equal(as.numeric(national), as.numeric(colSums(by_site)))))
# Units are plain numbers' units, and dates carry CF time units.
stopifnot(identical(ncatt_get(nc, "gpu_days", "units")$value, "d"))
stopifnot(startsWith(ncatt_get(nc, "date_operational_50pct", "units")$value, "days since "))
nc_close(nc)
cat("test_ncdf4: OK\n")
