// Questions about time and disagreement (docs/time.md): policies and the `conflict` column of
// answers over keyed relations, diffs between two dates, history, conflicts and changes.
#include "engine/answer_diff.h"
#include "engine/change_log.h"
#include "engine/claim_history.h"
#include "engine/executor.h"
#include "eval/claim_filter.h"
#include "eval/claim_keys.h"
#include "eval/expr_eval.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace chipgraph::engine {

namespace {

bool keyedBase(const bind::BoundAtom& atom, const schema::Catalog& catalog) {
    const schema::RelationInfo& relation = catalog.relation(atom.relation);
    return relation.keyed() && !relation.derived;
}

// The atoms of keyed base relations an answer row may rest on, over the query's variables:
// the query's own, and for a query with a head (bind_query_head.cpp) its rules' atoms, the
// head's variables as the answer's columns and the others matching any value.
std::vector<bind::BoundAtom> keyedAtoms(const bind::BoundQuery& query, const RuleSet& rules,
                                        const schema::Catalog& catalog) {
    std::vector<bind::BoundAtom> out;
    for (const bind::BoundAtom& atom : query.atoms) {
        if (atom.relation != bind::kQueryHeadRelation) {
            if (keyedBase(atom, catalog)) out.push_back(atom);
            continue;
        }
        for (const bind::BoundRule& rule : rules.rules) {
            if (rule.relation != bind::kQueryHeadRelation) continue;
            for (const bind::BoundAtom& premise : rule.body.atoms) {
                if (!keyedBase(premise, catalog)) continue;
                bind::BoundAtom mapped = premise;
                for (bind::BoundTerm& term : mapped.args) {
                    if (term.kind != bind::BoundTerm::Kind::Variable) continue;
                    int column = -1;
                    for (size_t i = 0; i < rule.head.size(); ++i)
                        if (!rule.head[i].aggregate &&
                            rule.head[i].term.kind == bind::BoundTerm::Kind::Variable &&
                            rule.head[i].term.variable == term.variable)
                            column = static_cast<int>(i);
                    if (column < 0)
                        term.kind = bind::BoundTerm::Kind::Wildcard;
                    else
                        term.variable = atom.args[column].variable;
                }
                out.push_back(std::move(mapped));
            }
        }
    }
    return out;
}

// The facts of `atom`'s relation that an answer row with variable values `bindings` may rest
// on: constants and variables equal, seen by the query's window and `known at`.
std::vector<const schema::Fact*> supportOf(const bind::BoundAtom& atom,
                                           const std::vector<Value>& bindings,
                                           const eval::FactBase& facts,
                                           const schema::Catalog& catalog,
                                           const bind::BoundQuery& query) {
    const schema::RelationInfo& relation = catalog.relation(atom.relation);
    const eval::RelationFacts& all = facts.relation(atom.relation);
    auto valueOf = [&](const bind::BoundTerm& t) -> const Value* {
        if (t.kind == bind::BoundTerm::Kind::Constant) return &t.value;
        if (t.kind == bind::BoundTerm::Kind::Variable) return &bindings[t.variable];
        return nullptr;
    };
    eval::ClaimFilter filter{query.window, query.knownAt};
    std::vector<const schema::Fact*> out;
    auto consider = [&](const schema::Fact& f) {
        for (size_t i = 0; i < atom.args.size(); ++i)
            if (const Value* v = valueOf(atom.args[i]); v && !(*v == f.args[i])) return;
        if (filter.check(catalog, relation, f.valid, f.source) == eval::LeftOut::None)
            out.push_back(&f);
    };
    if (const Value* first = valueOf(atom.args[0]))
        for (uint32_t index : all.lookup(0, *first))
            consider(all.facts()[index]);
    else
        for (const schema::Fact& f : all.facts())
            consider(f);
    return out;
}

const char* markText(eval::ClaimGroups::Mark mark) {
    switch (mark) {
    case eval::ClaimGroups::Mark::Conflict:
        return "yes";
    case eval::ClaimGroups::Mark::Resolved:
        return "resolved";
    case eval::ClaimGroups::Mark::Deprecated:
        return "deprecated";
    case eval::ClaimGroups::Mark::None:
        break;
    }
    return "";
}

// Adds the `conflict` column (before the detail columns): per row, the strongest mark of the
// keyed claims it may rest on (deprecated, yes, resolved; empty when none), starting from
// `derived` (the marks of the rows' derived premises, derived_marks.cpp). `used` are the
// facts the answer read (a policy's), `all` the engine's.
void markConflicts(const bind::BoundQuery& query, const std::vector<bind::BoundAtom>& atoms,
                   eval::QueryAnswers& answers, const eval::FactBase& used,
                   const eval::FactBase& all, const schema::Catalog& catalog,
                   const std::vector<eval::ClaimGroups::Mark>& derived) {
    std::vector<std::pair<const bind::BoundAtom*, eval::ClaimGroups>> keyed;
    for (const bind::BoundAtom& atom : atoms) {
        const schema::RelationInfo& relation = catalog.relation(atom.relation);
        keyed.emplace_back(&atom, eval::ClaimGroups(catalog, relation, all.relation(atom.relation),
                                                    query.knownAt, query.policy));
    }
    Table& table = answers.table;
    size_t at = table.columns.size() - table.detailColumns;
    table.columns.insert(table.columns.begin() + at, "conflict");
    for (size_t r = 0; r < table.rows.size(); ++r) {
        auto strongest = derived[r];
        for (const auto& [atom, groups] : keyed)
            for (const schema::Fact* f :
                 supportOf(*atom, answers.bindings[r], used, catalog, query))
                strongest = std::max(strongest, groups.mark(*f), [](auto a, auto b) {
                    auto weight = [](eval::ClaimGroups::Mark m) {
                        return m == eval::ClaimGroups::Mark::Deprecated ? 3
                               : m == eval::ClaimGroups::Mark::Conflict ? 2
                               : m == eval::ClaimGroups::Mark::Resolved ? 1
                                                                        : 0;
                    };
                    return weight(a) < weight(b);
                });
        std::string text = markText(strongest);
        table.rows[r].insert(table.rows[r].begin() + at,
                             text.empty() ? Cell::null() : Cell::ofText(text));
    }
}

// The question as asked at one of a diff's dates.
bind::BoundQuery atDate(const bind::BoundQuery& query, const PartialDate& date) {
    bind::BoundQuery at = query;
    at.diff.reset();
    at.limit.reset();
    if (query.diff->knownAt)
        at.knownAt = date.lastDay();
    else
        at.window = Interval::of(date);
    return at;
}

} // namespace

