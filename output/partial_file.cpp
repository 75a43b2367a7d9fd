#include "output/partial_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "output/error.h"
#include "output/format.h"

namespace output {
namespace {

// The OS reason in the words a user acts on.
std::string reason(int error) {
  switch (error) {
    case ENOENT:
      return "directory does not exist";
    case ENOTDIR:
      return "a component of the directory path is not a directory";
    case EACCES:
    case EPERM:
      return "permission denied";
    case EROFS:
      return "read-only file system";
    case ENOSPC:
      return "no space left on device";
    case EISDIR:
      return "is a directory";
    default:
      return std::generic_category().message(error);
  }
}

std::filesystem::path parent_or_dot(const std::filesystem::path& p) {
  return p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
}

// fsync on a path; false with errno set on failure.
bool sync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return ok;
}

}  // namespace

PartialFile::PartialFile(std::filesystem::path final_path)
    : final_(std::move(final_path)), partial_(final_.string() + std::string(kPartialSuffix)) {
  std::error_code ec;
  if (std::filesystem::is_directory(final_, ec)) {
    throw Error(fmt::format("cannot write output file '{}': it is a directory", final_.string()));
  }
  const int fd = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int error = errno;
    throw Error(fmt::format("cannot create output file '{}' in '{}': {}", partial_.string(),
                            parent_or_dot(partial_).string(), reason(error)));
  }
  ::close(fd);
}

PartialFile::~PartialFile() {
  if (!committed_) ::unlink(partial_.c_str());
}

void PartialFile::commit() {
  if (committed_) throw Error(fmt::format("output file '{}' was already committed", final_.string()));
  // Without the sync, a power loss shortly after the rename can leave the final name on an
  // empty or partly written file on common file systems (delayed allocation).
  if (!sync_path(partial_, O_RDONLY)) {
    const int error = errno;
    throw Error(fmt::format("cannot sync '{}' to disk: {}", partial_.string(), reason(error)));
  }
  if (std::rename(partial_.c_str(), final_.c_str()) != 0) {
    const int error = errno;
    throw Error(
        fmt::format("cannot rename '{}' to '{}': {}", partial_.string(), final_.string(), reason(error)));
  }
  committed_ = true;
  // Makes the rename itself durable. The file is complete under its final name already, so a
  // failure here changes nothing a reader can see and is not reported.
  sync_path(parent_or_dot(final_), O_RDONLY | O_DIRECTORY);
}

}  // namespace output
