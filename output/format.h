#pragma once
// Names and versions that make up the file format's contract (docs/output-format.md). Any change
// to the layout a reader can observe (names, dims, types, attributes) bumps kFormatVersion.

#include <string_view>

namespace output {

inline constexpr std::string_view kFormatVersion = "1.0";
inline constexpr std::string_view kConventions = "CF-1.10";

// Root attributes the writer owns; a caller passing one of these is an error.
inline constexpr std::string_view kConventionsAttribute = "Conventions";
inline constexpr std::string_view kFormatVersionAttribute = "format_version";
// Rows of every time series (and of `time`) safely on disk as of the last flush; what a killed
// run's .partial file can be trusted for.
inline constexpr std::string_view kRowsCompleteAttribute = "rows_complete";

inline constexpr std::string_view kTimeName = "time";
inline constexpr std::string_view kTimeCalendar = "proleptic_gregorian";

// Suffix of the file being written; renamed away on commit.
inline constexpr std::string_view kPartialSuffix = ".partial";

}  // namespace output
