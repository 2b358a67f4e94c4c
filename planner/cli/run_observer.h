#pragma once
// How `apply` shows a run: lines for people (with a countdown while waiting),
// or one JSON object per event for automation.

#include <iosfwd>
#include <memory>

#include "planner/run/observer.h"

namespace cutover::cli {

/// Text for people on `out`. On a terminal the countdown rewrites one line;
/// elsewhere it prints a line at most once a minute.
std::unique_ptr<planner::Observer> make_text_observer(std::ostream& out, bool terminal);

/// JSON lines on `out`: {"event":"step-done","step":"switch.registrar","at":1800000000,...}.
std::unique_ptr<planner::Observer> make_json_observer(std::ostream& out);

}  // namespace cutover::cli
