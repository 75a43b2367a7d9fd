#pragma once
// netCDF dimensions as HDF5 dimension scales (internal to output/).
//
// A coordinate variable becomes a scale named after itself and is attached to the matching axis
// of every variable. This is what names dimensions for netCDF-C and xarray: without it they
// invent phony_dim_N, h5netcdf refuses the file and netCDF4 append mode cannot find `time`.

#include <string>

#include "output/h5_handle.h"

namespace output::h5 {

void make_scale(const Dataset& coordinate, const Where& where, const std::string& dimension_name);
void attach_scale(const Dataset& variable, const Where& where, const Dataset& scale, unsigned axis);
bool is_scale(const Dataset& dataset, const Where& where);

// The absolute path of the first scale attached to `axis` of `variable`, or empty if none.
std::string attached_scale_path(const Dataset& variable, const Where& where, unsigned axis);

}  // namespace output::h5
