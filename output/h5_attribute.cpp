#include "output/h5_attribute.h"

#include <algorithm>
#include <variant>
#include <vector>

#include "output/h5_file.h"

namespace output::h5 {
namespace {

// The funnel every attribute write goes through.
void write_scalar(hid_t object, const Where& where, const std::string& name, hid_t file_type,
                  hid_t memory_type, const void* value) {
  const Where at = where.child("@" + name);
  const Dataspace space(
      make(at, "cannot create dataspace for attribute", [] { return H5Screate(H5S_SCALAR); }));
  const Attribute attribute(make(at, "cannot create attribute", [&] {
    return H5Acreate2(object, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT);
  }));
  run(at, "cannot write attribute", [&] { return H5Awrite(attribute.get(), memory_type, value); });
}

template <class T>
void write_number(hid_t object, const Where& where, const std::string& name, T value) {
  write_scalar(object, where, name, TypeMap<T>::file(), TypeMap<T>::memory(), &value);
}

}  // namespace

void write_attribute(hid_t object, const Where& where, const std::string& name, std::string_view value) {
  const Where at = where.child("@" + name);
  // HDF5 has no zero-size string type; a one-byte NULLTERM string holding '\0' reads back as "".
  const std::string text(value);
  const Datatype type(make(at, "cannot create string type", [] { return H5Tcopy(H5T_C_S1); }));
  run(at, "cannot size string type",
      [&] { return H5Tset_size(type.get(), std::max<std::size_t>(text.size(), 1)); });
  run(at, "cannot set string padding", [&] { return H5Tset_strpad(type.get(), H5T_STR_NULLTERM); });
  run(at, "cannot set string encoding", [&] { return H5Tset_cset(type.get(), H5T_CSET_UTF8); });
  write_scalar(object, where, name, type.get(), type.get(), text.c_str());
}

void write_attribute(hid_t object, const Where& where, const std::string& name, std::int64_t value) {
  write_number(object, where, name, value);
}

void write_attribute(hid_t object, const Where& where, const std::string& name, double value) {
  write_number(object, where, name, value);
}

void write_attribute_value(hid_t object, const Where& where, const std::string& name,
                           const AttributeValue& value) {
  std::visit([&](const auto& v) { write_attribute(object, where, name, v); }, value);
}

void update_attribute(hid_t object, const Where& where, const std::string& name, std::int64_t value) {
  const Where at = where.child("@" + name);
  const Attribute attribute(
      make(at, "cannot open attribute", [&] { return H5Aopen(object, name.c_str(), H5P_DEFAULT); }));
  run(at, "cannot write attribute", [&] { return H5Awrite(attribute.get(), H5T_NATIVE_INT64, &value); });
}

namespace {

std::string read_string(const Attribute& attribute, const Dataspace& space, const Where& at) {
  const Datatype type(make(at, "cannot get attribute type", [&] { return H5Aget_type(attribute.get()); }));
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count <= 0) return {};  // netCDF-C writes an empty text attribute with a null dataspace
  if (ask(at, "cannot inspect string type", [&] { return H5Tis_variable_str(type.get()); })) {
    std::vector<char*> values(static_cast<std::size_t>(count), nullptr);
    run(at, "cannot read attribute", [&] { return H5Aread(attribute.get(), type.get(), values.data()); });
    std::string text = values.front() ? values.front() : "";
    run(at, "cannot free attribute strings",
        [&] { return H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, values.data()); });
    return text;
  }
  const std::size_t size = H5Tget_size(type.get());
  std::vector<char> bytes(size * static_cast<std::size_t>(count) + 1, '\0');
  run(at, "cannot read attribute", [&] { return H5Aread(attribute.get(), type.get(), bytes.data()); });
  return std::string(bytes.data());  // stops at the NULLTERM padding
}

template <class T>
T read_number(const Attribute& attribute, const Where& at) {
  T value{};
  run(at, "cannot read attribute", [&] { return H5Aread(attribute.get(), TypeMap<T>::memory(), &value); });
  return value;
}

struct Visit {
  const Where& where;
  Attributes& out;
  Trap trap;
};

void read_one(hid_t object, const char* name, Visit& visit) {
  const Where at = visit.where.child(std::string("@") + name);
  const Attribute attribute(
      make(at, "cannot open attribute", [&] { return H5Aopen(object, name, H5P_DEFAULT); }));
  const Dataspace space(
      make(at, "cannot get attribute dataspace", [&] { return H5Aget_space(attribute.get()); }));
  const Datatype type(make(at, "cannot get attribute type", [&] { return H5Aget_type(attribute.get()); }));
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class == H5T_STRING) {
    visit.out.emplace_back(name, read_string(attribute, space, at));
  } else if (H5Sget_simple_extent_npoints(space.get()) != 1) {
    // An array or an empty value: not representable, see the header.
  } else if (type_class == H5T_INTEGER) {
    visit.out.emplace_back(name, read_number<std::int64_t>(attribute, at));
  } else if (type_class == H5T_FLOAT) {
    visit.out.emplace_back(name, read_number<double>(attribute, at));
  }
}

herr_t visit_attribute(hid_t object, const char* name, const H5A_info_t*, void* data) {
  auto& visit = *static_cast<Visit*>(data);
  return visit.trap.guard([&] {
    read_one(object, name, visit);
    return herr_t{0};
  });
}

// HDF5 can iterate by creation order only where the object tracks it.
H5_index_t attribute_order(hid_t object, const Where& where) {
  const PropertyList plist = creation_properties(object, where);
  unsigned flags = 0;
  run(where, "cannot get attribute creation order of",
      [&] { return H5Pget_attr_creation_order(plist.get(), &flags); });
  return (flags & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
}

}  // namespace

Attributes read_attributes(hid_t object, const Where& where) {
  Attributes out;
  Visit visit{where, out, {}};
  const H5_index_t order = attribute_order(object, where);
  iterate(where, "cannot list attributes of", visit.trap,
          [&] { return H5Aiterate2(object, order, H5_ITER_INC, nullptr, visit_attribute, &visit); });
  return out;
}

}  // namespace output::h5
