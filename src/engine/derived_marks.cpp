// The `conflict` column's marks for rows of derived relations (docs/time.md, "Keys, conflicts
// and policies"). A derived row's support is a tree of claims, possibly several trees; rather
// than walk them, ask the question again without the marked claims of the keyed relations
// upstream: a row that is then missing, or differs (value, validity, status, sources), rests
// on those claims.
#include "engine/executor.h"
#include "eval/claim_keys.h"

#include <set>
#include <string>

namespace chipgraph::engine {

namespace {

using Mark = eval::ClaimGroups::Mark;

// The keyed base relations that the query's derived atoms (and its own head's rules) read,
// directly or through other rules.
std::set<RelationId> keyedUpstream(const bind::BoundQuery& query, const RuleSet& rules,
                                   const schema::Catalog& catalog) {
    auto derived = [&](RelationId r) {
        return r == bind::kQueryHeadRelation || catalog.relation(r).derived;
    };
    std::set<RelationId> seen, keyed;
    std::vector<RelationId> todo;
    for (const auto* atoms : {&query.atoms, &query.negations})
        for (const bind::BoundAtom& atom : *atoms)
            if (derived(atom.relation) && seen.insert(atom.relation).second)
                todo.push_back(atom.relation);
    while (!todo.empty()) {
        RelationId relation = todo.back();
        todo.pop_back();
        for (const bind::BoundRule& rule : rules.rules) {
            if (rule.relation != relation) continue;
            for (const auto* atoms : {&rule.body.atoms, &rule.body.negations})
                for (const bind::BoundAtom& premise : *atoms) {
                    RelationId r = premise.relation;
                    if (!derived(r) && catalog.relation(r).keyed()) keyed.insert(r);
                    if (derived(r) && seen.insert(r).second) todo.push_back(r);
                }
        }
    }
    return keyed;
}

std::string rowText(const std::vector<Cell>& row, size_t width) {
    std::string out;
    for (size_t i = 0; i < width; ++i)
        out += row[i].text + '\x1f';
    return out;
}

} // namespace

Result<std::optional<std::vector<Mark>>> Executor::derivedMarks(const bind::BoundQuery& query,
                                                                const Table& table,
                                                                const eval::FactBase& used,
                                                                const eval::FactBase& all,
                                                                const Context* context) {
    const schema::Catalog& catalog = context ? context->catalog : catalog_;
    std::set<RelationId> upstream =
        keyedUpstream(query, context ? context->rules : rules_, catalog);
    if (upstream.empty()) return std::optional<std::vector<Mark>>();
    std::vector<Mark> marks(table.rows.size(), Mark::None);
    if (table.rows.empty()) return std::optional(std::move(marks));
    std::vector<std::pair<RelationId, eval::ClaimGroups>> groups;
    for (RelationId r : upstream)
        groups.emplace_back(r, eval::ClaimGroups(catalog, catalog.relation(r), all.relation(r),
                                                 query.knownAt, query.policy));
    bind::BoundQuery unlimited = query; // rows compare as sets: every row, in any order
    unlimited.limit.reset();
    size_t width = table.columns.size() - table.detailColumns;
    // Strongest first, so that a row keeps the strongest mark whose claims it rests on.
    for (Mark kind : {Mark::Deprecated, Mark::Conflict, Mark::Resolved}) {
        std::vector<std::pair<RelationId, std::vector<schema::Fact>>> kept;
        for (const auto& [relation, claims] : groups) {
            std::vector<schema::Fact> left;
            for (const schema::Fact& f : used.relation(relation).facts())
                if (claims.mark(f) != kind) left.push_back(f);
            if (left.size() < used.relation(relation).size())
                kept.emplace_back(relation, std::move(left));
        }
        if (kept.empty()) continue; // no claim of this mark: no row rests on one
        eval::FactBase without = used;
        for (const auto& [relation, left] : kept)
            without.replace(relation, left);
        Result<eval::QueryAnswers> rest = answer(unlimited, without, false, nullptr, context);
        if (!rest) return rest.status();
        std::set<std::string> remaining;
        for (const std::vector<Cell>& row : rest.value().table.rows)
            remaining.insert(rowText(row, width));
        for (size_t r = 0; r < table.rows.size(); ++r)
            if (marks[r] == Mark::None && !remaining.count(rowText(table.rows[r], width)))
                marks[r] = kind;
    }
    return std::optional(std::move(marks));
}

} // namespace chipgraph::engine
