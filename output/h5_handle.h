#pragma once
// Owning HDF5 identifiers and the funnel every HDF5 call goes through.
//
// Internal to output/ (it includes hdf5.h, which the library links privately). Each call runs
// with HDF5's automatic error printing switched off, so nothing is written to stderr behind the
// caller's back; a failure becomes an output::Error carrying the file, the object path, what we
// were doing and the outermost and innermost entries of HDF5's error stack.

#include <hdf5.h>

#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include "output/error.h"

namespace output::h5 {

// What an HDF5 call is working on, for error messages.
struct Where {
  std::string file;
  std::string object;  // empty for the file itself, else an absolute path such as "/gpus"

  Where child(std::string_view name) const;  // the object `name` inside this one
};

[[noreturn]] void throw_error(const Where& where, std::string_view what, std::string_view detail);

// Switches HDF5's automatic error printing off for this thread and restores the caller's setting
// on destruction, so we never change process-wide behaviour for other HDF5 users. It also leaves
// the thread's error stack empty: a thread that ends with entries on it (the BackgroundSink's
// writer, after a failed begin on a full disk) leaks their strings in HDF5 1.10, whose per-thread
// stack is freed without them.
class QuietErrors {
 public:
  QuietErrors();
  ~QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t function_ = nullptr;
  void* data_ = nullptr;
};

// Describes HDF5's current error stack: the failing API call's message and, when different, the
// innermost cause (which is where the OS reason, e.g. errno, is reported).
std::string error_stack_detail();

// The two funnels: run an HDF5 call that returns an identifier or a status, and throw on failure.
template <class Call>
hid_t make(const Where& where, std::string_view what, Call&& call) {
  const QuietErrors quiet;
  const hid_t id = std::forward<Call>(call)();
  if (id < 0) throw_error(where, what, error_stack_detail());
  return id;
}

template <class Call>
void run(const Where& where, std::string_view what, Call&& call) {
  const QuietErrors quiet;
  const herr_t status = std::forward<Call>(call)();
  if (status < 0) throw_error(where, what, error_stack_detail());
}

// For the htri_t queries (H5Aexists, H5Tis_variable_str...): true, false, or an Error.
template <class Call>
bool ask(const Where& where, std::string_view what, Call&& call) {
  const QuietErrors quiet;
  const htri_t answer = std::forward<Call>(call)();
  if (answer < 0) throw_error(where, what, error_stack_detail());
  return answer > 0;
}

// HDF5 iterations call back into C++. An exception must not unwind through HDF5's C frames, so a
// callback runs its body through Trap::guard, which stores the exception and stops the iteration;
// iterate() then rethrows it.
class Trap {
 public:
  template <class Body>
  herr_t guard(Body&& body) noexcept {
    try {
      return std::forward<Body>(body)();
    } catch (...) {
      failure_ = std::current_exception();
      return -1;
    }
  }
  void rethrow() const {
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  std::exception_ptr failure_;
};

template <class Call>
void iterate(const Where& where, std::string_view what, const Trap& trap, Call&& call) {
  const QuietErrors quiet;
  const herr_t status = std::forward<Call>(call)();
  trap.rethrow();
  if (status < 0) throw_error(where, what, error_stack_detail());
}

// A move-only owner of one HDF5 identifier, closed with Close.
template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) noexcept : id_(id) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const noexcept { return id_; }
  explicit operator bool() const noexcept { return id_ >= 0; }

  // Closes now and reports a failure, which the destructor has to swallow. Closing the file is
  // where HDF5 writes its last metadata, so its failure must reach the caller. The identifier is
  // given up first: closing again a file whose close failed crashes HDF5 1.10 (use after free).
  void close(const Where& where, std::string_view what) {
    if (id_ < 0) return;
    const hid_t id = std::exchange(id_, H5I_INVALID_HID);
    run(where, what, [&] { return Close(id); });
  }

  void reset() noexcept {
    if (id_ < 0) return;
    const QuietErrors quiet;
    Close(std::exchange(id_, H5I_INVALID_HID));
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using PropertyList = Handle<H5Pclose>;
using Attribute = Handle<H5Aclose>;

}  // namespace output::h5
