#include "output/chunk_encoder.h"

#include <fmt/format.h>
#include <libdeflate.h>

#include <algorithm>

#include "output/error.h"

namespace output {

void ChunkEncoder::FreeCompressor::operator()(libdeflate_compressor* compressor) const {
  libdeflate_free_compressor(compressor);
}

ChunkEncoder::ChunkEncoder(int deflate_level, bool shuffle, std::size_t element_bytes)
    : shuffle_(shuffle && deflate_level > 0), element_bytes_(element_bytes) {
  if (deflate_level <= 0) return;
  compressor_.reset(libdeflate_alloc_compressor(deflate_level));
  if (!compressor_) throw Error(fmt::format("cannot set up libdeflate at deflate level {}", deflate_level));
}

ChunkEncoder::~ChunkEncoder() = default;

std::span<const std::byte> ChunkEncoder::encode(std::span<const std::byte> chunk) {
  if (!compressor_) return chunk;
  std::span<const std::byte> input = chunk;
  if (shuffle_ && element_bytes_ > 1) {
    shuffled_.resize(chunk.size());
    shuffle_bytes(chunk, element_bytes_, shuffled_);
    input = shuffled_;
  }
  // The bound holds for any input, so a result of 0 (no room) cannot happen; it is checked anyway.
  encoded_.resize(libdeflate_zlib_compress_bound(compressor_.get(), input.size()));
  const std::size_t size = libdeflate_zlib_compress(compressor_.get(), input.data(), input.size(),
                                                    encoded_.data(), encoded_.size());
  if (size == 0) throw Error(fmt::format("libdeflate could not compress a chunk of {} bytes", input.size()));
  return std::span<const std::byte>(encoded_.data(), size);
}

void shuffle_bytes(std::span<const std::byte> in, std::size_t element_bytes, std::span<std::byte> out) {
  const std::size_t elements = in.size() / element_bytes;
  for (std::size_t i = 0; i < elements; ++i) {
    for (std::size_t b = 0; b < element_bytes; ++b) out[b * elements + i] = in[i * element_bytes + b];
  }
  const std::size_t whole = elements * element_bytes;
  std::copy(in.begin() + static_cast<std::ptrdiff_t>(whole), in.end(),
            out.begin() + static_cast<std::ptrdiff_t>(whole));
}

}  // namespace output
