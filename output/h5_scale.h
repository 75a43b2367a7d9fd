#pragma once
// netCDF dimensions as HDF5 dimension scales (internal to output/).
//
// A coordinate variable becomes a scale named after itself and is attached to the matching axis
// of every variable. This is what names dimensions for netCDF-C and xarray: without it they
// invent phony_dim_N, h5netcdf refuses the file and netCDF4 append mode cannot find `time`.

#include <string>
#include <vector>

#include "output/h5_handle.h"

namespace output::h5 {

void make_scale(const Dataset& coordinate, const Where& where, const std::string& dimension_name);
bool is_scale(const Dataset& dataset, const Where& where);

// Scales attached to many variables, written as H5DSattach_scale writes them but once per object.
//
// Why: H5DSattach_scale rewrites the scale's whole REFERENCE_LIST (read, delete, re-create) for
// every variable attached, so n variables on one scale cost O(n^2) attribute writes, and leave
// freed space behind in the scale's object header. A one-run sweep file's ~800 variables on the
// `run` scale took about 75 ms of the ~190 ms its writing took (docs/performance.md).
//
// attach() writes the variable's DIMENSION_LIST at once (every axis); write_reference_lists()
// writes each scale's REFERENCE_LIST with all its variables, in the order attached. The attributes
// have the types, shapes and entries H5DSattach_scale gives them, so H5DS*, netCDF-C, h5py and
// xarray read them as theirs. Scales must stay open until write_reference_lists(), which may be
// called again after more attach() calls (it then rewrites the lists that grew).
class ScaleAttachments {
 public:
  // `scale_of_axis[i]` is the scale of axis i (null: none); one entry per axis of `variable`,
  // which has no scale attached yet and is not a scale itself.
  void attach(const Dataset& variable, const Where& where, const std::vector<const Dataset*>& scale_of_axis);
  void write_reference_lists();

 private:
  struct Reference {  // H5DS's ds_list_t: the REFERENCE_LIST element, in memory
    hobj_ref_t variable;
    int axis;
  };
  struct ScaleList {
    hid_t scale;
    Where where;
    std::vector<Reference> references;
    bool written = false;  // the attribute holds every reference
  };
  ScaleList& list_of(const Dataset& scale, const Where& variable);
  std::vector<ScaleList> lists_;
};

// The absolute path of the first scale attached to `axis` of `variable`, or empty if none.
std::string attached_scale_path(const Dataset& variable, const Where& where, unsigned axis);

}  // namespace output::h5
