#include "output/h5_scale.h"

#include <hdf5_hl.h>

#include <vector>

namespace output::h5 {

void make_scale(const Dataset& coordinate, const Where& where, const std::string& dimension_name) {
  run(where, "cannot make a dimension scale of",
      [&] { return H5DSset_scale(coordinate.get(), dimension_name.c_str()); });
}

void attach_scale(const Dataset& variable, const Where& where, const Dataset& scale, unsigned axis) {
  run(where, "cannot attach a dimension scale to",
      [&] { return H5DSattach_scale(variable.get(), scale.get(), axis); });
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

herr_t take_first(hid_t, unsigned, hid_t scale, void* data) {
  auto& found = *static_cast<Found*>(data);
  return found.trap.guard([&] {
    const ssize_t size = H5Iget_name(scale, nullptr, 0);
    if (size <= 0) return herr_t{-1};
    std::vector<char> name(static_cast<std::size_t>(size) + 1, '\0');
    if (H5Iget_name(scale, name.data(), name.size()) < 0) return herr_t{-1};
    found.path = name.data();
    return herr_t{1};  // stop at the first scale
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
