#pragma once
// Names over time (docs/time.md, "Names over time"): when a name names its entity (valid
// time) and from when it is known (report time: the end of its source's report period).
#include "schema/catalog.h"

#include <optional>
#include <string>

namespace chipgraph::schema {

// The first day a name is known: kMinDay for a name without a source, the last day of its
// source's publication period otherwise; nullopt when that source has no publication date
// (like an undated claim, such a name is known at no `known at` date).
std::optional<DayNumber> nameKnownFrom(const Catalog& catalog, const NameTerms& terms);

// True when the name is known at `day`.
bool nameKnownAt(const Catalog& catalog, const NameTerms& terms, DayNumber day);

// The name answers known at `day` show for `entity`: its name when known then; otherwise the
// alias with a source of its own reported last by then (the name the sources of that time
// used; the first declared of those reported the same day); otherwise its name.
const std::string& nameShownAt(const Catalog& catalog, const EntityInfo& entity, DayNumber day);

// Which name of `entity` `written` is (case-insensitive): kEntityName for its name, an alias's
// index, or kNotAName.
constexpr int kEntityName = -1, kNotAName = -2;
int nameIndex(const EntityInfo& entity, std::string_view written);

// A name of `entity` as written (its name or one of its aliases, case-insensitive) with its
// dates; nullptr when `written` is neither.
const NameTerms* termsOfName(const EntityInfo& entity, std::string_view written);

// The name of `entity` that names it throughout `window`: its name when so, else the first
// alias that does; nullptr when none does.
const std::string* nameValidThroughout(const EntityInfo& entity, const Interval& window);

} // namespace chipgraph::schema
