#pragma once
// A stored fact: a relation's arguments, its qualifier values, when it is valid, which source
// reported it and with what status. Facts with the same key are the same fact (loading a file
// twice adds nothing).
#include "common/partial_date.h"
#include "common/value.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::schema {

// Ordered from strongest to weakest: a derivation is as strong as its weakest premise.
enum class FactStatus { Actual, Reported, Expected, Forecast, Rumored, View };

const char* statusName(FactStatus status);
std::optional<FactStatus> parseStatus(std::string_view word);
std::vector<std::string> statusNames();
inline FactStatus weakest(FactStatus a, FactStatus b) {
    return a > b ? a : b;
}

// Where a derived fact comes from: every source behind its derivations, and when it was first
// known (the earliest derivation's latest report date; none when no source has a date).
struct Provenance {
    std::vector<SourceId> sources;
    std::optional<PartialDate> reported;
};

struct Fact {
    RelationId relation = kNoId;
    std::vector<Value> args;
    std::vector<std::optional<Value>> qualifiers; // by the relation's qualifier column index
    Interval valid;
    SourceId source = kNoId;
    FactStatus status = FactStatus::Actual;
    // Set for facts derived by rules (their `source` is kNoId); not part of the key.
    std::shared_ptr<const Provenance> derived;

    // Identity of the fact: relation, arguments, qualifiers, validity, source and status.
    std::string key() const;
};

} // namespace chipgraph::schema
