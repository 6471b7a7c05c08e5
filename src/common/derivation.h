#pragma once
// A derivation tree, ready for display: why a fact holds. A node is a fact (base or derived);
// a derived fact's children are its derivations, each naming the rule and its premises.
#include <string>
#include <vector>

namespace chipgraph {

struct DerivationSource {
    std::string name;      // the source's name
    std::string published; // its publication date, or ""
    // Under `known at`, the day a claim it reported is first known: the end of its report
    // period; "" otherwise, or when that is the publication day itself.
    std::string knownFrom;
};

struct DerivationNode;

struct DerivationStep {
    std::string rule;                     // the rule's text
    std::vector<DerivationNode> premises; // in body order; `not` atoms as absent facts
};

struct DerivationNode {
    std::string fact;  // e.g. designs(Broadcom, "MTIA v2")
    std::string valid; // e.g. 2025.., always
    std::string status;
    bool derived = false;
    bool negated = false;                  // a `not` premise: the fact does not hold then
    std::vector<DerivationSource> sources; // base facts: who said it
    std::vector<DerivationStep> derivations;
    size_t moreDerivations = 0; // derivations not shown (over the limit)
    bool cycle = false;         // already explained further up this branch
};

} // namespace chipgraph
