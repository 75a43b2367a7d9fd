#include "output/h5_dataset.h"

#include <algorithm>

#include "output/h5_file.h"

namespace output::h5 {

Dataspace scalar_space(const Where& where) {
  return Dataspace(make(where, "cannot create scalar dataspace for", [] { return H5Screate(H5S_SCALAR); }));
}

Dataspace simple_space(const Where& where, const Shape& dims, const Shape& max_dims) {
  return Dataspace(make(where, "cannot create dataspace for", [&] {
    return H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                            max_dims.empty() ? nullptr : max_dims.data());
  }));
}

Datatype utf8_string_type(const Where& where) {
  Datatype type(make(where, "cannot create string type for", [] { return H5Tcopy(H5T_C_S1); }));
  run(where, "cannot make string type variable-length for",
      [&] { return H5Tset_size(type.get(), H5T_VARIABLE); });
  run(where, "cannot set UTF-8 encoding for", [&] { return H5Tset_cset(type.get(), H5T_CSET_UTF8); });
  return type;
}

namespace {

// Transfer properties for reads and writes that convert each element (variable-length strings):
// HDF5's default type-conversion buffer is 1 MiB, allocated and cleared at every such call, which
// made a ten-label string write cost 0.6 ms (8 ms over a korea-2026 run's ten axes). 64 KiB
// holds 4,096 strings' handles a pass; larger datasets are converted in several passes.
PropertyList string_transfer(const Where& where) {
  constexpr std::size_t kConversionBufferBytes = 64 * 1024;
  PropertyList dxpl(
      make(where, "cannot create transfer properties for", [] { return H5Pcreate(H5P_DATASET_XFER); }));
  run(where, "cannot set the conversion buffer for",
      [&] { return H5Pset_buffer(dxpl.get(), kConversionBufferBytes, nullptr, nullptr); });
  return dxpl;
}

constexpr unsigned kMaxCompactAttributes = 32;
constexpr unsigned kMinDenseAttributes = 24;  // back to compact below this (HDF5 needs <= 33)

PropertyList creation_list(const Where& where, const Layout& layout) {
  PropertyList dcpl(
      make(where, "cannot create creation properties for", [] { return H5Pcreate(H5P_DATASET_CREATE); }));
  set_netcdf_creation_order(dcpl.get(), where);
  // Attributes stay in the object header up to 32 (HDF5's default moves them to a fractal heap
  // and two B-trees past 8): a sweep file's variables carry up to 11, and the dense storage of
  // 432 of them was half of a one-run sweep file and ~15 ms of writing it (docs/performance.md).
  // Readers see no difference.
  run(where, "cannot set attribute storage for",
      [&] { return H5Pset_attr_phase_change(dcpl.get(), kMaxCompactAttributes, kMinDenseAttributes); });
  if (!layout.chunk.empty()) {
    run(where, "cannot set chunk shape of",
        [&] { return H5Pset_chunk(dcpl.get(), static_cast<int>(layout.chunk.size()), layout.chunk.data()); });
    if (layout.deflate_level > 0) {
      if (layout.shuffle)
        run(where, "cannot set shuffle filter on", [&] { return H5Pset_shuffle(dcpl.get()); });
      run(where, "cannot set deflate filter on",
          [&] { return H5Pset_deflate(dcpl.get(), static_cast<unsigned>(layout.deflate_level)); });
    }
  }
  if (layout.fill_value) {
    run(where, "cannot set fill value of",
        [&] { return H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &*layout.fill_value); });
  }
  return dcpl;
}

PropertyList access_list(const Where& where, const Layout& layout) {
  PropertyList dapl(
      make(where, "cannot create access properties for", [] { return H5Pcreate(H5P_DATASET_ACCESS); }));
  if (layout.cache_bytes > 0) {
    // A few slots suffice: rows are appended in time order, so only the chunks under the current
    // block are ever live. w0 = 1 evicts fully written chunks first.
    constexpr std::size_t kSlots = 101;
    run(where, "cannot set chunk cache of",
        [&] { return H5Pset_chunk_cache(dapl.get(), kSlots, layout.cache_bytes, 1.0); });
  }
  return dapl;
}

}  // namespace

Dataset create_dataset(hid_t file, const Where& where, hid_t file_type, const Dataspace& space,
                       const Layout& layout) {
  const PropertyList dcpl = creation_list(where, layout);
  const PropertyList dapl = access_list(where, layout);
  return Dataset(make(where, "cannot create dataset", [&] {
    return H5Dcreate2(file, where.object.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(),
                      dapl.get());
  }));
}

Dataset open_dataset(hid_t file, const Where& where) {
  return Dataset(
      make(where, "cannot open dataset", [&] { return H5Dopen2(file, where.object.c_str(), H5P_DEFAULT); }));
}

Shape shape_of(const Dataset& dataset, const Where& where) {
  const Dataspace space(make(where, "cannot get dataspace of", [&] { return H5Dget_space(dataset.get()); }));
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) throw_error(where, "cannot get rank of", error_stack_detail());
  Shape dims(static_cast<std::size_t>(rank));
  run(where, "cannot get shape of",
      [&] { return H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr); });
  return dims;
}

