#include "output/library.h"

#include <hdf5.h>

namespace output {

void keep_library_out_of_exit() { H5dont_atexit(); }

}  // namespace output