Result<Table> Executor::policyAnswer(const bind::BoundQuery& query, const eval::FactBase& facts,
                                     const Context* context, std::string* plan) {
    const schema::Catalog& catalog = context ? context->catalog : catalog_;
    std::optional<eval::FactBase> chosen;
    if (query.policy.any())
        chosen.emplace(eval::applyPolicy(facts, catalog, query.policy, query.knownAt));
    const eval::FactBase& used = chosen ? *chosen : facts;
    std::vector<bind::BoundAtom> keyed =
        keyedAtoms(query, context ? context->rules : rules_, catalog);
    Result<eval::QueryAnswers> answers = answer(query, used, !keyed.empty(), plan, context);
    if (!answers) return answers.status();
    Result<std::optional<std::vector<eval::ClaimGroups::Mark>>> derived =
        derivedMarks(query, answers.value().table, used, facts, context);
    if (!derived) return derived.status();
    if (!keyed.empty() || derived.value())
        markConflicts(query, keyed, answers.value(), used, facts, catalog,
                      derived.value().value_or(std::vector<eval::ClaimGroups::Mark>(
                          answers.value().table.rows.size(), eval::ClaimGroups::Mark::None)));
    return std::move(answers.value().table);
}

Result<Table> Executor::diffAnswer(const bind::BoundQuery& query, const eval::FactBase& facts,
                                   const Context* context) {
    Result<Table> before = answerTable(atDate(query, query.diff->from), facts, context);
    if (!before) return before.status();
    Result<Table> after = answerTable(atDate(query, query.diff->to), facts, context);
    if (!after) return after.status();
    Table diff = diffAnswers(before.value(), after.value(), query.variables.size());
    // Notes that differ between the dates say which date they are about.
    if (before.value().notes != after.value().notes) {
        diff.notes.clear();
        const char* axis = query.diff->knownAt ? "known at " : "as of ";
        std::pair<const PartialDate*, const Table*> sides[] = {{&query.diff->from, &before.value()},
                                                               {&query.diff->to, &after.value()}};
        for (const auto& [date, table] : sides)
            for (const std::string& n : table->notes)
                diff.notes.push_back(axis + date->toString() + ": " + n);
    }
    if (query.limit && diff.rows.size() > static_cast<size_t>(*query.limit))
        diff.rows.resize(static_cast<size_t>(*query.limit));
    return diff;
}

