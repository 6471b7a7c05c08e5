#pragma once
// Which stored claims a question sees, and why the others are left out. One rule for queries,
// rules, aggregates and diagrams (docs/language.md, "Time and knowledge"):
// - `known at D` sees a claim only when its whole report period (its source's publication
//   date, a partial date) ends on or before D; a claim without a report date is not known at
//   any given date.
// - `as of P` sees a claim whose validity overlaps P. A claim of a relation that is neither
//   timeless nor derived, stated without dates, is *undated*: it holds at some unknown time,
//   so no window sees it. A claim of a `per period` relation (an amount over its period) is
//   seen only when its period lies within P: part of an amount is not an amount.
#include "bind/bound.h"
#include "common/partial_date.h"
#include "schema/catalog.h"

#include <optional>
#include <string>
#include <vector>

namespace chipgraph::eval {

enum class LeftOut {
    None,
    OutsideWindow,  // holds outside the window: an ordinary miss
    ReportedLater,  // reported after `known at`: an ordinary miss
    NoReportDate,   // `known at` needs a report date: the reader is told
    Undated,        // a window needs dates: the reader is told
    PartlyInWindow, // an amount whose period is only partly in the window: the reader is told
};

// True when a claim reported in `published` was known on `day`: its report period has ended.
bool knownOn(const std::optional<PartialDate>& published, DayNumber day);

// True when a fact of `relation` with validity `valid` is undated (stated without dates in a
// relation whose facts are about time).
bool isUndated(const schema::RelationInfo& relation, const Interval& valid);

// True when `relation` holds independently of time: declared `timeless`, or derived by rules
// that read timeless relations only. Its facts without dates are valid `always`; other
// relations' are `undated`.
bool isTimeless(RelationId relation, const schema::Catalog& catalog,
                const std::vector<bind::BoundRule>& rules);

// True when `relation`'s facts are amounts per period: declared `per period`, or derived by a
// rule whose head carries such an amount (plainly or through sum, min, max or avg).
bool isPerPeriod(RelationId relation, const schema::Catalog& catalog,
                 const std::vector<bind::BoundRule>& rules);
// True when the aggregate rule sums, or takes the min, max or avg of, amounts per period: its
// groups are then split by the members' periods, never cut where other members start or stop.
bool aggregatesAmounts(const bind::BoundRule& rule, const schema::Catalog& catalog,
                       const std::vector<bind::BoundRule>& rules);

// The display of a validity: "undated" for an unbounded one that is not timeless.
std::string validityText(const Interval& valid, bool timeless);

struct ClaimFilter {
    std::optional<Interval> window;
    std::optional<DayNumber> knownAt;

    bool any() const { return window || knownAt; }
    // Why a claim of `relation` valid on `valid`, reported in `published`, is left out.
    LeftOut check(const schema::RelationInfo& relation, const Interval& valid,
                  const std::optional<PartialDate>& published) const;
    // The same for a claim stated by `source` (kNoId: none), its report date read from `catalog`.
    LeftOut check(const schema::Catalog& catalog, const schema::RelationInfo& relation,
                  const Interval& valid, SourceId source) const;
};

// Claims left out for a reason the reader must be told; rendered as an answer's notes.
struct LeftOutCounts {
    size_t noReportDate = 0, undated = 0, partlyInWindow = 0;

    void count(LeftOut reason);
    void add(const LeftOutCounts& other);
    bool empty() const { return noReportDate + undated + partlyInWindow == 0; }
    // "2 claims without a report date were left out (known at needs one)", ...
    std::vector<std::string> notes() const;
};

} // namespace chipgraph::eval
