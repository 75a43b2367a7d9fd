#include "output/sweep_writer.h"

#include <fmt/format.h>

#include <set>

#include "output/chunking.h"
#include "output/error.h"
#include "output/format.h"
#include "output/h5_attribute.h"
#include "output/h5_dataset.h"
#include "output/h5_file.h"
#include "output/h5_scale.h"
#include "output/partial_file.h"
#include "output/reader.h"

namespace output {
namespace {

// Variables larger than this are chunked and compressed; smaller ones stay contiguous.
constexpr std::size_t kCompressAboveBytes = 64 * 1024;
constexpr std::size_t kChunkBytes = 256 * 1024;
constexpr int kDeflateLevel = 4;

std::size_t expected_size(const SweepVariable& v, const std::vector<h5::Shape::value_type>& dims) {
  std::size_t n = 1;
  for (auto d : dims) n *= static_cast<std::size_t>(d);
  (void)v;
  return n;
}

void write_ints(const h5::Dataset& dataset, const h5::Where& where, const std::vector<std::int64_t>& values) {
  if (values.empty()) return;
  h5::run(where, "cannot write", [&] {
    return H5Dwrite(dataset.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
  });
}

std::vector<std::int64_t> read_ints(const h5::Dataset& dataset, const h5::Where& where, std::size_t n) {
  std::vector<std::int64_t> out(n);
  if (n == 0) return out;
  h5::run(where, "cannot read", [&] {
    return H5Dread(dataset.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
  });
  return out;
}

h5::Layout layout_for(const h5::Shape& dims, std::size_t element_bytes, bool fill_nan) {
  std::size_t bytes = element_bytes;
  for (auto d : dims) bytes *= static_cast<std::size_t>(d);
  h5::Layout layout;
  if (fill_nan) layout.fill_value = std::numeric_limits<double>::quiet_NaN();
  if (bytes > kCompressAboveBytes && !dims.empty()) {
    const std::vector<std::uint64_t> row(dims.begin() + 1, dims.end());
    std::vector<std::uint64_t> chunk = chunk_shape(row, element_bytes, kChunkBytes);
    chunk[0] = std::min<std::uint64_t>(chunk[0], std::max<hsize_t>(dims[0], 1));
    layout.chunk = h5::Shape(chunk.begin(), chunk.end());
    layout.deflate_level = kDeflateLevel;
    layout.cache_bytes = chunk_cache_bytes_for(chunk, element_bytes);
  }
  return layout;
}

}  // namespace

const SweepDimension* SweepFileContent::dimension(std::string_view name) const {
  for (const SweepDimension& d : dimensions) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

const SweepVariable* SweepFileContent::variable(std::string_view name) const {
  for (const SweepVariable& v : variables) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

void write_sweep_file(const std::filesystem::path& path, const SweepFileContent& content) {
  PartialFile partial(path);
  const h5::Where root{partial.partial_path().string(), "/"};
  std::set<std::string> names;
  const auto claim = [&](const std::string& name) {
    if (name.empty() || !names.insert(name).second)
      throw Error(fmt::format("{}: the name '{}' is empty or used twice", path.string(), name));
  };
  {
    h5::File file = h5::create_file(root.file);
    h5::write_attribute(file.get(), root, std::string(kConventionsAttribute), kConventions);
    h5::write_attribute(file.get(), root, std::string(kFormatVersionAttribute), kFormatVersion);
    for (const auto& [name, value] : content.attributes) {
      if (name == kConventionsAttribute || name == kFormatVersionAttribute) continue;
      h5::write_attribute_value(file.get(), root, name, value);
    }

    std::vector<h5::Dataset> scales;
    h5::ScaleAttachments attachments;  // every variable's scales, the lists written once
    for (const SweepDimension& d : content.dimensions) {
      claim(d.name);
      const h5::Where where = root.child(d.name);
      const h5::Dataspace space = h5::simple_space(where, {d.size()});
      h5::Dataset ds;
      if (!d.labels.empty()) {
        const h5::Datatype type = h5::utf8_string_type(where);
        ds = h5::create_dataset(file.get(), where, type.get(), space, {});
        h5::write_all(ds, where, d.labels);
      } else if (!d.ints.empty()) {
        ds = h5::create_dataset(file.get(), where, H5T_STD_I64LE, space, {});
        write_ints(ds, where, d.ints);
      } else {
        ds = h5::create_dataset(file.get(), where, H5T_IEEE_F64LE, space, {});
        if (!d.values.empty()) h5::write_all(ds, where, d.values);
      }
      if (!d.long_name.empty()) h5::write_attribute(ds.get(), where, "long_name", d.long_name);
      if (!d.units.empty()) h5::write_attribute(ds.get(), where, "units", d.units);
      if (d.name == kTimeName) {
        h5::write_attribute(ds.get(), where, "standard_name", std::string_view("time"));
        h5::write_attribute(ds.get(), where, "calendar", kTimeCalendar);
        h5::write_attribute(ds.get(), where, "axis", std::string_view("T"));
      }
      h5::make_scale(ds, where, d.name);
      scales.push_back(std::move(ds));
    }

    for (const SweepVariable& v : content.variables) {
      claim(v.name);
      const h5::Where where = root.child(v.name);
      h5::Shape dims;
      std::vector<std::size_t> scale_index;
      for (const std::string& dn : v.dims) {
        std::size_t i = 0;
        while (i < content.dimensions.size() && content.dimensions[i].name != dn) ++i;
        if (i == content.dimensions.size())
          throw Error(
              fmt::format("{}: variable '{}' uses unknown dimension '{}'", path.string(), v.name, dn));
        dims.push_back(content.dimensions[i].size());
        scale_index.push_back(i);
      }
      const std::size_t n = expected_size(v, dims);
      const std::size_t have = v.type == SweepVariable::Type::Float64 ? v.values.size()
                               : v.type == SweepVariable::Type::Int64 ? v.ints.size()
                                                                      : v.texts.size();
      if (have != n) {
        throw Error(fmt::format("{}: variable '{}' has {} values, its dimensions hold {}", path.string(),
                                v.name, have, n));
      }
      const h5::Dataspace space = dims.empty() ? h5::scalar_space(where) : h5::simple_space(where, dims);
      h5::Dataset ds;
      switch (v.type) {
        case SweepVariable::Type::Float64:
          ds = h5::create_dataset(file.get(), where, H5T_IEEE_F64LE, space, layout_for(dims, 8, true));
          if (n > 0) h5::write_all(ds, where, v.values);
          break;
        case SweepVariable::Type::Int64:
          ds = h5::create_dataset(file.get(), where, H5T_STD_I64LE, space, layout_for(dims, 8, false));
          write_ints(ds, where, v.ints);
          break;
        case SweepVariable::Type::Text: {
          const h5::Datatype type = h5::utf8_string_type(where);
          ds = h5::create_dataset(file.get(), where, type.get(), space, {});
          if (n > 0) h5::write_all(ds, where, v.texts);
          break;
        }
      }
      if (!v.units.empty()) h5::write_attribute(ds.get(), where, "units", v.units);
      if (!v.long_name.empty()) h5::write_attribute(ds.get(), where, "long_name", v.long_name);
      if (v.type == SweepVariable::Type::Float64)
        h5::write_attribute(ds.get(), where, "_FillValue", std::numeric_limits<double>::quiet_NaN());
      for (const auto& [name, value] : v.attributes) h5::write_attribute_value(ds.get(), where, name, value);
      if (!scale_index.empty()) {
        std::vector<const h5::Dataset*> scale_of_axis;
        for (const std::size_t i : scale_index) scale_of_axis.push_back(&scales[i]);
        attachments.attach(ds, where, scale_of_axis);
      }
      ds.close(where, "cannot close");
    }
    attachments.write_reference_lists();
    for (std::size_t i = 0; i < scales.size(); ++i)
      scales[i].close(root.child(content.dimensions[i].name), "cannot close");
    file.close(root, "cannot close HDF5 file");
  }
  partial.commit();
}

SweepFileContent read_sweep_file(const std::filesystem::path& path) {
  const h5::Where root{path.string(), "/"};
  const std::vector<std::string> variables = list_variables(path);
  const h5::File file = h5::open_file_read_only(root.file);
  SweepFileContent c;
  c.attributes = h5::read_attributes(file.get(), root);
  std::set<std::string> known_dims;
  const auto attribute_text = [&](hid_t object, const h5::Where& where, const char* name) {
    for (const auto& [n, value] : h5::read_attributes(object, where)) {
      if (n == name) {
        if (const auto* s = std::get_if<std::string>(&value)) return *s;
      }
    }
    return std::string();
  };
  const auto read_dimension = [&](const std::string& scale_path) {
    const std::string name = scale_path.substr(scale_path.rfind('/') + 1);
    if (!known_dims.insert(name).second) return;
    const h5::Where where{root.file, scale_path};
    const h5::Dataset ds = h5::open_dataset(file.get(), where);
    SweepDimension d;
    d.name = name;
    d.long_name = attribute_text(ds.get(), where, "long_name");
    d.units = attribute_text(ds.get(), where, "units");
    const std::size_t n = h5::shape_of(ds, where).empty() ? 1 : h5::shape_of(ds, where)[0];
    if (h5::is_string(ds, where)) {
      d.labels = h5::read_strings(ds, where);
    } else if (h5::is_float(ds, where)) {
      d.values = h5::read_doubles(ds, where);
    } else {
      d.ints = read_ints(ds, where, n);
    }
    c.dimensions.push_back(std::move(d));
  };
  for (const std::string& name : variables) {
    const h5::Where where = root.child(name);
    const h5::Dataset ds = h5::open_dataset(file.get(), where);
    const h5::Shape shape = h5::shape_of(ds, where);
    SweepVariable v;
    v.name = name;
    std::size_t n = 1;
    for (std::size_t a = 0; a < shape.size(); ++a) {
      const std::string scale = h5::attached_scale_path(ds, where, static_cast<unsigned>(a));
      if (scale.empty())
        throw Error(fmt::format("{}: axis {} of '{}' has no dimension scale", root.file, a, name));
      read_dimension(scale);
      v.dims.push_back(scale.substr(scale.rfind('/') + 1));
      n *= static_cast<std::size_t>(shape[a]);
    }
    for (auto& [an, value] : h5::read_attributes(ds.get(), where)) {
      if (an == "units") {
        v.units = std::get<std::string>(value);
      } else if (an == "long_name") {
        v.long_name = std::get<std::string>(value);
      } else if (an != "_FillValue" && an != "DIMENSION_LIST") {
        v.attributes.emplace_back(an, value);
      }
    }
    if (h5::is_string(ds, where)) {
      v.type = SweepVariable::Type::Text;
      v.texts = h5::read_strings(ds, where);
    } else if (h5::is_float(ds, where)) {
      v.values = h5::read_doubles(ds, where);
    } else {
      v.type = SweepVariable::Type::Int64;
      v.ints = read_ints(ds, where, n);
    }
    c.variables.push_back(std::move(v));
  }
  return c;
}

}  // namespace output
