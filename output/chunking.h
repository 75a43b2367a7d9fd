#pragma once
// How time series are chunked and buffered (internal to output/; pure arithmetic, no HDF5).
//
// A series of shape (time, a, b, ...) is stored in chunks of (chunk_rows × full a × full b ...)
// of about `target_bytes` uncompressed: measured on this project's machines, 64 KiB–1 MiB chunks
// write and read fastest, one-row chunks make the file larger than the raw data, and a chunk
// bigger than its dataset's chunk cache makes every write decompress and recompress it.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace output {

// Chunk shape for a series whose row (one time step) has shape `row_shape`; the result has one
// more axis, time, in front. Inner axes stay whole; if a single row is larger than target_bytes,
// outer axes are split until a chunk fits. Every extent is at least 1, even for an empty axis.
std::vector<std::uint64_t> chunk_shape(const std::vector<std::uint64_t>& row_shape, std::size_t element_bytes,
                                       std::size_t target_bytes);

std::size_t chunk_bytes(const std::vector<std::uint64_t>& chunk, std::size_t element_bytes);

// The most rows a chunk of a streamed time series holds (see streamed_chunk_shape).
inline constexpr std::uint64_t kMaxStreamedChunkRows = 1024;

// Chunk shape for a time series written row by row and flushed while it grows: chunk_shape, with
// the rows of a chunk rounded down to a power of two and at most kMaxStreamedChunkRows. Why: a
// flush writes every partly filled chunk, and a compressed chunk that grows after it is written
// again elsewhere in the file, the old image staying as dead space (freed space is not reused,
// see h5_file.cpp). Flushing only where every series' chunks end avoids that; with powers of two
// those places are the multiples of the largest chunk (flush_period), and the cap keeps them
// close enough for a killed run to lose at most ~1,000 rows.
std::vector<std::uint64_t> streamed_chunk_shape(const std::vector<std::uint64_t>& row_shape,
                                                std::size_t element_bytes, std::size_t target_bytes);

// Chunk cache for a dataset written in time order by blocks of any size: two chunks, because one
// block of rows can straddle a chunk boundary.
std::size_t chunk_cache_bytes_for(const std::vector<std::uint64_t>& chunk, std::size_t element_bytes);

// Chunk cache for a series streamed in blocks of block_rows() rows, which never straddle a
// time-chunk boundary: the chunks one row spans (one, unless a row is larger than a chunk).
// No more, so that a chunk is compressed and written as soon as the next one is started, while
// the run goes on (output/background_sink.h), instead of two chunks a series waiting for the
// end of the run (docs/performance.md).
std::size_t streamed_chunk_cache_bytes(const std::vector<std::uint64_t>& row_shape,
                                       const std::vector<std::uint64_t>& chunk, std::size_t element_bytes);

// Rows buffered in memory before they are written to HDF5: as many as the smallest time-chunk
// among the series (so the widest series is written a whole chunk at a time), but at most
// `max_block_bytes` of buffered rows in total, rounded down to a power of two. Time-chunks have a
// power of two rows, at least the smallest's, so a block never straddles a chunk boundary.
std::size_t block_rows(std::size_t smallest_chunk_rows, std::size_t row_bytes, std::size_t max_block_bytes);

// Rows between the places where every one of the given time-chunk extents (powers of two, as
// streamed_chunk_shape makes them) ends a chunk: the largest of them; 1 for none.
std::uint64_t flush_period(const std::vector<std::uint64_t>& chunk_rows);

}  // namespace output
