#pragma once
// Claims of a keyed relation grouped by key, and the policies that choose among them
// (docs/time.md, "Keys, conflicts and policies"): a relation declared with `key (...)` names
// one claim by those columns and the claim's validity; claims of one key with other values in
// the remaining columns disagree. A claim missing a key qualifier belongs to no key.
#include "bind/bound.h"
#include "eval/fact_base.h"
#include "schema/catalog.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace chipgraph::eval {

// The key of a claim (its key columns' values and its validity); nullopt when the relation
// has no key or the claim lacks a key qualifier.
std::optional<std::string> claimKey(const schema::RelationInfo& relation, const schema::Fact& fact);
// The claim's value: its columns outside the key.
std::string claimValue(const schema::RelationInfo& relation, const schema::Fact& fact);
// The day the claim became known (the last day of its source's report period); nullopt
// without a report date.
std::optional<DayNumber> knownFrom(const schema::Catalog& catalog, const schema::Fact& fact);
// The judgement deprecating the claim, or null.
const schema::Judgement* deprecation(const schema::Catalog& catalog, const schema::Fact& fact);

// A keyed relation's claims known at `knownAt` (all, when none), grouped by key, each group
// knowing whether its claims disagree and which of them `policy` keeps.
class ClaimGroups {
public:
    ClaimGroups(const schema::Catalog& catalog, const schema::RelationInfo& relation,
                const RelationFacts& facts, std::optional<DayNumber> knownAt,
                const bind::Policy& policy);

    enum class Mark { None, Conflict, Resolved, Deprecated };
    // How a claim stands: its key's claims disagree (and the policy kept several values), a
    // policy chose among them, or it is deprecated; None otherwise (or when not known).
    Mark mark(const schema::Fact& fact) const;
    // Whether the policy keeps the claim (true for claims outside every key).
    bool kept(const schema::Fact& fact) const;
    // The groups whose claims disagree, each in report order (oldest first).
    std::vector<std::vector<const schema::Fact*>> conflicts() const;

private:
    struct Group {
        std::vector<const schema::Fact*> claims;
        std::vector<bool> kept;
        bool disagree = false;     // among all the claims
        bool keptDisagree = false; // among the claims kept
    };
    const Group* groupOf(const schema::Fact& fact, size_t& index) const;

    const schema::Catalog& catalog_;
    const schema::RelationInfo& relation_;
    std::unordered_map<std::string, Group> groups_;
};

// The facts a question under `policy` reads: for every keyed base relation, the claims known
// at `knownAt` that the policy keeps (claims not yet known stay: `known at` leaves them out);
// other relations unchanged. Built only when the policy is not `all`.
FactBase applyPolicy(const FactBase& facts, const schema::Catalog& catalog,
                     const bind::Policy& policy, std::optional<DayNumber> knownAt);

} // namespace chipgraph::eval
