// ScaleAttachments against HDF5's own H5DSattach_scale: the same attributes, read the same way.
#include "output/h5_scale.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <string>
#include <utility>
#include <vector>

#include "output/h5_dataset.h"
#include "output/h5_file.h"
#include "tests/output/sample_run.h"

namespace output::h5 {
namespace {

using output::test::TempDir;
using ::testing::HasSubstr;

// Two scales, x (3) and y (2), and variables on them: a(x, y), b(y), c(y, x), d(x), all in one
// file. `attach_with_h5ds` attaches them one call at a time with H5DSattach_scale; otherwise
// through ScaleAttachments, d after a first write_reference_lists() (as the run writer attaches
// its statics after its series).
struct ScaleFile {
  std::string path;
  File file;
  Dataset x, y;
  std::vector<std::pair<std::string, Dataset>> variables;
  std::vector<std::pair<std::string, std::vector<const Dataset*>>> layout = {
      {"a", {&x, &y}}, {"b", {&y}}, {"c", {&y, &x}}, {"d", {&x}}};

  ScaleFile(const ScaleFile&) = delete;  // `layout` points at its own members
  ScaleFile& operator=(const ScaleFile&) = delete;
  ScaleFile(std::string file_path, bool attach_with_h5ds) : path(std::move(file_path)) {
    file = create_file(path);
    x = scale("x", 3);
    y = scale("y", 2);
    ScaleAttachments attachments;
    for (const auto& [name, scales] : layout) {
      const Where where{path, "/" + name};
      Shape dims;
      for (const Dataset* s : scales) dims.push_back(s == &x ? 3 : 2);
      Dataset v = create_dataset(file.get(), where, H5T_IEEE_F64LE, simple_space(where, dims), {});
      if (attach_with_h5ds) {
        for (unsigned axis = 0; axis < scales.size(); ++axis)
          EXPECT_GE(H5DSattach_scale(v.get(), scales[axis]->get(), axis), 0);
      } else {
        if (name == "d") attachments.write_reference_lists();
        attachments.attach(v, where, scales);
      }
      variables.emplace_back(name, std::move(v));
    }
    if (!attach_with_h5ds) attachments.write_reference_lists();
  }

