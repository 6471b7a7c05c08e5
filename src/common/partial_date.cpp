#include "common/partial_date.h"

#include <cctype>
#include <cstdio>
#include <optional>

namespace chipgraph {

// Howard Hinnant's days_from_civil / civil_from_days.
DayNumber daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

void civilFromDays(DayNumber z, int& year, int& month, int& day) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    year = static_cast<int>(yoe) + era * 400 + (month <= 2);
}

bool isLeapYear(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int year, int month) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

namespace {

// A tiny cursor over the date text; the lexer already guarantees the overall shape.
struct Cursor {
    std::string_view s;
    size_t i = 0;
    bool digits(int n, int& out) {
        if (i + n > s.size()) return false;
        out = 0;
        for (int k = 0; k < n; ++k) {
            char c = s[i + k];
            if (!std::isdigit(static_cast<unsigned char>(c))) return false;
            out = out * 10 + (c - '0');
        }
        i += n;
        return true;
    }
    bool eat(char c) {
        if (i < s.size() && std::toupper(static_cast<unsigned char>(s[i])) == c) {
            ++i;
            return true;
        }
        return false;
    }
    bool done() const { return i == s.size(); }
};

const char* kFormats = "expected a date like 2026, 2H2026, 2026-H2, 2025Q3, 2025-Q3, 2025-06 "
                       "or 2025-06-17";

} // namespace

Result<PartialDate> PartialDate::parse(std::string_view text) {
    Cursor c{text};
    PartialDate d;
    int half = 0;
    if (text.size() == 6 && (text[1] == 'H' || text[1] == 'h')) { // 2H2026
        if (!c.digits(1, half) || !c.eat('H') || !c.digits(4, d.year) || !c.done())
            return Status::error(std::string("malformed date '") + std::string(text) + "'; " +
                                 kFormats);
        if (half < 1 || half > 2)
            return Status::error("half " + std::to_string(half) + " is out of range (1-2)");
        d.precision = DatePrecision::Half;
        d.part = half;
        return d;
    }
    if (!c.digits(4, d.year))
        return Status::error("malformed date '" + std::string(text) + "'; " + kFormats);
    if (c.done()) return d;
    bool dash = c.eat('-');
    if (c.eat('H') || c.eat('Q')) {
        bool isHalf = std::toupper(static_cast<unsigned char>(text[c.i - 1])) == 'H';
        int part = 0;
        if (!c.digits(1, part) || !c.done())
            return Status::error("malformed date '" + std::string(text) + "'; " + kFormats);
        int limit = isHalf ? 2 : 4;
        if (part < 1 || part > limit)
            return Status::error(std::string(isHalf ? "half " : "quarter ") + std::to_string(part) +
                                 " is out of range (1-" + std::to_string(limit) + ")");
        d.precision = isHalf ? DatePrecision::Half : DatePrecision::Quarter;
        d.part = part;
        return d;
    }
    // A month needs its dash: 202506 is a number, not June 2025.
    if (!dash || !c.digits(2, d.part))
        return Status::error("malformed date '" + std::string(text) + "'; " + kFormats);
    if (d.part < 1 || d.part > 12)
        return Status::error("month " + std::to_string(d.part) + " is out of range (1-12)");
    d.precision = DatePrecision::Month;
    if (c.done()) return d;
    if (!c.eat('-') || !c.digits(2, d.day) || !c.done())
        return Status::error("malformed date '" + std::string(text) + "'; " + kFormats);
    int limit = daysInMonth(d.year, d.part);
    if (d.day < 1 || d.day > limit)
        return Status::error("day " + std::to_string(d.day) + " is out of range for " +
                             d.toString().substr(0, 7) + " (1-" + std::to_string(limit) + ")");
    d.precision = DatePrecision::Day;
    return d;
}

DayNumber PartialDate::firstDay() const {
    switch (precision) {
    case DatePrecision::Year:
        return daysFromCivil(year, 1, 1);
    case DatePrecision::Half:
        return daysFromCivil(year, part == 1 ? 1 : 7, 1);
    case DatePrecision::Quarter:
        return daysFromCivil(year, (part - 1) * 3 + 1, 1);
    case DatePrecision::Month:
        return daysFromCivil(year, part, 1);
    case DatePrecision::Day:
        return daysFromCivil(year, part, day);
    }
    return 0;
}

DayNumber PartialDate::lastDay() const {
    switch (precision) {
    case DatePrecision::Year:
        return daysFromCivil(year, 12, 31);
    case DatePrecision::Half:
        return part == 1 ? daysFromCivil(year, 6, 30) : daysFromCivil(year, 12, 31);
    case DatePrecision::Quarter: {
        int lastMonth = part * 3;
        return daysFromCivil(year, lastMonth, daysInMonth(year, lastMonth));
    }
    case DatePrecision::Month:
        return daysFromCivil(year, part, daysInMonth(year, part));
    case DatePrecision::Day:
        return firstDay();
    }
    return 0;
}

