#include "output/h5_scale.h"

#include <hdf5_hl.h>

#include <algorithm>
#include <string>
#include <vector>

namespace output::h5 {

void make_scale(const Dataset& coordinate, const Where& where, const std::string& dimension_name) {
  run(where, "cannot make a dimension scale of",
      [&] { return H5DSset_scale(coordinate.get(), dimension_name.c_str()); });
}

namespace {

const char* const kDimensionList = "DIMENSION_LIST";
const char* const kReferenceList = "REFERENCE_LIST";

hobj_ref_t reference_to(const Dataset& object, const Where& where) {
  hobj_ref_t ref{};
  run(where, "cannot make an object reference to",
      [&] { return H5Rcreate(&ref, object.get(), ".", H5R_OBJECT, H5I_INVALID_HID); });
  return ref;
}

// The object's absolute path, or empty if HDF5 cannot name it.
std::string object_name(hid_t object) {
  const ssize_t size = H5Iget_name(object, nullptr, 0);
  if (size <= 0) return {};
  std::string name(static_cast<std::size_t>(size), '\0');
  if (H5Iget_name(object, name.data(), name.size() + 1) < 0) return {};
  return name;
}

}  // namespace

ScaleAttachments::ScaleList& ScaleAttachments::list_of(const Dataset& scale, const Where& variable) {
  for (ScaleList& list : lists_) {
    if (list.scale == scale.get()) return list;
  }
  lists_.push_back({scale.get(), Where{variable.file, object_name(scale.get())}, {}});
  return lists_.back();
}

void ScaleAttachments::attach(const Dataset& variable, const Where& where,
                              const std::vector<const Dataset*>& scale_of_axis) {
  if (ask(where, "cannot look for attribute DIMENSION_LIST on",
          [&] { return H5Aexists(variable.get(), kDimensionList); })) {
    throw_error(where, "cannot attach dimension scales to", "it has scales attached already");
  }
  // H5DSattach_scale refuses a scale and a "reserved" dataset (image, table): both have CLASS.
  if (ask(where, "cannot look for attribute CLASS on", [&] { return H5Aexists(variable.get(), "CLASS"); }))
    throw_error(where, "cannot attach dimension scales to",
                "it is a dimension scale itself (it has a CLASS)");
  const Dataspace variable_space(
      make(where, "cannot get the dataspace of", [&] { return H5Dget_space(variable.get()); }));
  const int rank = std::max(1, H5Sget_simple_extent_ndims(variable_space.get()));  // scalar: 1, as H5DS
  if (scale_of_axis.size() != static_cast<std::size_t>(rank)) {
    throw_error(where, "cannot attach dimension scales to",
                "given " + std::to_string(scale_of_axis.size()) + " axes, it has " + std::to_string(rank));
  }
  const hobj_ref_t to_variable = reference_to(variable, where);
  std::vector<hobj_ref_t> to_scale(scale_of_axis.size());
  std::vector<hvl_t> dimension_list(scale_of_axis.size(), hvl_t{0, nullptr});
  for (std::size_t axis = 0; axis < scale_of_axis.size(); ++axis) {
    if (scale_of_axis[axis] == nullptr) continue;
    to_scale[axis] = reference_to(*scale_of_axis[axis], where);
    dimension_list[axis] = hvl_t{1, &to_scale[axis]};
    ScaleList& list = list_of(*scale_of_axis[axis], where);
    list.references.push_back({to_variable, static_cast<int>(axis)});
    list.written = false;
  }
  // H5DS's DIMENSION_LIST: one variable-length list of object references per axis.
  const Datatype type(
      make(where, "cannot make the DIMENSION_LIST type for", [] { return H5Tvlen_create(H5T_STD_REF_OBJ); }));
  const hsize_t axes = dimension_list.size();
  const Dataspace space(make(where, "cannot make the DIMENSION_LIST dataspace for",
                             [&] { return H5Screate_simple(1, &axes, nullptr); }));
  const Attribute attribute(make(where, "cannot create attribute DIMENSION_LIST on", [&] {
    return H5Acreate2(variable.get(), kDimensionList, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT);
  }));
  run(where, "cannot write attribute DIMENSION_LIST on",
      [&] { return H5Awrite(attribute.get(), type.get(), dimension_list.data()); });
}

void ScaleAttachments::write_reference_lists() {
  for (ScaleList& list : lists_) {
    if (list.written) continue;
    const Where& where = list.where;
    if (ask(where, "cannot look for attribute REFERENCE_LIST on",
            [&] { return H5Aexists(list.scale, kReferenceList); })) {
      run(where, "cannot replace attribute REFERENCE_LIST on",
          [&] { return H5Adelete(list.scale, kReferenceList); });
    }
    // H5DS's REFERENCE_LIST: a compound of the variable's reference and the axis it is on.
    const Datatype type(make(where, "cannot make the REFERENCE_LIST type for",
                             [] { return H5Tcreate(H5T_COMPOUND, sizeof(Reference)); }));
    run(where, "cannot make the REFERENCE_LIST type for",
        [&] { return H5Tinsert(type.get(), "dataset", HOFFSET(Reference, variable), H5T_STD_REF_OBJ); });
    run(where, "cannot make the REFERENCE_LIST type for",
        [&] { return H5Tinsert(type.get(), "dimension", HOFFSET(Reference, axis), H5T_NATIVE_INT); });
    const hsize_t count = list.references.size();
    const Dataspace space(make(where, "cannot make the REFERENCE_LIST dataspace for",
                               [&] { return H5Screate_simple(1, &count, nullptr); }));
    const Attribute attribute(make(where, "cannot create attribute REFERENCE_LIST on", [&] {
      return H5Acreate2(list.scale, kReferenceList, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT);
    }));
    run(where, "cannot write attribute REFERENCE_LIST on",
        [&] { return H5Awrite(attribute.get(), type.get(), list.references.data()); });
    list.written = true;
  }
}

bool is_scale(const Dataset& dataset, const Where& where) {
  return ask(where,
             "cannot tell whether this is a dimension scale:", [&] { return H5DSis_scale(dataset.get()); });
}

namespace {

struct Found {
  std::string path;
  Trap trap;
};

// The scale's absolute path. H5Iget_name names a scale reached through a DIMENSION_LIST reference
// by walking the file's root group (H5G_get_name_by_addr), so reading every variable of a sweep
// file with ~1,600 variables was quadratic: 4 s of a 64-replication `compare`. A scale's NAME
// attribute is its dimension name, which sovsim and netCDF-4 make the coordinate variable's own
// name at the root; checked to be the same object there, it names the scale in one look-up. A
// file whose NAME says otherwise (a dimension without a variable, another tool) takes the walk.
std::string scale_path(hid_t scale) {
  const QuietErrors quiet;
  const ssize_t size = H5DSget_scale_name(scale, nullptr, 0);
  if (size > 0) {
    std::string name(static_cast<std::size_t>(size), '\0');
    if (H5DSget_scale_name(scale, name.data(), name.size() + 1) == size &&
        name.find('/') == std::string::npos) {
      const std::string path = "/" + name;
      const hid_t file = H5Iget_file_id(scale);
      if (file >= 0) {
        H5O_info_t at_path{}, of_scale{};
        const bool same =
            H5Lexists(file, path.c_str(), H5P_DEFAULT) > 0 &&
            H5Oget_info_by_name2(file, path.c_str(), &at_path, H5O_INFO_BASIC, H5P_DEFAULT) >= 0 &&
            H5Oget_info2(scale, &of_scale, H5O_INFO_BASIC) >= 0 && at_path.fileno == of_scale.fileno &&
            at_path.addr == of_scale.addr;
        H5Fclose(file);
        if (same) return path;
      }
    }
  }
  return object_name(scale);
}

herr_t take_first(hid_t, unsigned, hid_t scale, void* data) {
  auto& found = *static_cast<Found*>(data);
  return found.trap.guard([&] {
    found.path = scale_path(scale);
    return found.path.empty() ? herr_t{-1} : herr_t{1};  // stop at the first scale
  });
}

}  // namespace

std::string attached_scale_path(const Dataset& variable, const Where& where, unsigned axis) {
  const int count = [&] {
    const QuietErrors quiet;
    return H5DSget_num_scales(variable.get(), axis);
  }();
  if (count <= 0) return {};  // nothing attached (or no DIMENSION_LIST at all: a foreign file)
  Found found;
  int index = 0;
  iterate(where, "cannot list the dimension scales of", found.trap,
          [&] { return H5DSiterate_scales(variable.get(), axis, &index, take_first, &found); });
  return found.path;
}

}  // namespace output::h5
