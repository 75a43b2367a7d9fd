#include "output/reader.h"

#include <fmt/format.h>

#include "output/error.h"
#include "output/h5_attribute.h"
#include "output/h5_dataset.h"
#include "output/h5_file.h"
#include "output/h5_scale.h"

namespace output {
namespace {

struct Listing {
  std::vector<std::string> names;
  h5::Trap trap;
};

herr_t list_link(hid_t group, const char* name, const H5L_info_t*, void* data) {
  auto& listing = *static_cast<Listing*>(data);
  return listing.trap.guard([&] {
    H5O_info_t info;
    if (H5Oget_info_by_name2(group, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return herr_t{-1};
    if (info.type == H5O_TYPE_DATASET) listing.names.emplace_back(name);
    return herr_t{0};
  });
}

// Every dataset in the root group, in creation order where the file tracks it.
std::vector<std::string> root_datasets(const h5::File& file, const h5::Where& root) {
  const h5::Group group(
      h5::make(root, "cannot open root group of", [&] { return H5Gopen2(file.get(), "/", H5P_DEFAULT); }));
  const h5::PropertyList gcpl = h5::creation_properties(group.get(), root);
  unsigned flags = 0;
  h5::run(root, "cannot get link creation order of",
          [&] { return H5Pget_link_creation_order(gcpl.get(), &flags); });
  const H5_index_t order = (flags & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  Listing listing;
  h5::iterate(root, "cannot list the contents of", listing.trap,
              [&] { return H5Literate(group.get(), order, H5_ITER_INC, nullptr, list_link, &listing); });
  return listing.names;
}

Dimension read_dimension(const h5::File& file, const h5::Where& where, std::string scale_path, hsize_t size,
                         unsigned axis) {
  Dimension dim;
  dim.size = static_cast<std::size_t>(size);
  if (scale_path.empty()) {  // not a sovsim file: netCDF-C would call it this too
    dim.name = fmt::format("phony_dim_{}", axis);
    return dim;
  }
  const h5::Where at{where.file, scale_path};
  const h5::Dataset scale = h5::open_dataset(file.get(), at);
  dim.name = scale_path.substr(scale_path.rfind('/') + 1);
  if (h5::is_string(scale, at)) {
    dim.labels = h5::read_strings(scale, at);
  } else {
    dim.values = h5::read_doubles(scale, at);
  }
  return dim;
}

std::vector<Dimension> read_dimensions(const h5::File& file, const h5::Dataset& dataset,
                                       const h5::Where& where) {
  std::vector<Dimension> dims;
  const h5::Shape shape = h5::shape_of(dataset, where);
  const bool coordinate = h5::is_scale(dataset, where);
  for (unsigned axis = 0; axis < shape.size(); ++axis) {
    // A coordinate variable is its own dimension; HDF5 attaches no scale to a scale.
    std::string scale_path = coordinate ? where.object : h5::attached_scale_path(dataset, where, axis);
    dims.push_back(read_dimension(file, where, std::move(scale_path), shape[axis], axis));
  }
  return dims;
}

}  // namespace

Attributes read_root_attributes(const std::filesystem::path& path) {
  const h5::File file = h5::open_file_read_only(path.string());
  return h5::read_attributes(file.get(), {path.string(), "/"});
}

std::vector<std::string> list_variables(const std::filesystem::path& path) {
  const h5::Where root{path.string(), "/"};
  const h5::File file = h5::open_file_read_only(root.file);
  std::vector<std::string> variables;
  for (std::string& name : root_datasets(file, root)) {
    const h5::Where at = root.child(name);
    if (!h5::is_scale(h5::open_dataset(file.get(), at), at)) variables.push_back(std::move(name));
  }
  return variables;
}

Variable read_variable(const std::filesystem::path& path, std::string_view name) {
  const h5::Where root{path.string(), "/"};
  const h5::File file = h5::open_file_read_only(root.file);
  const h5::Where where = root.child(name);
  const h5::Dataset dataset = h5::open_dataset(file.get(), where);
  if (!h5::is_float(dataset, where)) {
    throw Error(fmt::format("'{}' in '{}' is not a floating-point variable", where.object, where.file));
  }
  Variable variable;
  variable.name = std::string(name);
  variable.attributes = h5::read_attributes(dataset.get(), where);
  variable.values = h5::read_doubles(dataset, where);
  variable.dims = read_dimensions(file, dataset, where);
  return variable;
}

VariableHeader read_variable_header(const std::filesystem::path& path, std::string_view name) {
  const h5::Where root{path.string(), "/"};
  const h5::File file = h5::open_file_read_only(root.file);
  const h5::Where where = root.child(name);
  const h5::Dataset dataset = h5::open_dataset(file.get(), where);
  VariableHeader header;
  header.name = std::string(name);
  header.type = h5::is_float(dataset, where)    ? ValueType::Float
                : h5::is_string(dataset, where) ? ValueType::Text
                                                : ValueType::Other;
  header.attributes = h5::read_attributes(dataset.get(), where);
  header.dims = read_dimensions(file, dataset, where);
  return header;
}

std::vector<std::string> read_text_variable(const std::filesystem::path& path, std::string_view name) {
  const h5::Where root{path.string(), "/"};
  const h5::File file = h5::open_file_read_only(root.file);
  const h5::Where where = root.child(name);
  const h5::Dataset dataset = h5::open_dataset(file.get(), where);
  if (!h5::is_string(dataset, where)) {
    throw Error(fmt::format("'{}' in '{}' is not a string variable", where.object, where.file));
  }
  return h5::read_strings(dataset, where);
}

}  // namespace output
