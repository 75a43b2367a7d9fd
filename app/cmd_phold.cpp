#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <ostream>
#include <sstream>

#include "app/cli.h"
#include "app/options.h"
#include "models/phold.h"

namespace sovsim::cli {

namespace po = boost::program_options;

int cmd_phold(const Args& args, Streams io) {
  models::PholdConfig c;
  po::options_description options(
      "Usage: sovsim phold [options]\n\n"
      "Runs PHOLD (ROSS semantics) on sovsim's event engine and prints\n"
      "  events=<processed> seconds=<event-loop wall time> events_per_sec=<rate>\n\n"
      "Example (configuration C2, about 10 million events):\n"
      "  sovsim phold --lps 1024 --population 16 --remote 0.5 --end 610\n\nOptions");
  options.add_options()                                                                                   //
      ("lps", po::value(&c.lps)->default_value(c.lps), "number of logical processes N")                   //
      ("population", po::value(&c.population)->default_value(c.population), "initial events per LP P")    //
      ("remote", po::value(&c.remote)->default_value(c.remote), "probability R of a remote destination")  //
      ("mean", po::value(&c.mean)->default_value(c.mean), "mean delay M")                                 //
      ("lookahead", po::value(&c.lookahead)->default_value(c.lookahead), "minimum delay L")               //
      ("end", po::value(&c.end)->default_value(c.end), "end time T");
  add_seed_option(options, c.seed);
  if (!parse_command_line(args, options, io)) return kExitOk;
  if (c.lps == 0) throw UsageError("--lps must be at least 1");
  if (!(c.remote >= 0 && c.remote <= 1)) throw UsageError("--remote must be within [0, 1]");
  if (!(c.lookahead >= 0 && c.mean > c.lookahead)) throw UsageError("need 0 <= --lookahead < --mean");
  if (!(c.end >= 0 && c.end < 1e9)) throw UsageError("--end must be within [0, 1e9)");
  if (static_cast<double>(c.lps) * c.population > 1e9)
    throw UsageError("--lps x --population exceeds 1e9 events");

  const models::PholdResult r = models::run_phold(c);
  const double rate = r.seconds > 0 ? static_cast<double>(r.events) / r.seconds : 0.0;
  io.out << fmt::format("events={} seconds={:.6f} events_per_sec={:.0f}\n", r.events, r.seconds, rate);
  return kExitOk;
}

}  // namespace sovsim::cli
