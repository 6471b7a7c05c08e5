#include "common/partial_date.h"

#include <catch2/catch.hpp>

using namespace chipgraph;

namespace {

PartialDate date(const char* text) {
    Result<PartialDate> parsed = PartialDate::parse(text);
    INFO("parsing " << text << ": " << parsed.status().message());
    REQUIRE(parsed.isOk());
    return parsed.value();
}

std::string parseError(const char* text) {
    Result<PartialDate> parsed = PartialDate::parse(text);
    INFO("parsing " << text);
    REQUIRE_FALSE(parsed.isOk());
    return parsed.status().message();
}

DayNumber day(int y, int m, int d) {
    return daysFromCivil(y, m, d);
}

std::string first(const char* text) {
    return formatDay(date(text).firstDay());
}

std::string last(const char* text) {
    return formatDay(date(text).lastDay());
}

} // namespace

// ---- calendar arithmetic --------------------------------------------------------------------

TEST_CASE("leap years follow the Gregorian rules", "[partial_date]") {
    CHECK(isLeapYear(2024));
    CHECK_FALSE(isLeapYear(2025));
    CHECK_FALSE(isLeapYear(1900));
    CHECK(isLeapYear(2000));
    CHECK_FALSE(isLeapYear(2100));
    CHECK(isLeapYear(1600));
}

TEST_CASE("days in month include February of leap years", "[partial_date]") {
    CHECK(daysInMonth(2024, 2) == 29);
    CHECK(daysInMonth(2025, 2) == 28);
    CHECK(daysInMonth(1900, 2) == 28);
    CHECK(daysInMonth(2000, 2) == 29);
    CHECK(daysInMonth(2025, 1) == 31);
    CHECK(daysInMonth(2025, 4) == 30);
    CHECK(daysInMonth(2025, 6) == 30);
    CHECK(daysInMonth(2025, 12) == 31);
}

TEST_CASE("day numbers count from 1970-01-01", "[partial_date]") {
    CHECK(daysFromCivil(1970, 1, 1) == 0);
    CHECK(daysFromCivil(1970, 1, 2) == 1);
    CHECK(daysFromCivil(1969, 12, 31) == -1);
    CHECK(daysFromCivil(2000, 1, 1) == 10957);
    CHECK(daysFromCivil(2000, 3, 1) == 10957 + 31 + 29);
    CHECK(daysFromCivil(2025, 3, 1) - daysFromCivil(2025, 2, 28) == 1);
    CHECK(daysFromCivil(2024, 3, 1) - daysFromCivil(2024, 2, 28) == 2);
}

TEST_CASE("civilFromDays inverts daysFromCivil", "[partial_date]") {
    for (DayNumber d : {-800000, -1, 0, 1, 10957, 11016, 11017, 19782, 20269, 2932896}) {
        int y = 0, m = 0, dd = 0;
        civilFromDays(d, y, m, dd);
        INFO("day " << d);
        CHECK(daysFromCivil(y, m, dd) == d);
    }
    int y = 0, m = 0, d = 0;
    civilFromDays(daysFromCivil(2024, 2, 29), y, m, d);
    CHECK(y == 2024);
    CHECK(m == 2);
    CHECK(d == 29);
}

TEST_CASE("formatDay writes YYYY-MM-DD with leading zeros", "[partial_date]") {
    CHECK(formatDay(0) == "1970-01-01");
    CHECK(formatDay(day(2025, 6, 7)) == "2025-06-07");
    CHECK(formatDay(day(2024, 2, 29)) == "2024-02-29");
    CHECK(formatDay(day(999, 1, 1)) == "0999-01-01");
}

// ---- parsing -----------------------------------------------------------------------------

TEST_CASE("every documented spelling parses to its precision", "[partial_date]") {
    CHECK(date("2026") == PartialDate{DatePrecision::Year, 2026, 0, 0});
    CHECK(date("2H2026") == PartialDate{DatePrecision::Half, 2026, 2, 0});
    CHECK(date("1h2026") == PartialDate{DatePrecision::Half, 2026, 1, 0});
    CHECK(date("2026-H2") == PartialDate{DatePrecision::Half, 2026, 2, 0});
    CHECK(date("2026H1") == PartialDate{DatePrecision::Half, 2026, 1, 0});
    CHECK(date("2025Q3") == PartialDate{DatePrecision::Quarter, 2025, 3, 0});
    CHECK(date("2025-Q3") == PartialDate{DatePrecision::Quarter, 2025, 3, 0});
    CHECK(date("2025-q4") == PartialDate{DatePrecision::Quarter, 2025, 4, 0});
    CHECK(date("2025-06") == PartialDate{DatePrecision::Month, 2025, 6, 0});
    CHECK(date("2025-06-17") == PartialDate{DatePrecision::Day, 2025, 6, 17});
}

