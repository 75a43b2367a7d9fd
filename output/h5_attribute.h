#pragma once
// Writing and reading scalar attributes in the form netCDF-C expects (internal to output/).
//
// Strings are fixed-length, NULLTERM, UTF-8 and scalar: netCDF-C reads them as NC_CHAR text, as
// it writes them itself; variable-length string attributes would come back as NC_STRING and stop
// `ncdump -t` from decoding time. Numbers are scalar int64 or float64.

#include <cstdint>
#include <string>
#include <string_view>

#include "output/attributes.h"
#include "output/h5_handle.h"

namespace output::h5 {

// Maps a C++ numeric type to its HDF5 file and memory types.
template <class T>
struct TypeMap;
template <>
struct TypeMap<double> {
  static hid_t file() { return H5T_IEEE_F64LE; }
  static hid_t memory() { return H5T_NATIVE_DOUBLE; }
};
template <>
struct TypeMap<std::int64_t> {
  static hid_t file() { return H5T_STD_I64LE; }
  static hid_t memory() { return H5T_NATIVE_INT64; }
};

// `where` names the object `object` (a file, group or dataset) the attribute is attached to.
void write_attribute(hid_t object, const Where& where, const std::string& name, std::string_view value);
void write_attribute(hid_t object, const Where& where, const std::string& name, std::int64_t value);
void write_attribute(hid_t object, const Where& where, const std::string& name, double value);
void write_attribute_value(hid_t object, const Where& where, const std::string& name,
                           const AttributeValue& value);

// Overwrites an existing int64 attribute in place. Deleting and recreating it instead would use
// up the object's attribute creation-order counter (65535) on a long run with many flushes.
void update_attribute(hid_t object, const Where& where, const std::string& name, std::int64_t value);

// Every attribute of `object` that is a string or a single number, in creation order when the
// object tracks it. Arrays of numbers (e.g. a `valid_range` added by another tool) are left out:
// AttributeValue has no form for them and nothing in sovsim's own files uses one.
Attributes read_attributes(hid_t object, const Where& where);

}  // namespace output::h5