Shape extend_rows(const Dataset& dataset, const Where& where, hsize_t rows) {
  Shape extent = shape_of(dataset, where);
  extent.at(0) = rows;
  run(where, "cannot extend", [&] { return H5Dset_extent(dataset.get(), extent.data()); });
  return extent;
}

void write_chunk(const Dataset& dataset, const Where& where, const Shape& offset,
                 std::span<const std::byte> encoded) {
  constexpr std::uint32_t kEveryFilterApplied = 0;
  run(where, "cannot write a chunk of", [&] {
    return H5Dwrite_chunk(dataset.get(), H5P_DEFAULT, kEveryFilterApplied, offset.data(), encoded.size(),
                          encoded.data());
  });
}

void write_rows(const Dataset& dataset, const Where& where, hsize_t first_row, hsize_t rows,
                const double* values) {
  const Shape extent = extend_rows(dataset, where, first_row + rows);
  const Dataspace file_space(
      make(where, "cannot get dataspace of", [&] { return H5Dget_space(dataset.get()); }));
  Shape start(extent.size(), 0);
  start[0] = first_row;
  Shape count = extent;
  count[0] = rows;
  run(where, "cannot select rows of", [&] {
    return H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                               nullptr);
  });
  if (std::find(count.begin(), count.end(), hsize_t{0}) != count.end())
    return;  // an empty axis: nothing to write
  const Dataspace memory_space = simple_space(where, count);
  run(where, "cannot write rows to", [&] {
    return H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT,
                    values);
  });
}

void write_all(const Dataset& dataset, const Where& where, const std::vector<double>& values) {
  if (values.empty()) return;  // HDF5 rejects a null buffer even for zero elements
  run(where, "cannot write", [&] {
    return H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
  });
}

void write_all(const Dataset& dataset, const Where& where, const std::vector<std::string>& values) {
  if (values.empty()) return;  // HDF5 rejects a null buffer even for zero elements
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& v : values) pointers.push_back(v.c_str());
  const Datatype type = utf8_string_type(where);
  const PropertyList transfer = string_transfer(where);
  run(where, "cannot write",
      [&] { return H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, transfer.get(), pointers.data()); });
}

namespace {

H5T_class_t type_class(const Dataset& dataset, const Where& where) {
  const Datatype type(make(where, "cannot get type of", [&] { return H5Dget_type(dataset.get()); }));
  return H5Tget_class(type.get());
}

std::size_t element_count(const Dataset& dataset, const Where& where) {
  std::size_t n = 1;
  for (const hsize_t d : shape_of(dataset, where)) n *= static_cast<std::size_t>(d);
  return n;
}

}  // namespace

bool is_string(const Dataset& dataset, const Where& where) {
  return type_class(dataset, where) == H5T_STRING;
}
bool is_float(const Dataset& dataset, const Where& where) { return type_class(dataset, where) == H5T_FLOAT; }

std::vector<double> read_doubles(const Dataset& dataset, const Where& where) {
  std::vector<double> values(element_count(dataset, where));
  if (values.empty()) return values;
  run(where, "cannot read", [&] {
    return H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
  });
  return values;
}

std::vector<std::string> read_strings(const Dataset& dataset, const Where& where) {
  const std::size_t n = element_count(dataset, where);
  if (n == 0) return {};
  const Datatype file_type(make(where, "cannot get type of", [&] { return H5Dget_type(dataset.get()); }));
  std::vector<std::string> out;
  out.reserve(n);
  if (ask(where, "cannot inspect string type of", [&] { return H5Tis_variable_str(file_type.get()); })) {
    const Datatype type = utf8_string_type(where);
    std::vector<char*> pointers(n, nullptr);
    const PropertyList transfer = string_transfer(where);
    run(where, "cannot read", [&] {
      return H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, transfer.get(), pointers.data());
    });
    for (const char* p : pointers) out.emplace_back(p ? p : "");
    const Dataspace space(
        make(where, "cannot get dataspace of", [&] { return H5Dget_space(dataset.get()); }));
    run(where, "cannot free strings read from",
        [&] { return H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, pointers.data()); });
    return out;
  }
  // Fixed-length strings, as other tools may write them: each is padded to the type's size.
  const std::size_t size = H5Tget_size(file_type.get());
  std::vector<char> bytes(n * size);
  run(where, "cannot read",
      [&] { return H5Dread(dataset.get(), file_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()); });
  for (std::size_t i = 0; i < n; ++i) {
    const char* begin = bytes.data() + i * size;
    out.emplace_back(begin, std::find(begin, begin + size, '\0'));
  }
  return out;
}

std::size_t chunk_cache_bytes(const Dataset& dataset, const Where& where) {
  const PropertyList dapl(
      make(where, "cannot get access properties of", [&] { return H5Dget_access_plist(dataset.get()); }));
  std::size_t slots = 0;
  std::size_t bytes = 0;
  double w0 = 0;
  run(where, "cannot get chunk cache of",
      [&] { return H5Pget_chunk_cache(dapl.get(), &slots, &bytes, &w0); });
  return bytes;
}

}  // namespace output::h5