TEST_CASE("2025Q3 and 2025-Q3 are the same date", "[partial_date]") {
    CHECK(date("2025Q3") == date("2025-Q3"));
    CHECK(date("2H2026") == date("2026-H2"));
    CHECK(Interval::of(date("2025Q3")) == Interval::of(date("2025-Q3")));
}

TEST_CASE("toString gives the canonical spelling", "[partial_date]") {
    CHECK(date("2026").toString() == "2026");
    CHECK(date("2H2026").toString() == "2026-H2");
    CHECK(date("2026h1").toString() == "2026-H1");
    CHECK(date("2025q3").toString() == "2025-Q3");
    CHECK(date("2025-06").toString() == "2025-06");
    CHECK(date("2025-06-07").toString() == "2025-06-07");
}

TEST_CASE("leap days are valid only in leap years", "[partial_date][error]") {
    CHECK(date("2024-02-29").lastDay() == day(2024, 2, 29));
    CHECK(date("2000-02-29").firstDay() == day(2000, 2, 29));
    CHECK(parseError("2025-02-29") == "day 29 is out of range for 2025-02 (1-28)");
    CHECK(parseError("1900-02-29") == "day 29 is out of range for 1900-02 (1-28)");
    CHECK(parseError("2024-02-30") == "day 30 is out of range for 2024-02 (1-29)");
    CHECK(parseError("2025-02-30") == "day 30 is out of range for 2025-02 (1-28)");
}

TEST_CASE("a month is out of range outside 1-12", "[partial_date][error]") {
    CHECK(parseError("2025-13") == "month 13 is out of range (1-12)");
    CHECK(parseError("2025-00") == "month 0 is out of range (1-12)");
    CHECK(parseError("2025-13-01") == "month 13 is out of range (1-12)");
}

TEST_CASE("a day is out of range for its month", "[partial_date][error]") {
    CHECK(parseError("2025-04-31") == "day 31 is out of range for 2025-04 (1-30)");
    CHECK(parseError("2025-06-00") == "day 0 is out of range for 2025-06 (1-30)");
    CHECK(parseError("2025-01-32") == "day 32 is out of range for 2025-01 (1-31)");
    CHECK(date("2025-01-31").lastDay() == day(2025, 1, 31));
}

TEST_CASE("halves and quarters are out of range past 2 and 4", "[partial_date][error]") {
    CHECK(parseError("3H2026") == "half 3 is out of range (1-2)");
    CHECK(parseError("0H2026") == "half 0 is out of range (1-2)");
    CHECK(parseError("2026-H3") == "half 3 is out of range (1-2)");
    CHECK(parseError("2025-Q5") == "quarter 5 is out of range (1-4)");
    CHECK(parseError("2025Q0") == "quarter 0 is out of range (1-4)");
}

TEST_CASE("malformed dates name the accepted spellings", "[partial_date][error]") {
    const std::string formats = "expected a date like 2026, 2H2026, 2026-H2, 2025Q3, 2025-Q3, "
                                "2025-06 or 2025-06-17";
    CHECK(parseError("") == "malformed date ''; " + formats);
    CHECK(parseError("26") == "malformed date '26'; " + formats);
    CHECK(parseError("2025-6") == "malformed date '2025-6'; " + formats);
    CHECK(parseError("2025-06-1") == "malformed date '2025-06-1'; " + formats);
    CHECK(parseError("2025-06-17x") == "malformed date '2025-06-17x'; " + formats);
    CHECK(parseError("2025/06") == "malformed date '2025/06'; " + formats);
    CHECK(parseError("2025-Q") == "malformed date '2025-Q'; " + formats);
    CHECK(parseError("2025-Q12") == "malformed date '2025-Q12'; " + formats);
    CHECK(parseError("2H26") == "malformed date '2H26'; " + formats);
    CHECK(parseError("xH2026") == "malformed date 'xH2026'; " + formats);
}