Status Executor::listClaims(const bind::ListClaims& request) {
    const bind::BoundQuery& query = request.query;
    const schema::RelationInfo& relation = catalog_.relation(query.atoms[0].relation);
    // `recorded at`: the claims (and rules) as the database stood then.
    RecordedState state;
    if (query.recordedAt)
        if (Status s = loadRecordedState(store_, catalog_, rules_, *query.recordedAt, state); !s)
            return s;
    const eval::FactBase& facts = query.recordedAt ? state.facts : facts_;
    TableAnswer result;
    if (!request.history) {
        result.table = claimConflicts(query, facts, catalog_);
    } else if (!relation.derived) {
        Result<std::vector<schema::Fact>> retracted =
            retractedClaims(store_, catalog_, relation.id, query.recordedAt);
        if (!retracted) return retracted.status();
        result.table = claimHistory(query, facts, retracted.value(), catalog_);
    } else {
        Context recorded{catalog_, state.rules, true};
        Result<Table> table = derivedHistory(query, facts, query.recordedAt ? &recorded : nullptr);
        if (!table) return table.status();
        result.table = std::move(table.value());
    }
    outcome_.results.push_back({"", std::move(result)});
    return Status::ok();
}

// The history of a derived fact is the history of its support: the answer as known at each
// report date, and what each date changed (new rows, new sources, another validity or status).
Result<Table> Executor::derivedHistory(const bind::BoundQuery& query, const eval::FactBase& facts,
                                       const Context* context) {
    std::set<DayNumber> days;
    for (const schema::SourceInfo* s : catalog_.sources())
        if (s->published && (!query.knownAt || s->published->lastDay() <= *query.knownAt))
            days.insert(s->published->lastDay());
    size_t width = query.variables.size();
    Table previous, out;
    for (DayNumber day : days) {
        bind::BoundQuery at = query;
        at.knownAt = day;
        Result<eval::QueryAnswers> answers = answer(at, facts, false, nullptr, context);
        if (!answers) return answers.status();
        Table& now = answers.value().table;
        Table diff = diffAnswers(previous, now, width);
        if (out.columns.empty()) {
            out.columns = diff.columns;
            out.columns.push_back("known");
        }
        for (std::vector<Cell>& row : diff.rows) {
            Cell& change = row[row.size() - 2];
            const std::string& was = row.back().text;
            bool revised =
                was.find("valid:") != std::string::npos || was.find("status:") != std::string::npos;
            change = Cell::ofText(change.text == "added"     ? "new"
                                  : change.text == "removed" ? "retracted"
                                  : revised                  ? "revises"
                                                             : "confirms");
            row.push_back(Cell::ofText(formatDay(day)));
            out.rows.push_back(std::move(row));
        }
        out.notes = now.notes;
        previous = std::move(now);
    }
    if (out.columns.empty()) {
        for (const bind::Variable& v : query.variables)
            out.columns.push_back(v.name);
        for (const std::string& c : bind::kProvenanceColumns)
            out.columns.push_back(c);
        for (const char* c : {"change", "was", "known"})
            out.columns.push_back(c);
    }
    return out;
}

