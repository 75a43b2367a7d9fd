#include "output/chunk_encoder.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <limits>

#include "output/error.h"

namespace output {

struct ChunkEncoder::Stream {
  z_stream z{};
};

ChunkEncoder::ChunkEncoder(int deflate_level, bool shuffle, std::size_t element_bytes)
    : deflate_level_(deflate_level), shuffle_(shuffle && deflate_level > 0), element_bytes_(element_bytes) {
  if (deflate_level_ <= 0) return;
  stream_ = std::make_unique<Stream>();
  // compress2(level) is deflateInit(level): window 15 bits, memory level 8, default strategy.
  if (deflateInit(&stream_->z, deflate_level_) != Z_OK) {
    stream_.reset();
    throw Error(fmt::format("cannot set up zlib at deflate level {}", deflate_level_));
  }
}

ChunkEncoder::~ChunkEncoder() {
  if (stream_) deflateEnd(&stream_->z);
}

std::span<const std::byte> ChunkEncoder::encode(std::span<const std::byte> chunk) {
  if (!stream_) return chunk;
  std::span<const std::byte> input = chunk;
  if (shuffle_ && element_bytes_ > 1) {
    shuffled_.resize(chunk.size());
    shuffle_bytes(chunk, element_bytes_, shuffled_);
    input = shuffled_;
  }
  if (input.size() > std::numeric_limits<uInt>::max())
    throw Error(fmt::format("a chunk of {} bytes is too large for one zlib call", input.size()));
  encoded_.resize(deflateBound(&stream_->z, static_cast<uLong>(input.size())));
  z_stream& z = stream_->z;
  if (deflateReset(&z) != Z_OK) throw Error("cannot reset zlib's stream");
  // zlib's interface is not const-correct; it never writes through next_in.
  z.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(input.data()));
  z.avail_in = static_cast<uInt>(input.size());
  z.next_out = reinterpret_cast<Bytef*>(encoded_.data());
  z.avail_out = static_cast<uInt>(encoded_.size());
  const int status = deflate(&z, Z_FINISH);
  if (status != Z_STREAM_END)
    throw Error(fmt::format("zlib could not compress a chunk of {} bytes (status {})", input.size(), status));
  return std::span<const std::byte>(encoded_.data(), z.total_out);
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
