#pragma once
// Encodes a chunk of a time series as HDF5's shuffle and deflate filters would, so that the
// writer can hand HDF5 finished chunks (H5Dwrite_chunk) instead of rows (internal to output/;
// libdeflate, no HDF5).
//
// Why: through HDF5's chunk cache every new chunk was allocated, filled with the fill value and
// freed again, and every compression set up and tore down zlib's 270 KB of state; on the project's
// virtual machine those fresh pages cost more than the copies (docs/performance.md, "Direct chunk
// writes"). An encoder keeps one compressor and its buffers for the whole run. Deflate is
// libdeflate's, which writes the zlib format HDF5's deflate filter reads (RFC 1950) in about two
// thirds of zlib's time, and smaller at the same level (docs/performance.md, "libdeflate for the
// run file's chunks"); the byte shuffle is HDF5's H5Z_FILTER_SHUFFLE. A reader sees the same
// filters and the same data; the compressed bytes are libdeflate's, not zlib's.

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

struct libdeflate_compressor;

namespace output {

class ChunkEncoder {
 public:
  // deflate_level 0: no filter (the bytes as given); shuffle only applies with deflate, as in the
  // dataset's filter pipeline (h5_dataset.cpp, creation_list). Levels 1-9 trade time for size as
  // in zlib (libdeflate also has 10-12). Throws Error for a level libdeflate has not.
  ChunkEncoder(int deflate_level, bool shuffle, std::size_t element_bytes);
  ~ChunkEncoder();
  ChunkEncoder(const ChunkEncoder&) = delete;
  ChunkEncoder& operator=(const ChunkEncoder&) = delete;

  // The encoded chunk, valid until the next encode(). Throws Error if compression fails.
  std::span<const std::byte> encode(std::span<const std::byte> chunk);

 private:
  struct FreeCompressor {
    void operator()(libdeflate_compressor* compressor) const;
  };
  bool shuffle_;
  std::size_t element_bytes_;
  std::unique_ptr<libdeflate_compressor, FreeCompressor> compressor_;  // when deflating
  std::vector<std::byte> shuffled_;
  std::vector<std::byte> encoded_;
};

// HDF5's byte shuffle: byte b of element i goes to b * elements + i; bytes past the last whole
// element stay at the end.
void shuffle_bytes(std::span<const std::byte> in, std::size_t element_bytes, std::span<std::byte> out);

}  // namespace output