  Dataset scale(const std::string& name, hsize_t size) {
    const Where where{path, "/" + name};
    Dataset s = create_dataset(file.get(), where, H5T_IEEE_F64LE, simple_space(where, {size}), {});
    make_scale(s, where, name);
    return s;
  }
};

std::string name_of(hid_t object) {
  std::vector<char> name(256, '\0');
  H5Iget_name(object, name.data(), name.size());
  return name.data();
}

// A scale's REFERENCE_LIST as (variable path, axis) pairs, in stored order.
std::vector<std::pair<std::string, int>> reference_list(const Dataset& scale) {
  struct Entry {
    hobj_ref_t variable;
    int axis;
  };
  const hid_t attribute = H5Aopen(scale.get(), "REFERENCE_LIST", H5P_DEFAULT);
  EXPECT_GE(attribute, 0);
  const hid_t space = H5Aget_space(attribute);
  std::vector<Entry> entries(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  const hid_t type = H5Tcreate(H5T_COMPOUND, sizeof(Entry));
  H5Tinsert(type, "dataset", HOFFSET(Entry, variable), H5T_STD_REF_OBJ);
  H5Tinsert(type, "dimension", HOFFSET(Entry, axis), H5T_NATIVE_INT);
  EXPECT_GE(H5Aread(attribute, type, entries.data()), 0);
  std::vector<std::pair<std::string, int>> out;
  for (const Entry& e : entries) {
    const hid_t variable = H5Rdereference2(scale.get(), H5P_DEFAULT, H5R_OBJECT, &e.variable);
    out.emplace_back(name_of(variable), e.axis);
    H5Dclose(variable);
  }
  H5Tclose(type);
  H5Sclose(space);
  H5Aclose(attribute);
  return out;
}

// An attribute's stored type and number of elements.
std::pair<Datatype, hssize_t> stored(hid_t object, const char* name) {
  const Attribute attribute(H5Aopen(object, name, H5P_DEFAULT));
  const Dataspace space(H5Aget_space(attribute.get()));
  return {Datatype(H5Aget_type(attribute.get())), H5Sget_simple_extent_npoints(space.get())};
}

TEST(ScaleAttachments, WriteTheAttributesH5dsattachScaleWritesAndH5dsReadsThem) {
  const TempDir dir;
  const ScaleFile ours((dir / "ours.h5").string(), false);
  const ScaleFile theirs((dir / "theirs.h5").string(), true);

  for (std::size_t v = 0; v < ours.variables.size(); ++v) {
    const auto& [name, variable] = ours.variables[v];
    const Dataset& reference = theirs.variables[v].second;
    SCOPED_TRACE(name);
    const auto [type, count] = stored(variable.get(), "DIMENSION_LIST");
    const auto [their_type, their_count] = stored(reference.get(), "DIMENSION_LIST");
    EXPECT_GT(H5Tequal(type.get(), their_type.get()), 0);
    EXPECT_EQ(count, their_count);
    const std::vector<const Dataset*>& scales = ours.layout[v].second;
    for (unsigned axis = 0; axis < scales.size(); ++axis) {
      EXPECT_EQ(H5DSget_num_scales(variable.get(), axis), 1);
      EXPECT_GT(H5DSis_attached(variable.get(), scales[axis]->get(), axis), 0) << "axis " << axis;
      EXPECT_EQ(attached_scale_path(variable, {ours.path, "/" + name}, axis),
                attached_scale_path(reference, {theirs.path, "/" + name}, axis));
    }
  }
  for (const auto& [scale, their_scale] : {std::pair{&ours.x, &theirs.x}, std::pair{&ours.y, &theirs.y}}) {
    SCOPED_TRACE(name_of(scale->get()));
    const auto [type, count] = stored(scale->get(), "REFERENCE_LIST");
    const auto [their_type, their_count] = stored(their_scale->get(), "REFERENCE_LIST");
    EXPECT_GT(H5Tequal(type.get(), their_type.get()), 0);
    EXPECT_EQ(count, their_count);
    EXPECT_EQ(reference_list(*scale), reference_list(*their_scale));
  }
  EXPECT_EQ(reference_list(ours.x),
            (std::vector<std::pair<std::string, int>>{{"/a", 0}, {"/c", 1}, {"/d", 0}}));
}

TEST(ScaleAttachments, AScaleIsNamedByItsPathWhateverItsNameAttributeSays) {
  // attached_scale_path takes a scale's NAME attribute as its path only when that names the same
  // object at the root (sovsim's and netCDF-4's coordinate variables); otherwise it asks HDF5 for
  // the path. Scales: /x named "x" (the fast case), /y named "x" (another object's name), /z named
  // as netCDF names a dimension without a variable, /g/w in a group named "w" (not at the root).
  const TempDir dir;
  const std::string path = (dir / "names.h5").string();
  const File file = create_file(path);
  const auto scale = [&](const std::string& object, const std::string& name) {
    const Where where{path, object};
    Dataset s = create_dataset(file.get(), where, H5T_IEEE_F64LE, simple_space(where, {2}), {});
    make_scale(s, where, name);
    return s;
  };
  EXPECT_GE(H5Gclose(H5Gcreate2(file.get(), "/g", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)), 0);
  const std::vector<std::pair<std::string, Dataset>> scales = [&] {
    std::vector<std::pair<std::string, Dataset>> out;
    out.emplace_back("/x", scale("/x", "x"));
    out.emplace_back("/y", scale("/y", "x"));
    out.emplace_back("/z", scale("/z", "This is a netCDF dimension but not a netCDF variable.         2"));
    out.emplace_back("/g/w", scale("/g/w", "w"));
    return out;
  }();
  for (std::size_t i = 0; i < scales.size(); ++i) {
    const auto& [object, s] = scales[i];
    SCOPED_TRACE(object);
    const Where where{path, "/on" + std::to_string(i)};
    const Dataset v = create_dataset(file.get(), where, H5T_IEEE_F64LE, simple_space(where, {2}), {});
    ASSERT_GE(H5DSattach_scale(v.get(), s.get(), 0), 0);
    EXPECT_EQ(attached_scale_path(v, where, 0), object);
  }
}

TEST(ScaleAttachments, RefusesAScaleAVariableWithScalesOrTheWrongNumberOfAxes) {
  const TempDir dir;
  const std::string path = (dir / "x.h5").string();
  const File file = create_file(path);
  const Where x_where{path, "/x"};
  const Dataset x = create_dataset(file.get(), x_where, H5T_IEEE_F64LE, simple_space(x_where, {3}), {});
  make_scale(x, x_where, "x");
  const Where where{path, "/v"};
  const Dataset v = create_dataset(file.get(), where, H5T_IEEE_F64LE, simple_space(where, {3, 3}), {});
  ScaleAttachments attachments;
  try {
    attachments.attach(v, where, {&x});
    FAIL() << "one scale for two axes must be refused";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("/v"));
    EXPECT_THAT(e.what(), HasSubstr("given 1 axes, it has 2"));
  }
  attachments.attach(v, where, {&x, &x});
  try {
    attachments.attach(v, where, {&x, nullptr});
    FAIL() << "attaching twice must be refused";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("has scales attached already"));
  }
  try {
    attachments.attach(x, x_where, {&x});
    FAIL() << "a scale cannot have scales";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("it is a dimension scale itself"));
  }
  attachments.write_reference_lists();
  EXPECT_EQ(reference_list(x), (std::vector<std::pair<std::string, int>>{{"/v", 0}, {"/v", 1}}));
}

}  // namespace
}  // namespace output::h5
