#include "eval/why.h"

#include "common/text.h"
#include "eval/body_join.h"
#include "eval/claim_filter.h"
#include "eval/expr_eval.h"
#include "plan/plan.h"

#include <set>

namespace chipgraph::eval {
namespace {

using RowKey = std::pair<RelationId, RowId>;

class WhyBuilder {
public:
    WhyBuilder(RuleEngine& engine, const schema::Catalog& catalog, const WhyOptions& options)
        : engine_(engine), catalog_(catalog), options_(options) {}

    DerivationNode describe(RelationId relation, RowId row, std::set<RowKey>& path) {
        const TupleTable& table = engine_.table(relation);
        DerivationNode node;
        node.fact = factText(relation, table.row(row));
        node.status = schema::statusName(table.status(row));
        node.valid =
            validText(table.validity(row), isTimeless(relation, catalog_, engine_.rules()));
        if (const RowProvenance* p = table.provenance(row);
            p && !catalog_.relation(relation).derived)
            for (SourceId s : p->sources) {
                const schema::SourceInfo& source = catalog_.source(s);
                DerivationSource shown{source.name, "", ""};
                if (source.published) {
                    shown.published = source.published->toString();
                    if (options_.showKnownFrom && source.published->precision != DatePrecision::Day)
                        shown.knownFrom = formatDay(source.published->lastDay());
                }
                node.sources.push_back(std::move(shown));
            }
        if (!catalog_.relation(relation).derived) return node;
        node.derived = true;
        if (path.count({relation, row}) || path.size() >= options_.maxDepth) {
            node.cycle = true;
            return node;
        }
        path.insert({relation, row});
        for (const bind::BoundRule& rule : engine_.rules())
            if (rule.relation == relation) explainByRule(rule, row, node, path);
        path.erase({relation, row});
        return node;
    }

    std::string factText(RelationId relation, const ValueId* cells) const {
        const schema::RelationInfo& info = catalog_.relation(relation);
        std::string out = info.name + "(";
        for (size_t i = 0; i < info.columns.size(); ++i)
            out += (i ? ", " : "") + valueText(cells[i]);
        return out + ")";
    }

private:
    std::string valueText(ValueId id) const {
        const Value& v = engine_.interner().value(id);
        if (v.isText()) return text::quoteString(v.textValue());
        return v.isEntity() ? text::quoteNameIfNeeded(displayValue(v, catalog_))
                            : displayValue(v, catalog_);
    }

    static std::string validText(const IntervalSet& days, bool timeless) {
        std::string out;
        for (const Interval& part : days.parts())
            out += (out.empty() ? "" : ", ") + validityText(part, timeless);
        return out.empty() ? "never" : out;
    }

    struct Found {
        std::vector<ValueId> binding;
        std::vector<RowId> rows;
    };

    // The rule's derivations of this row: the body joined with the head's values preset.
    void explainByRule(const bind::BoundRule& rule, RowId row, DerivationNode& node,
                       std::set<RowKey>& path) {
        const TupleTable& table = engine_.table(rule.relation);
        std::vector<ValueId> cells(table.row(row), table.row(row) + table.width());
        schema::FactStatus status = table.status(row);
        IntervalSet days = table.validity(row);
        plan::PlanOptions options;
        options.boundBefore.assign(rule.body.variables.size(), false);
        std::vector<std::pair<int, ValueId>> presets;
        for (size_t i = 0; i < rule.head.size(); ++i) {
            const bind::HeadArg& arg = rule.head[i];
            if (arg.aggregate) continue; // aggregates: show the members, whatever their value
            if (arg.term.kind == bind::BoundTerm::Kind::Constant) {
                if (engine_.interner().find(arg.term.value) != cells[i]) return;
                continue;
            }
            options.boundBefore[arg.term.variable] = true;
            presets.push_back({arg.term.variable, cells[i]});
        }
        auto cardinality = [&](RelationId r) { return engine_.table(r).size(); };
        plan::QueryPlan plan = plan::planQuery(rule.body, cardinality, options);
        BodyJoin join(engine_, rule.body, plan);
        for (const auto& [variable, value] : presets)
            join.preset(variable, value);
        std::vector<Found> found;
        std::set<std::vector<RowId>> seen;
        join.run(nullptr, [&](const Derivation& d) {
            if (d.status != status && !rule.hasAggregate()) return;
            if (!days.overlaps(d.valid) || !seen.insert(d.rows).second) return;
            found.push_back({d.binding, d.rows});
        });
        for (const Found& f : found) {
            if (node.derivations.size() >= options_.maxDerivations) {
                ++node.moreDerivations;
                continue;
            }
            DerivationStep step;
            step.rule = rule.text;
            for (size_t a = 0; a < rule.body.atoms.size(); ++a)
                step.premises.push_back(describe(rule.body.atoms[a].relation, f.rows[a], path));
            for (const bind::BoundAtom& negated : rule.body.negations) {
                DerivationNode absent;
                absent.negated = true;
                const schema::RelationInfo& info = catalog_.relation(negated.relation);
                absent.fact = "not " + info.name + "(";
                for (size_t i = 0; i < negated.args.size(); ++i) {
                    const bind::BoundTerm& t = negated.args[i];
                    std::string arg = t.kind == bind::BoundTerm::Kind::Variable
                                          ? valueText(f.binding[t.variable])
                                      : t.kind == bind::BoundTerm::Kind::Constant
                                          ? valueText(engine_.interner().intern(t.value))
                                          : "_";
                    absent.fact += (i ? ", " : "") + arg;
                }
                absent.fact += ")";
                step.premises.push_back(std::move(absent));
            }
            node.derivations.push_back(std::move(step));
        }
    }

    RuleEngine& engine_;
    const schema::Catalog& catalog_;
    const WhyOptions& options_;
};

} // namespace

Result<std::vector<DerivationNode>> explainWhy(RuleEngine& engine, const bind::BoundQuery& query,
                                               const schema::Catalog& catalog,
                                               const WhyOptions& options) {
    const bind::BoundAtom& atom = query.atoms.front();
    if (catalog.relation(atom.relation).derived)
        if (Status s = engine.evaluate({atom.relation}); !s) return s;
    const TupleTable& table = engine.table(atom.relation);
    std::vector<ValueId> constants;
    for (const bind::BoundTerm& t : atom.args)
        constants.push_back(
            t.kind == bind::BoundTerm::Kind::Constant ? engine.interner().find(t.value) : kNoValue);
    WhyOptions shown = options;
    shown.showKnownFrom = shown.showKnownFrom || query.knownAt.has_value();
    WhyBuilder builder(engine, catalog, shown);
    std::vector<DerivationNode> trees;
    for (RowId r = 0; r < table.size(); ++r) {
        bool matches = true;
        for (size_t p = 0; p < atom.args.size() && matches; ++p)
            if (atom.args[p].kind == bind::BoundTerm::Kind::Constant)
                matches = constants[p] != kNoValue && table.row(r)[p] == constants[p];
        if (!matches) continue;
        std::set<RowKey> path;
        trees.push_back(builder.describe(atom.relation, r, path));
    }
    std::sort(trees.begin(), trees.end(), [](const DerivationNode& a, const DerivationNode& b) {
        return a.fact != b.fact ? a.fact < b.fact : a.status < b.status;
    });
    return trees;
}

} // namespace chipgraph::eval
