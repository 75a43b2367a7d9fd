#include "output/chunking.h"

#include <algorithm>
#include <bit>

namespace output {
namespace {

std::uint64_t product(const std::vector<std::uint64_t>& dims, std::size_t from) {
  std::uint64_t n = 1;
  for (std::size_t i = from; i < dims.size(); ++i) n *= dims[i];
  return n;
}

}  // namespace

std::vector<std::uint64_t> chunk_shape(const std::vector<std::uint64_t>& row_shape, std::size_t element_bytes,
                                       std::size_t target_bytes) {
  const std::uint64_t target_elements =
      std::max<std::uint64_t>(1, target_bytes / std::max<std::size_t>(element_bytes, 1));
  std::vector<std::uint64_t> chunk{1};
  for (const std::uint64_t d : row_shape) chunk.push_back(std::max<std::uint64_t>(d, 1));
  // Shrink outer axes first so each chunk keeps contiguous runs of the innermost axes.
  for (std::size_t axis = 1; axis < chunk.size() && product(chunk, 1) > target_elements; ++axis) {
    const std::uint64_t inner = product(chunk, axis + 1);
    chunk[axis] = std::max<std::uint64_t>(1, std::min(chunk[axis], target_elements / inner));
  }
  chunk[0] = std::max<std::uint64_t>(1, target_elements / product(chunk, 1));
  return chunk;
}

std::vector<std::uint64_t> streamed_chunk_shape(const std::vector<std::uint64_t>& row_shape,
                                                std::size_t element_bytes, std::size_t target_bytes) {
  std::vector<std::uint64_t> chunk = chunk_shape(row_shape, element_bytes, target_bytes);
  chunk[0] = std::min(kMaxStreamedChunkRows, std::bit_floor(chunk[0]));
  return chunk;
}

std::uint64_t flush_period(const std::vector<std::uint64_t>& chunk_rows) {
  std::uint64_t period = 1;
  for (const std::uint64_t rows : chunk_rows) period = std::max(period, rows);
  return period;
}

std::size_t chunk_bytes(const std::vector<std::uint64_t>& chunk, std::size_t element_bytes) {
  return static_cast<std::size_t>(product(chunk, 0)) * element_bytes;
}

std::size_t chunk_cache_bytes_for(const std::vector<std::uint64_t>& chunk, std::size_t element_bytes) {
  return 2 * chunk_bytes(chunk, element_bytes);
}

std::size_t streamed_chunk_cache_bytes(const std::vector<std::uint64_t>& row_shape,
                                       const std::vector<std::uint64_t>& chunk, std::size_t element_bytes) {
  std::uint64_t chunks_per_row = 1;
  for (std::size_t axis = 0; axis < row_shape.size() && axis + 1 < chunk.size(); ++axis) {
    const std::uint64_t extent = std::max<std::uint64_t>(row_shape[axis], 1);
    chunks_per_row *= (extent + chunk[axis + 1] - 1) / chunk[axis + 1];
  }
  return static_cast<std::size_t>(chunks_per_row) * chunk_bytes(chunk, element_bytes);
}

std::size_t block_rows(std::size_t smallest_chunk_rows, std::size_t row_bytes, std::size_t max_block_bytes) {
  const std::size_t by_memory = max_block_bytes / std::max<std::size_t>(row_bytes, 1);
  return std::bit_floor(std::max<std::size_t>(1, std::min(smallest_chunk_rows, by_memory)));
}

}  // namespace output