TEST_CASE("a month needs its dash: 202506 is not a date", "[partial_date][error]") {
    // The grammar has no dash-less month; an INT like 202506 must not pass for 2025-06.
    CHECK(parseError("202506").rfind("malformed date '202506'", 0) == 0);
    CHECK(parseError("20250617").rfind("malformed date '20250617'", 0) == 0);
}

TEST_CASE("spaces and signs make a date malformed", "[partial_date][error]") {
    for (const char* text : {" 2025", "2025 ", "2025 -06", "-2025", "+2025", "2025-06 -17"}) {
        INFO("'" << text << "'");
        CHECK(parseError(text).rfind("malformed date", 0) == 0);
    }
}

TEST_CASE("anything after a half or quarter makes a date malformed", "[partial_date][error]") {
    for (const char* text : {"2025-Q3-01", "2025-H1x", "2025Q34", "2H2026-01", "2025-H"}) {
        INFO(text);
        CHECK(parseError(text).rfind("malformed date", 0) == 0);
    }
}

TEST_CASE("a day needs a month and two digits", "[partial_date][error]") {
    for (const char* text : {"2025--17", "2025-06--17", "2025-06-", "2025-06-171", "2025-"}) {
        INFO(text);
        CHECK(parseError(text).rfind("malformed date", 0) == 0);
    }
}

TEST_CASE("letters in place of digits make a date malformed", "[partial_date][error]") {
    for (const char* text : {"2O25", "2025-0a", "202Q", "2H20x6", "Q3-2025", "H2 2026"}) {
        INFO(text);
        CHECK(parseError(text).rfind("malformed date", 0) == 0);
    }
}

TEST_CASE("a half before the year needs a four-digit year", "[partial_date][error]") {
    CHECK(parseError("2H202").rfind("malformed date '2H202'", 0) == 0);
    CHECK(parseError("2H20266").rfind("malformed date '2H20266'", 0) == 0);
}

TEST_CASE("five-digit years and unknown period letters are malformed", "[partial_date][error]") {
    for (const char* text : {"20250", "20250-06", "2025x3", "2025-M06", "2025-W23"}) {
        INFO(text);
        CHECK(parseError(text).rfind("malformed date", 0) == 0);
    }
}

// ---- periods -----------------------------------------------------------------------------

TEST_CASE("a year spans January 1 to December 31", "[partial_date]") {
    CHECK(first("2026") == "2026-01-01");
    CHECK(last("2026") == "2026-12-31");
}

TEST_CASE("2H2026 is 2026-07-01..2026-12-31 and 1H is January to June", "[partial_date]") {
    CHECK(first("2H2026") == "2026-07-01");
    CHECK(last("2H2026") == "2026-12-31");
    CHECK(first("2026-H1") == "2026-01-01");
    CHECK(last("2026-H1") == "2026-06-30");
}

TEST_CASE("quarters end on the last day of their third month", "[partial_date]") {
    CHECK(first("2025Q3") == "2025-07-01");
    CHECK(last("2025Q3") == "2025-09-30");
    CHECK(last("2025-Q1") == "2025-03-31");
    CHECK(last("2025-Q2") == "2025-06-30");
    CHECK(first("2025-Q4") == "2025-10-01");
    CHECK(last("2025-Q4") == "2025-12-31");
}

TEST_CASE("months end on their last day, February by leap year", "[partial_date]") {
    CHECK(last("2025-06") == "2025-06-30");
    CHECK(last("2024-02") == "2024-02-29");
    CHECK(last("2025-02") == "2025-02-28");
    CHECK(last("1900-02") == "1900-02-28");
    CHECK(last("2000-02") == "2000-02-29");
    CHECK(last("2025-12") == "2025-12-31");
    CHECK(first("2025-06") == "2025-06-01");
}

TEST_CASE("a day is its own first and last day", "[partial_date]") {
    PartialDate d = date("2025-06-17");
    CHECK(d.firstDay() == d.lastDay());
    CHECK(d.firstDay() == day(2025, 6, 17));
}

// ---- intervals ---------------------------------------------------------------------------