namespace {

size_t columnIndex(const Table& table, const std::string& name) {
    return std::find(table.columns.begin(), table.columns.end(), name) - table.columns.begin();
}

// `designs(Alchip, "TPU v7")`: a changed fact as the language writes it.
std::string factText(const std::string& relation, const std::vector<Cell>& row, size_t width) {
    std::string out = relation + "(";
    for (size_t i = 0; i < width; ++i) {
        const std::string& t = row[i].text;
        bool bare =
            row[i].kind == Cell::Kind::Number || std::all_of(t.begin(), t.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
                       static_cast<unsigned char>(c) >= 0x80;
            });
        out += (i ? ", " : "") + (bare && !t.empty() ? t : "\"" + t + "\"");
    }
    return out + ")";
}

// `? relation(C1, ..., Cn)`: every fact of a relation, its columns as variables.
bind::BoundQuery everyFact(const schema::RelationInfo& relation) {
    bind::BoundQuery query;
    bind::BoundAtom atom;
    atom.relation = relation.id;
    for (size_t i = 0; i < relation.columns.size(); ++i) {
        const schema::Column& c = relation.columns[i];
        query.variables.push_back({c.name, c.kind, kNoId, c.type});
        bind::BoundTerm term;
        term.kind = bind::BoundTerm::Kind::Variable;
        term.variable = static_cast<int>(i);
        atom.args.push_back(term);
    }
    query.atoms.push_back(std::move(atom));
    return query;
}

} // namespace

Status Executor::listChanges(const bind::ListChanges& request) {
    std::vector<const schema::RelationInfo*> relations;
    for (const schema::RelationInfo* r : catalog_.relations())
        if (request.relation == r->id || (request.relation == kNoId && !r->derived))
            relations.push_back(r);
    std::sort(relations.begin(), relations.end(),
              [](auto* a, auto* b) { return a->name < b->name; });
    std::string entity = request.entity == kNoId ? "" : catalog_.entity(request.entity).name;
    TableAnswer result;
    Table& table = result.table;
    table.columns = {"relation", "fact"};
    for (const char* c : {"valid", "status", "source", "reported", "change", "was"})
        table.columns.push_back(c);
    for (const schema::RelationInfo* relation : relations) {
        if (!relation->derived && facts_.size(relation->id) == 0) continue;
        bind::BoundQuery query = everyFact(*relation);
        query.diff = request.dates;
        Result<Table> diff = diffAnswer(query, facts_, nullptr);
        if (!diff) return diff.status();
        size_t width = relation->columns.size();
        for (std::vector<Cell>& row : diff.value().rows) {
            if (!entity.empty() && std::none_of(row.begin(), row.begin() + width,
                                                [&](const Cell& c) { return c.text == entity; }))
                continue;
            std::vector<Cell> out{Cell::ofText(relation->name),
                                  Cell::ofText(factText(relation->name, row, width))};
            for (size_t c = 2; c < table.columns.size(); ++c)
                out.push_back(row[columnIndex(diff.value(), table.columns[c])]);
            table.rows.push_back(std::move(out));
        }
        for (const std::string& n : diff.value().notes)
            table.notes.push_back(relation->name + ": " + n);
    }
    outcome_.results.push_back({"", std::move(result)});
    return Status::ok();
}

Status Executor::judge(const bind::DeclareJudgement& judgement) {
    return store_.saveJudgement(judgement.judgement);
}

} // namespace chipgraph::engine
