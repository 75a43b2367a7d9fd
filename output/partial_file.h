#pragma once
// The write-then-rename rule: a file is written as "<final>.partial" beside its final path and
// renamed into place only when it is complete, so the final path is either absent or complete,
// even after a crash or a kill -9. A PartialFile that was never committed removes its file.

#include <filesystem>

namespace output {

class PartialFile {
 public:
  // Creates (or truncates a stale) "<final>.partial", so a missing or unwritable directory is
  // reported now, with the OS reason, before any simulation time is spent. Leaves an existing
  // final file untouched. Throws Error.
  explicit PartialFile(std::filesystem::path final_path);
  ~PartialFile();  // removes the partial file unless committed
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  const std::filesystem::path& final_path() const { return final_; }
  const std::filesystem::path& partial_path() const { return partial_; }
  bool committed() const { return committed_; }

  // Syncs the partial file to disk and renames it over the final path; the file must already be
  // closed by its writer. Throws Error; the partial file is then still removed on destruction.
  void commit();

 private:
  std::filesystem::path final_;
  std::filesystem::path partial_;
  bool committed_ = false;
};

}  // namespace output
