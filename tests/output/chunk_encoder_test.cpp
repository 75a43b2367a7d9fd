#include "output/chunk_encoder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <span>
#include <vector>

#include "output/error.h"

namespace output {
namespace {

std::vector<std::byte> bytes(std::initializer_list<int> values) {
  std::vector<std::byte> out;
  for (const int v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}

// What HDF5's deflate filter reads back from `encoded`: zlib's uncompress(), which also checks the
// zlib header and the Adler-32 checksum (RFC 1950) the filter relies on.
std::vector<std::byte> inflate_of(std::span<const std::byte> encoded, std::size_t original_size) {
  std::vector<std::byte> out(original_size + 1);  // one spare byte: a longer result would show
  uLongf size = static_cast<uLongf>(out.size());
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(out.data()), &size,
                       reinterpret_cast<const Bytef*>(encoded.data()), static_cast<uLong>(encoded.size())),
            Z_OK);
  out.resize(size);
  return out;
}

std::vector<std::byte> sample_chunk() {
  std::vector<double> values;
  for (int i = 0; i < 3000; ++i) values.push_back(i % 7 == 0 ? 0.0 : 1000.0 + i * 0.25);
  const auto view = std::as_bytes(std::span<const double>(values));
  return {view.begin(), view.end()};
}

TEST(ChunkEncoder, ShufflesBytesAsHdf5DoesWithTheRemainderLeftAtTheEnd) {
  const auto in = bytes({0x10, 0x11, 0x12, 0x20, 0x21, 0x22, 0x7e, 0x7f});  // 2 elements of 3 bytes, 2 left
  std::vector<std::byte> out(in.size());
  shuffle_bytes(in, 3, out);
  EXPECT_EQ(out, bytes({0x10, 0x20, 0x11, 0x21, 0x12, 0x22, 0x7e, 0x7f}));
}

TEST(ChunkEncoder, DeflatesToAZlibStreamThatInflatesToTheChunkAtEachLevel) {
  const std::vector<std::byte> chunk = sample_chunk();
  for (const int level : {1, 4, 9}) {
    ChunkEncoder encoder(level, false, sizeof(double));
    const auto first = encoder.encode(chunk);
    const std::vector<std::byte> kept(first.begin(), first.end());
    EXPECT_LT(kept.size(), chunk.size() / 2) << "level " << level;
    EXPECT_EQ(inflate_of(kept, chunk.size()), chunk) << "level " << level;
    // The compressor is reused: the same chunk gives the same bytes (runs are bit-identical).
    const auto again = encoder.encode(chunk);
    EXPECT_EQ(std::vector<std::byte>(again.begin(), again.end()), kept) << "level " << level;
  }
}

TEST(ChunkEncoder, ShufflesBeforeDeflatingAndPassesBytesThroughAtLevelZero) {
  const std::vector<std::byte> chunk = sample_chunk();
  std::vector<std::byte> shuffled(chunk.size());
  shuffle_bytes(chunk, sizeof(double), shuffled);
  ChunkEncoder shuffling(1, true, sizeof(double));
  EXPECT_EQ(inflate_of(shuffling.encode(chunk), chunk.size()), shuffled);
  ChunkEncoder plain(0, true, sizeof(double));  // no deflate: no filter at all, as in the dataset
  const auto raw = plain.encode(chunk);
  EXPECT_EQ(std::vector<std::byte>(raw.begin(), raw.end()), chunk);
}

TEST(ChunkEncoder, RefusesALevelLibdeflateHasNot) {
  EXPECT_THROW(ChunkEncoder(13, false, sizeof(double)), Error);
}

}  // namespace
}  // namespace output
