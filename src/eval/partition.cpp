#include "eval/partition.h"

#include <algorithm>

namespace chipgraph::eval {

using bind::BoundTerm;

// Whether `rule` copies column `c` of `premise` into its head unchanged.
static bool keepsColumn(const bind::BoundRule& rule, const bind::BoundAtom& premise, size_t c) {
    const BoundTerm& head = rule.head[c].term;
    const BoundTerm& from = premise.args[c];
    return head.kind == BoundTerm::Kind::Variable && from.kind == BoundTerm::Kind::Variable &&
           head.variable == from.variable;
}

int passThroughColumn(const std::vector<bind::BoundRule>& rules, const bind::Stratum& stratum) {
    if (!stratum.recursive || stratum.relations.size() != 1) return -1;
    RelationId relation = stratum.relations.front();
    std::vector<bool> kept; // by column, over the recursive rules seen so far
    for (size_t index : stratum.rules) {
        const bind::BoundRule& rule = rules[index];
        if (rule.hasAggregate()) return -1;
        const bind::BoundAtom* premise = nullptr;
        for (const bind::BoundAtom& atom : rule.body.atoms) {
            if (atom.relation != relation) continue;
            if (premise) return -1; // not linear
            premise = &atom;
        }
        for (const bind::BoundAtom& atom : rule.body.negations)
            if (atom.relation == relation) return -1;
        if (!premise) continue; // an exit rule: any column is fine
        if (kept.empty()) kept.assign(rule.head.size(), true);
        for (size_t c = 0; c < kept.size(); ++c)
            kept[c] = kept[c] && c < premise->args.size() && keepsColumn(rule, *premise, c);
    }
    auto column = std::find(kept.begin(), kept.end(), true);
    return column == kept.end() ? -1 : static_cast<int>(column - kept.begin());
}

RowGroups groupRows(const TupleTable& table, int column) {
    // (value, row) packed in one word: one sort, no comparator indirection.
    std::vector<uint64_t> keyed(table.size());
    for (RowId r = 0; r < table.size(); ++r)
        keyed[r] = static_cast<uint64_t>(table.row(r)[column]) << 32 | r;
    std::sort(keyed.begin(), keyed.end());
    RowGroups groups;
    groups.rows.reserve(keyed.size());
    for (size_t i = 0; i < keyed.size(); ++i) {
        if (i == 0 || keyed[i] >> 32 != keyed[i - 1] >> 32) groups.starts.push_back(i);
        groups.rows.push_back(static_cast<RowId>(keyed[i]));
    }
    return groups;
}

} // namespace chipgraph::eval
