#include "output/h5_file.h"

namespace output::h5 {

void set_netcdf_creation_order(hid_t plist, const Where& where) {
  constexpr unsigned kOrder = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  run(where, "cannot track attribute creation order for",
      [&] { return H5Pset_attr_creation_order(plist, kOrder); });
  run(where, "cannot turn off time stamps for", [&] { return H5Pset_obj_track_times(plist, false); });
  if (ask(where, "cannot inspect property list for", [&] { return H5Pisa_class(plist, H5P_GROUP_CREATE); })) {
    run(where, "cannot track link creation order for",
        [&] { return H5Pset_link_creation_order(plist, kOrder); });
  }
}

File create_file(const std::string& path) {
  const Where where{path, ""};
  const PropertyList fcpl(
      make(where, "cannot create creation properties for", [] { return H5Pcreate(H5P_FILE_CREATE); }));
  set_netcdf_creation_order(fcpl.get(), where);
  // Freed space is never reused: whatever is rewritten after a flush leaves its old image intact,
  // so what the last flush put on disk stays valid and a killed run's .partial file is right
  // below rows_complete. The writer flushes only where chunks end (output/chunking.h), so only
  // metadata is ever rewritten (~1 % of a long run's file). Needs superblock 2 (HDF5 >= 1.10,
  // netCDF >= 4.4).
  run(where, "cannot set file space strategy for",
      [&] { return H5Pset_file_space_strategy(fcpl.get(), H5F_FSPACE_STRATEGY_AGGR, false, 1); });
  // SEMI: closing the file fails while any object in it is still open, instead of leaving the
  // file open behind our back; commit() relies on the close having really happened.
  const PropertyList fapl(
      make(where, "cannot create access properties for", [] { return H5Pcreate(H5P_FILE_ACCESS); }));
  run(where, "cannot set file close degree for",
      [&] { return H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI); });
  return File(make(where, "cannot create HDF5 file",
                   [&] { return H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()); }));
}

File open_file_read_only(const std::string& path) {
  const Where where{path, ""};
  return File(make(where, "cannot open HDF5 file",
                   [&] { return H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT); }));
}

PropertyList creation_properties(hid_t object, const Where& where) {
  if (H5Iget_type(object) == H5I_FILE) {
    // A reopened file's creation list does not carry the root group's creation-order flags; the
    // root group's own list does.
    const Group root(
        make(where, "cannot open root group of", [&] { return H5Gopen2(object, "/", H5P_DEFAULT); }));
    return creation_properties(root.get(), where);
  }
  return PropertyList(make(where, "cannot get creation properties of", [&]() -> hid_t {
    switch (H5Iget_type(object)) {
      case H5I_GROUP:
        return H5Gget_create_plist(object);
      case H5I_DATASET:
        return H5Dget_create_plist(object);
      default:
        return H5I_INVALID_HID;
    }
  }));
}

}  // namespace output::h5