TEST_CASE("Interval::of and between are half-open", "[partial_date]") {
    Interval y = Interval::of(date("2025"));
    CHECK(y.from == day(2025, 1, 1));
    CHECK(y.to == day(2026, 1, 1));
    Interval r = Interval::between(date("2023"), date("2025"));
    CHECK(r.from == day(2023, 1, 1));
    CHECK(r.to == day(2026, 1, 1));
    Interval m = Interval::between(date("2025-Q3"), date("2025-10"));
    CHECK(m.from == day(2025, 7, 1));
    CHECK(m.to == day(2025, 11, 1));
}

TEST_CASE("interval predicates treat the end as exclusive", "[partial_date]") {
    Interval h1 = Interval::of(date("2025-H1"));
    Interval h2 = Interval::of(date("2025-H2"));
    CHECK_FALSE(h1.overlaps(h2));
    CHECK_FALSE(h2.overlaps(h1));
    CHECK(h1.contains(day(2025, 6, 30)));
    CHECK_FALSE(h1.contains(day(2025, 7, 1)));
    CHECK(h1.intersect(h2).empty());
    CHECK(Interval::always().overlaps(h1));
    CHECK(Interval::always().isAlways());
    CHECK_FALSE(h1.isAlways());
    CHECK_FALSE(h1.empty());
}

TEST_CASE("intersecting intervals keeps the common days", "[partial_date]") {
    Interval a = Interval::between(date("2023"), date("2025"));
    Interval b = Interval::between(date("2025-Q2"), date("2026"));
    Interval both = a.intersect(b);
    CHECK(both.from == day(2025, 4, 1));
    CHECK(both.to == day(2026, 1, 1));
    CHECK(a.intersect(Interval::always()) == a);
    Interval from = {day(2025, 7, 1), kMaxDay};
    Interval until = {kMinDay, day(2025, 10, 1)};
    CHECK(from.intersect(until) == Interval{day(2025, 7, 1), day(2025, 10, 1)});
}

TEST_CASE("an empty interval overlaps nothing and contains no day", "[partial_date][error]") {
    Interval empty{day(2025, 5, 1), day(2025, 5, 1)};
    Interval reversed{day(2026, 1, 1), day(2025, 1, 1)};
    CHECK(empty.empty());
    CHECK(reversed.empty());
    CHECK_FALSE(empty.overlaps(Interval::always()));
    CHECK_FALSE(Interval::always().overlaps(reversed));
    CHECK_FALSE(reversed.overlaps(Interval::of(date("2025"))));
    CHECK_FALSE(reversed.contains(day(2025, 6, 1)));
    CHECK_FALSE(empty.contains(day(2025, 5, 1)));
}

TEST_CASE("disjoint intervals intersect into an empty one", "[partial_date][error]") {
    Interval both = Interval::of(date("2024")).intersect(Interval::of(date("2025")));
    CHECK(both.empty());
    CHECK(formatInterval(both) == "never");
    Interval until = {kMinDay, day(2025, 1, 1)};
    Interval from = {day(2025, 1, 1), kMaxDay};
    CHECK(until.intersect(from).empty());
}

// ---- formatting --------------------------------------------------------------------------

TEST_CASE("formatInterval prints single periods by their name", "[partial_date]") {
    CHECK(formatInterval(Interval::of(date("2026"))) == "2026");
    CHECK(formatInterval(Interval::of(date("2H2026"))) == "2026-H2");
    CHECK(formatInterval(Interval::of(date("2025Q3"))) == "2025-Q3");
    CHECK(formatInterval(Interval::of(date("2025-06"))) == "2025-06");
    CHECK(formatInterval(Interval::of(date("2025-06-17"))) == "2025-06-17");
    CHECK(formatInterval(Interval::between(date("2025-Q3"), date("2025-Q4"))) == "2025-H2");
    CHECK(formatInterval(Interval::between(date("2025-01"), date("2025-03"))) == "2025-Q1");
}

TEST_CASE("a one-month interval starting at a quarter start prints as the month",
          "[partial_date]") {
    CHECK(formatInterval({day(2024, 4, 1), day(2024, 5, 1)}) == "2024-04");
    CHECK(formatInterval({day(2024, 1, 1), day(2024, 2, 1)}) == "2024-01");
    CHECK(formatInterval({day(2024, 7, 1), day(2024, 7, 2)}) == "2024-07-01");
}

