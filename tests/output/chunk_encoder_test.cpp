#include "output/chunk_encoder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <vector>

namespace output {
namespace {

std::vector<std::byte> bytes(std::initializer_list<int> values) {
  std::vector<std::byte> out;
  for (const int v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}

// What HDF5's deflate filter stores for `data`: compress2() at `level`.
std::vector<std::byte> compress2_of(const std::vector<std::byte>& data, int level) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::vector<std::byte> out(size);
  EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                      reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()), level),
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

TEST(ChunkEncoder, DeflatesToTheBytesOfCompress2AtEachLevel) {
  const std::vector<std::byte> chunk = sample_chunk();
  for (const int level : {1, 4, 9}) {
    ChunkEncoder encoder(level, false, sizeof(double));
    for (int repeat = 0; repeat < 2; ++repeat) {  // the stream is reused: the same bytes again
      const auto encoded = encoder.encode(chunk);
      EXPECT_EQ(std::vector<std::byte>(encoded.begin(), encoded.end()), compress2_of(chunk, level))
          << "level " << level;
    }
  }
}

TEST(ChunkEncoder, ShufflesBeforeDeflatingAndPassesBytesThroughAtLevelZero) {
  const std::vector<std::byte> chunk = sample_chunk();
  std::vector<std::byte> shuffled(chunk.size());
  shuffle_bytes(chunk, sizeof(double), shuffled);
  ChunkEncoder shuffling(1, true, sizeof(double));
  const auto encoded = shuffling.encode(chunk);
  EXPECT_EQ(std::vector<std::byte>(encoded.begin(), encoded.end()), compress2_of(shuffled, 1));
  ChunkEncoder plain(0, true, sizeof(double));  // no deflate: no filter at all, as in the dataset
  const auto raw = plain.encode(chunk);
  EXPECT_EQ(std::vector<std::byte>(raw.begin(), raw.end()), chunk);
}

}  // namespace
}  // namespace output
