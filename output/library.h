#pragma once
// Process-wide set-up of the HDF5 library, for a program's main() (no HDF5 header needed).

namespace output {

// Call first in main(), before any other HDF5 call: HDF5 then does not close its library at
// exit. After a failed file close (a full disk, a file-size limit) HDF5 1.10 keeps the half-closed
// file and its exit handler crashes on it; the writers close their files themselves and remove
// what a failure left, so nothing is lost.
void keep_library_out_of_exit();

}  // namespace output