std::string PartialDate::toString() const {
    char buf[32];
    switch (precision) {
    case DatePrecision::Year:
        std::snprintf(buf, sizeof buf, "%04d", year);
        break;
    case DatePrecision::Half:
        std::snprintf(buf, sizeof buf, "%04d-H%d", year, part);
        break;
    case DatePrecision::Quarter:
        std::snprintf(buf, sizeof buf, "%04d-Q%d", year, part);
        break;
    case DatePrecision::Month:
        std::snprintf(buf, sizeof buf, "%04d-%02d", year, part);
        break;
    case DatePrecision::Day:
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, part, day);
        break;
    }
    return buf;
}

std::string formatDay(DayNumber day) {
    int y, m, d;
    civilFromDays(day, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

// The coarsest period starting (or ending) exactly on `day` among the precisions `allowed`
// accepts; a day always fits.
template <typename Allowed>
static PartialDate coarsest(DayNumber day, bool atStart, Allowed allowed) {
    int y, m, d;
    civilFromDays(day, y, m, d);
    PartialDate p;
    p.year = y;
    const DatePrecision order[] = {DatePrecision::Year, DatePrecision::Half, DatePrecision::Quarter,
                                   DatePrecision::Month};
    for (DatePrecision precision : order) {
        if (!allowed(precision)) continue;
        p.precision = precision;
        p.part = precision == DatePrecision::Year      ? 0
                 : precision == DatePrecision::Half    ? (m <= 6 ? 1 : 2)
                 : precision == DatePrecision::Quarter ? (m - 1) / 3 + 1
                                                       : m;
        if ((atStart ? p.firstDay() : p.lastDay()) == day) return p;
    }
    return PartialDate{DatePrecision::Day, y, m, d};
}

static bool anyPrecision(DatePrecision) {
    return true;
}

PartialDate coarsestStartingOn(DayNumber day) {
    return coarsest(day, true, anyPrecision);
}
PartialDate coarsestEndingOn(DayNumber day) {
    return coarsest(day, false, anyPrecision);
}

// The end of a range reads in the terms of its start: never coarser than the start, and a half
// or quarter only after a half or quarter ("2025-03..2025-06" and "..2025-06", not "..2025-H1").
// An open start counts as a year.
static PartialDate rangeEndOn(DayNumber day, DatePrecision start) {
    bool periods = start == DatePrecision::Half || start == DatePrecision::Quarter;
    return coarsest(day, false, [&](DatePrecision p) {
        if (p < start) return false;
        return periods || (p != DatePrecision::Half && p != DatePrecision::Quarter);
    });
}

// The single period [from, to) names exactly, if any.
static std::optional<PartialDate> singlePeriod(const Interval& interval) {
    PartialDate p = coarsestStartingOn(interval.from);
    for (;;) {
        if (p.lastDay() + 1 == interval.to) return p;
        // A period ending before `to` cannot be refined into a match; a longer one can.
        if (p.lastDay() + 1 < interval.to || p.precision == DatePrecision::Day) return std::nullopt;
        // Try the next finer period starting on the same day.
        int y, m, d;
        civilFromDays(interval.from, y, m, d);
        switch (p.precision) {
        case DatePrecision::Year:
            p = {DatePrecision::Half, y, m <= 6 ? 1 : 2, 0};
            break;
        case DatePrecision::Half:
            p = {DatePrecision::Quarter, y, (m - 1) / 3 + 1, 0};
            break;
        case DatePrecision::Quarter:
            p = {DatePrecision::Month, y, m, 0};
            break;
        default:
            p = {DatePrecision::Day, y, m, d};
            break;
        }
        if (p.firstDay() != interval.from) return std::nullopt;
    }
}

std::string formatInterval(const Interval& interval) {
    if (interval.isAlways()) return "always";
    if (interval.empty()) return "never";
    if (interval.from != kMinDay && interval.to != kMaxDay)
        if (auto period = singlePeriod(interval)) return period->toString();
    std::string from, to;
    DatePrecision start = DatePrecision::Year;
    if (interval.from != kMinDay) {
        PartialDate first = coarsestStartingOn(interval.from);
        from = first.toString();
        start = first.precision;
    }
    if (interval.to != kMaxDay) to = rangeEndOn(interval.to - 1, start).toString();
    return from + ".." + to;
}

std::string validityClause(const Interval& valid) {
    if (valid.isAlways()) return "";
    std::string period = formatInterval(valid);
    size_t range = period.find("..");
    if (range == std::string::npos) return " in " + period;
    if (valid.from == kMinDay) return " until " + period.substr(range + 2);
    if (valid.to == kMaxDay) return " from " + period.substr(0, range);
    return " during " + period;
}

} // namespace chipgraph
