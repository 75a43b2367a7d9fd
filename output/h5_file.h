#pragma once
// Creating and opening HDF5 files the way netCDF-C needs them (internal to output/).

#include <string>

#include "output/h5_handle.h"

namespace output::h5 {

// Tracks and indexes link and attribute creation order on `plist` (a file, group or dataset
// creation property list), as netCDF-C does itself: without it on the root and on every group,
// netCDF-C refuses to open the file for writing (NC_ECANTWRITE), and readers list variables
// alphabetically. Also stops HDF5 stamping modification times into object headers, so two runs
// with the same inputs write the same bytes.
void set_netcdf_creation_order(hid_t plist, const Where& where);

// Creates (truncating) a file for writing. The default (earliest) library format is kept on
// purpose: files written with a newer HDF5's latest format may not open in tools built on 1.10.
File create_file(const std::string& path);
File open_file_read_only(const std::string& path);

// The creation property list of a group or dataset; for a file, that of its root group.
PropertyList creation_properties(hid_t object, const Where& where);

}  // namespace output::h5