TEST_CASE("formatInterval prints ranges and open ends", "[partial_date]") {
    CHECK(formatInterval(Interval::between(date("2023"), date("2025"))) == "2023..2025");
    CHECK(formatInterval({date("2025-H2").firstDay(), kMaxDay}) == "2025-H2..");
    CHECK(formatInterval({date("2025").firstDay(), kMaxDay}) == "2025..");
    CHECK(formatInterval({kMinDay, date("2025-06").lastDay() + 1}) == "..2025-06");
    CHECK(formatInterval({kMinDay, date("2025").lastDay() + 1}) == "..2025");
    CHECK(formatInterval(Interval::always()) == "always");
    CHECK(formatInterval({day(2025, 5, 1), day(2025, 5, 1)}) == "never");
}

TEST_CASE("the end of a range is written in the terms of its start", "[partial_date]") {
    CHECK(formatInterval(Interval::between(date("2025-03"), date("2025-06"))) ==
          "2025-03..2025-06");
    CHECK(formatInterval(Interval::between(date("2025-Q4"), date("2026-Q1"))) ==
          "2025-Q4..2026-Q1");
    CHECK(formatInterval(Interval::between(date("2025-Q3"), date("2026-Q1"))) ==
          "2025-H2..2026-Q1");
    CHECK(formatInterval(Interval::between(date("2023"), date("2025-06"))) == "2023..2025-06");
    CHECK(formatInterval(Interval::between(date("2025-06-17"), date("2025-06-30"))) ==
          "2025-06-17..2025-06-30");
    CHECK(formatInterval({kMinDay, date("2025-Q3").lastDay() + 1}) == "..2025-09");
}

TEST_CASE("formatted intervals read back as the same interval", "[partial_date]") {
    // Whatever formatInterval prints must denote the same days when written in a fact.
    auto reparse = [](const std::string& text) -> Interval {
        size_t dots = text.find("..");
        if (dots == std::string::npos) return Interval::of(date(text.c_str()));
        std::string a = text.substr(0, dots), b = text.substr(dots + 2);
        if (a.empty()) return {kMinDay, date(b.c_str()).lastDay() + 1};
        if (b.empty()) return {date(a.c_str()).firstDay(), kMaxDay};
        return Interval::between(date(a.c_str()), date(b.c_str()));
    };
    const Interval cases[] = {
        {day(2025, 1, 1), day(2025, 1, 3)},  {day(2025, 1, 1), day(2025, 9, 1)},
        {day(2024, 2, 29), day(2024, 3, 1)}, {day(2023, 7, 1), day(2026, 4, 1)},
        {day(2025, 4, 1), kMaxDay},          {kMinDay, day(2025, 7, 1)},
        {day(2025, 3, 15), day(2026, 3, 15)}};
    for (const Interval& interval : cases) {
        std::string text = formatInterval(interval);
        INFO(formatDay(interval.from) << " .. " << text);
        CHECK(reparse(text) == interval);
    }
}

TEST_CASE("coarsest periods starting or ending on a day", "[partial_date]") {
    CHECK(coarsestStartingOn(day(2025, 1, 1)).toString() == "2025");
    CHECK(coarsestStartingOn(day(2025, 7, 1)).toString() == "2025-H2");
    CHECK(coarsestStartingOn(day(2025, 4, 1)).toString() == "2025-Q2");
    CHECK(coarsestStartingOn(day(2025, 5, 1)).toString() == "2025-05");
    CHECK(coarsestStartingOn(day(2025, 5, 2)).toString() == "2025-05-02");
    CHECK(coarsestEndingOn(day(2025, 12, 31)).toString() == "2025");
    CHECK(coarsestEndingOn(day(2025, 6, 30)).toString() == "2025-H1");
    CHECK(coarsestEndingOn(day(2025, 9, 30)).toString() == "2025-Q3");
    CHECK(coarsestEndingOn(day(2024, 2, 29)).toString() == "2024-02");
    CHECK(coarsestEndingOn(day(2025, 2, 28)).toString() == "2025-02");
    CHECK(coarsestEndingOn(day(2024, 2, 28)).toString() == "2024-02-28");
}
