#pragma once
// Datasets: creation with a storage layout, appending rows along an unlimited first axis, and
// whole-dataset reads and writes (internal to output/).

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "output/h5_handle.h"

namespace output::h5 {

using Shape = std::vector<hsize_t>;

Dataspace scalar_space(const Where& where);
// `max_dims` empty means fixed at `dims`; H5S_UNLIMITED marks an axis that can grow.
Dataspace simple_space(const Where& where, const Shape& dims, const Shape& max_dims = {});
// Variable-length UTF-8: netCDF-C 4.9.0 crashes on fixed-length string datasets.
Datatype utf8_string_type(const Where& where);

struct Layout {
  Shape chunk;            // empty: contiguous, uncompressed
  int deflate_level = 0;  // chunked datasets only
  std::optional<double> fill_value;
  std::size_t cache_bytes = 0;  // chunk cache for this dataset; 0 keeps HDF5's default (1 MiB)
  bool shuffle = true;          // the shuffle filter before deflate (when deflate_level > 0)
};

// Creates dataset `where.object` (an absolute path) in the file `file`.
Dataset create_dataset(hid_t file, const Where& where, hid_t file_type, const Dataspace& space,
                       const Layout& layout);
Dataset open_dataset(hid_t file, const Where& where);

// Extends axis 0 to `rows` (the other axes stay); returns the new shape.
Shape extend_rows(const Dataset& dataset, const Where& where, hsize_t rows);
// Writes one chunk, already encoded by the dataset's filters (ChunkEncoder), whose first element
// is at `offset`; the axis-0 extent must already reach it. Bypasses the chunk cache.
void write_chunk(const Dataset& dataset, const Where& where, const Shape& offset,
                 std::span<const std::byte> encoded);
// Extends axis 0 to first_row + rows and writes `values` (rows × the other axes, row-major) there.
void write_rows(const Dataset& dataset, const Where& where, hsize_t first_row, hsize_t rows,
                const double* values);
void write_all(const Dataset& dataset, const Where& where, const std::vector<double>& values);
void write_all(const Dataset& dataset, const Where& where, const std::vector<std::string>& values);

Shape shape_of(const Dataset& dataset, const Where& where);
bool is_string(const Dataset& dataset, const Where& where);
bool is_float(const Dataset& dataset, const Where& where);
std::vector<double> read_doubles(const Dataset& dataset, const Where& where);
std::vector<std::string> read_strings(const Dataset& dataset, const Where& where);

// The chunk cache of an open dataset (bytes), as HDF5 reports it on its access property list.
std::size_t chunk_cache_bytes(const Dataset& dataset, const Where& where);

}  // namespace output::h5
