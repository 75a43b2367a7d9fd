#include "output/h5_handle.h"

#include <fmt/format.h>

#include <vector>

namespace output::h5 {

Where Where::child(std::string_view name) const {
  std::string path = object;
  if (path.empty() || path.back() != '/') path += '/';
  path += name;
  return {file, std::move(path)};
}

void throw_error(const Where& where, std::string_view what, std::string_view detail) {
  std::string message = where.object.empty() ? fmt::format("{} '{}'", what, where.file)
                                             : fmt::format("{} '{}' in '{}'", what, where.object, where.file);
  // The two write failures a user can act on, named first; HDF5's stack follows for the record.
  if (detail.find("errno = 27,") != std::string_view::npos) {
    message += ": the file-size limit was reached (EFBIG; see `ulimit -f`)";
  } else if (detail.find("errno = 28,") != std::string_view::npos) {
    message += ": the disk is full (ENOSPC)";
  }
  if (!detail.empty()) message += fmt::format(" ({})", detail);
  throw Error(message);
}

QuietErrors::QuietErrors() {
  H5Eget_auto2(H5E_DEFAULT, &function_, &data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() {
  H5Eclear2(H5E_DEFAULT);  // the failure, if any, has been described by now (see the header)
  H5Eset_auto2(H5E_DEFAULT, function_, data_);
}

namespace {

herr_t collect(unsigned, const H5E_error2_t* entry, void* data) {
  auto* messages = static_cast<std::vector<std::string>*>(data);
  std::string text = entry->desc ? entry->desc : "";
  if (text.empty()) {
    char minor[256] = "";
    H5Eget_msg(entry->min_num, nullptr, minor, sizeof minor);
    text = minor;
  }
  if (!text.empty()) messages->push_back(fmt::format("{}(): {}", entry->func_name, text));
  return 0;
}

}  // namespace

std::string error_stack_detail() {
  std::vector<std::string> messages;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &messages);
  if (messages.empty()) return {};
  if (messages.size() == 1) return messages.front();
  return messages.front() + "; cause: " + messages.back();
}

}  // namespace output::h5
