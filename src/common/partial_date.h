#pragma once
// Partial dates (`2026`, `2026-H2`, `2025-Q3`, `2025-06`, `2025-06-17`) and the half-open day
// intervals they denote. A partial date names its whole period: `2025-06` is June 1..30.
#include "common/status.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace chipgraph {

// Days since 1970-01-01 in the proleptic Gregorian calendar.
using DayNumber = int32_t;
constexpr DayNumber kMinDay = std::numeric_limits<DayNumber>::min();
constexpr DayNumber kMaxDay = std::numeric_limits<DayNumber>::max();

DayNumber daysFromCivil(int year, int month, int day);
void civilFromDays(DayNumber days, int& year, int& month, int& day);
bool isLeapYear(int year);
int daysInMonth(int year, int month);

enum class DatePrecision { Year, Half, Quarter, Month, Day };

struct PartialDate {
    DatePrecision precision = DatePrecision::Year;
    int year = 0;
    int part = 0; // half 1-2, quarter 1-4 or month 1-12; 0 for Year
    int day = 0;  // 1-31 for Day precision

    // Parses any accepted spelling; the error says which part is out of range.
    static Result<PartialDate> parse(std::string_view text);

    DayNumber firstDay() const;
    DayNumber lastDay() const; // inclusive
    // Canonical spelling: 2026, 2026-H2, 2025-Q3, 2025-06, 2025-06-17.
    std::string toString() const;
    bool operator==(const PartialDate&) const = default;
};

// A half-open interval of days [from, to). kMinDay / kMaxDay mean unbounded.
struct Interval {
    DayNumber from = kMinDay;
    DayNumber to = kMaxDay;

    static Interval always() { return {}; }
    static Interval of(const PartialDate& d) { return {d.firstDay(), d.lastDay() + 1}; }
    static Interval between(const PartialDate& a, const PartialDate& b) {
        return {a.firstDay(), b.lastDay() + 1};
    }

    bool empty() const { return from >= to; }
    bool isAlways() const { return from == kMinDay && to == kMaxDay; }
    // True when some day is in both; an empty interval overlaps nothing.
    bool overlaps(const Interval& o) const {
        return from < o.to && o.from < to && !empty() && !o.empty();
    }
    bool contains(DayNumber d) const { return from <= d && d < to; }
    Interval intersect(const Interval& o) const {
        return {from > o.from ? from : o.from, to < o.to ? to : o.to};
    }
    bool operator==(const Interval&) const = default;
    auto operator<=>(const Interval&) const = default;
};

// Formats a day as YYYY-MM-DD.
std::string formatDay(DayNumber day);

// The coarsest partial date starting exactly on `day` / ending exactly on `day` (inclusive).
PartialDate coarsestStartingOn(DayNumber day);
PartialDate coarsestEndingOn(DayNumber day);

// Formats an interval in the language's own syntax: "2026", "2023..2025", "2025-H2..",
// "..2025-06", or "always" ("never" when empty). A range's end is written in the terms of its
// start ("2025-03..2025-06", "2025-Q3..2026-Q1"); read back, the text denotes the same days.
std::string formatInterval(const Interval& interval);

// The validity clause that denotes exactly `valid` (formatInterval's text, which reads back as
// the same days): "" for always, ` in 2026`, ` from 2025-H2`, ` until 2025-06`, ` during A..B`.
std::string validityClause(const Interval& valid);

} // namespace chipgraph
