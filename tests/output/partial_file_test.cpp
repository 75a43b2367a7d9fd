#include "output/partial_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "output/error.h"
#include "tests/output/sample_run.h"

namespace output {
namespace {

using test::TempDir;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string error_creating(const fs::path& final_path) {
  return test::error_of([&] { PartialFile file(final_path); });
}

TEST(PartialFile, MissingDirectoryIsReportedWithThePathAndReason) {
  TempDir dir;
  const fs::path target = dir.path() / "no" / "such" / "run.h5";
  const std::string message = error_creating(target);
  EXPECT_THAT(message, HasSubstr(target.string() + ".partial"));
  EXPECT_THAT(message, HasSubstr("directory does not exist"));
}

TEST(PartialFile, PathUnderARegularFileIsReported) {
  // Tests run as root, which ignores permissions; a regular file in the path fails for anyone.
  TempDir dir;
  std::ofstream(dir / "plain") << "x";
  EXPECT_THAT(error_creating(dir / "plain" / "run.h5"), HasSubstr("not a directory"));
}

TEST(PartialFile, ReadOnlyDirectoryIsReported) {
  // Root ignores permissions, and tests run as root here: try as user nobody in a child process.
  TempDir dir;
  const fs::path read_only = dir / "read-only";
  fs::create_directory(read_only);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(read_only, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                                 fs::perms::others_exec);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    constexpr uid_t kNobody = 65534;
    if (::geteuid() == 0 && (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)) ::_exit(2);
    const std::string message = error_creating(read_only / "run.h5");
    ::_exit(message.find("permission denied") != std::string::npos ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 2) << "could not drop privileges to user nobody";
  EXPECT_EQ(WEXITSTATUS(status), 0) << "expected 'permission denied' for a read-only directory";
}

TEST(PartialFile, FinalPathThatIsADirectoryIsRefusedUpFront) {
  TempDir dir;
  fs::create_directory(dir / "run.h5");
  EXPECT_THAT(error_creating(dir / "run.h5"), HasSubstr("is a directory"));
  EXPECT_FALSE(fs::exists(dir / "run.h5.partial"));
}

TEST(PartialFile, IsRemovedWhenNotCommitted) {
  TempDir dir;
  {
    PartialFile file(dir / "run.h5");
    EXPECT_EQ(file.partial_path(), dir / "run.h5.partial");
    EXPECT_TRUE(fs::exists(file.partial_path()));
  }
  EXPECT_FALSE(fs::exists(dir / "run.h5.partial"));
  EXPECT_FALSE(fs::exists(dir / "run.h5"));
}

TEST(PartialFile, CommitRenamesOverTheFinalPathWhichIsUntouchedUntilThen) {
  TempDir dir;
  std::ofstream(dir / "run.h5") << "previous run";
  PartialFile file(dir / "run.h5");
  std::ofstream(file.partial_path()) << "new run";
  EXPECT_EQ(test::read_text(dir / "run.h5"), "previous run");
  file.commit();
  EXPECT_TRUE(file.committed());
  EXPECT_EQ(test::read_text(dir / "run.h5"), "new run");
  EXPECT_FALSE(fs::exists(file.partial_path()));
  EXPECT_THROW(file.commit(), Error);
}

TEST(PartialFile, ReplacesAStalePartialFileFromAKilledRun) {
  TempDir dir;
  std::ofstream(dir / "run.h5.partial") << "left by a killed run";
  PartialFile file(dir / "run.h5");
  EXPECT_EQ(test::read_text(file.partial_path()), "");
}

TEST(PartialFile, FailedCommitSaysWhyAndStillCleansUp) {
  TempDir dir;
  {
    PartialFile file(dir / "run.h5");
    fs::create_directories(dir / "run.h5" / "occupied");  // rename() cannot replace a non-empty directory
    EXPECT_THAT(test::error_of([&] { file.commit(); }), HasSubstr("cannot rename"));
    EXPECT_FALSE(file.committed());
  }
  EXPECT_FALSE(fs::exists(dir / "run.h5.partial"));
}

}  // namespace
}  // namespace output
