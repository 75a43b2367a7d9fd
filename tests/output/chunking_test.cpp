#include "output/chunking.h"

#include <gtest/gtest.h>

namespace output {
namespace {

using Dims = std::vector<std::uint64_t>;
constexpr std::size_t kTarget = 256 * 1024;

TEST(ChunkShape, ScalarSeriesFillsTheTargetWithRows) {
  EXPECT_EQ(chunk_shape({}, 8, kTarget), (Dims{32768}));
}

TEST(ChunkShape, KeepsTheOtherAxesWholeWhenARowFits) {
  EXPECT_EQ(chunk_shape({50}, 8, kTarget), (Dims{655, 50}));
  EXPECT_EQ(chunk_shape({3, 2}, 8, kTarget), (Dims{5461, 3, 2}));
}

TEST(ChunkShape, SplitsOuterAxesFirstWhenOneRowIsTooLarge) {
  const Dims chunk = chunk_shape({1000, 1000}, 8, kTarget);  // one row is 8 MB
  EXPECT_EQ(chunk, (Dims{1, 32, 1000}));
  const Dims inner_too_large = chunk_shape({2, 100000}, 8, kTarget);
  EXPECT_EQ(inner_too_large, (Dims{1, 1, 32768}));
}

TEST(ChunkShape, NeverExceedsTheTargetNorHasAZeroExtent) {
  for (const Dims& row :
       {Dims{}, Dims{0}, Dims{7, 0, 3}, Dims{1}, Dims{33000}, Dims{600, 600}, Dims{17, 19, 23}}) {
    const Dims chunk = chunk_shape(row, 8, kTarget);
    ASSERT_EQ(chunk.size(), row.size() + 1);
    EXPECT_LE(chunk_bytes(chunk, 8), kTarget);
    for (const std::uint64_t d : chunk) EXPECT_GE(d, 1u);
  }
}

TEST(ChunkCache, HoldsAtLeastTheChunkABlockCanStraddle) {
  const Dims chunk = chunk_shape({50}, 8, kTarget);
  EXPECT_GE(chunk_cache_bytes_for(chunk, 8), 2 * chunk_bytes(chunk, 8));
}

TEST(ChunkCache, AStreamedSeriesCachesTheChunksOneRowSpans) {
  EXPECT_EQ(streamed_chunk_cache_bytes({}, streamed_chunk_shape({}, 8, kTarget), 8), 1024u * 8);
  const Dims chunk = streamed_chunk_shape({50}, 8, kTarget);
  EXPECT_EQ(streamed_chunk_cache_bytes({50}, chunk, 8), chunk_bytes(chunk, 8));
  // A row larger than a chunk is split over chunks: a block touches all of them at once.
  const Dims split = streamed_chunk_shape({600, 600}, 8, kTarget);
  ASSERT_LT(split[1], 600u);
  const std::uint64_t spanned = (600 + split[1] - 1) / split[1];
  EXPECT_EQ(streamed_chunk_cache_bytes({600, 600}, split, 8), spanned * chunk_bytes(split, 8));
}

TEST(BlockRows, IsTheSmallestChunkUnlessMemoryCapsIt) {
  EXPECT_EQ(block_rows(512, 8 * 60, 8u << 20), 512u);
  EXPECT_EQ(block_rows(32768, 8 * 100000, 8u << 20), 8u);  // 10 by memory, down to a power of two
  EXPECT_EQ(block_rows(512, 8u << 21, 8u << 20), 1u);      // one row is larger than the cap
  EXPECT_EQ(block_rows(512, 0, 8u << 20), 512u);
  // Never straddles a time-chunk boundary: a power of two no larger than the smallest chunk.
  for (std::size_t row_bytes = 1; row_bytes < 100000; row_bytes = row_bytes * 3 + 1) {
    const std::size_t rows = block_rows(256, row_bytes, 1u << 20);
    EXPECT_EQ(rows & (rows - 1), 0u) << row_bytes;
    EXPECT_EQ(256 % rows, 0u) << row_bytes;
  }
}

}  // namespace
TEST(StreamedChunkShape, RoundsRowsDownToAPowerOfTwoAndCapsThem) {
  EXPECT_EQ(streamed_chunk_shape({}, 8, kTarget), (Dims{kMaxStreamedChunkRows}));
  EXPECT_EQ(streamed_chunk_shape({50}, 8, kTarget), (Dims{512, 50}));       // 655 rows -> 512
  EXPECT_EQ(streamed_chunk_shape({3, 2}, 8, kTarget), (Dims{1024, 3, 2}));  // 5461 -> 4096 -> cap
  EXPECT_EQ(streamed_chunk_shape({1000, 1000}, 8, kTarget), (Dims{1, 32, 1000}));
  EXPECT_EQ(streamed_chunk_shape({300}, 8, kTarget), (Dims{64, 300}));  // 109 rows -> 64
}

TEST(FlushPeriod, IsWhereEveryPowerOfTwoChunkEnds) {
  EXPECT_EQ(flush_period({}), 1u);
  EXPECT_EQ(flush_period({1, 8, 64, 2}), 64u);
  for (const std::uint64_t rows : {1u, 8u, 64u, 2u}) EXPECT_EQ(flush_period({1, 8, 64, 2}) % rows, 0u);
}

}  // namespace output
