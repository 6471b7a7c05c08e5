#include "eval/claim_filter.h"

#include <set>

namespace chipgraph::eval {

static bool timelessFrom(RelationId relation, const schema::Catalog& catalog,
                         const std::vector<bind::BoundRule>& rules, std::set<RelationId>& seen) {
    const schema::RelationInfo& info = catalog.relation(relation);
    if (!info.derived) return info.timeless;
    if (!seen.insert(relation).second) return true; // recursion adds no dated premise
    for (const bind::BoundRule& rule : rules) {
        if (rule.relation != relation) continue;
        for (const bind::BoundAtom& atom : rule.body.atoms)
            if (!timelessFrom(atom.relation, catalog, rules, seen)) return false;
    }
    return true;
}

bool isTimeless(RelationId relation, const schema::Catalog& catalog,
                const std::vector<bind::BoundRule>& rules) {
    std::set<RelationId> seen;
    return timelessFrom(relation, catalog, rules, seen);
}

// Whether `variable` of `rule`'s body stands for an amount per period somewhere in the body.
static bool amountVariable(const bind::BoundRule& rule, int variable,
                           const schema::Catalog& catalog,
                           const std::vector<bind::BoundRule>& rules, std::set<RelationId>& seen);

static bool perPeriodFrom(RelationId relation, const schema::Catalog& catalog,
                          const std::vector<bind::BoundRule>& rules, std::set<RelationId>& seen) {
    const schema::RelationInfo& info = catalog.relation(relation);
    if (!info.derived) return info.perPeriod;
    if (!seen.insert(relation).second) return false;
    for (const bind::BoundRule& rule : rules) {
        if (rule.relation != relation) continue;
        for (const bind::HeadArg& arg : rule.head)
            if (arg.term.kind == bind::BoundTerm::Kind::Variable &&
                arg.aggregate != bind::AggregateKind::Count &&
                amountVariable(rule, arg.term.variable, catalog, rules, seen))
                return true;
    }
    return false;
}

static bool amountVariable(const bind::BoundRule& rule, int variable,
                           const schema::Catalog& catalog,
                           const std::vector<bind::BoundRule>& rules, std::set<RelationId>& seen) {
    for (const bind::BoundAtom& atom : rule.body.atoms) {
        const schema::RelationInfo& info = catalog.relation(atom.relation);
        for (size_t i = 0; i < atom.args.size() && i < info.columns.size(); ++i)
            if (atom.args[i].kind == bind::BoundTerm::Kind::Variable &&
                atom.args[i].variable == variable &&
                info.columns[i].kind == schema::ColumnKind::Number &&
                perPeriodFrom(atom.relation, catalog, rules, seen))
                return true;
    }
    return false;
}

bool isPerPeriod(RelationId relation, const schema::Catalog& catalog,
                 const std::vector<bind::BoundRule>& rules) {
    std::set<RelationId> seen;
    return perPeriodFrom(relation, catalog, rules, seen);
}

bool aggregatesAmounts(const bind::BoundRule& rule, const schema::Catalog& catalog,
                       const std::vector<bind::BoundRule>& rules) {
    for (const bind::HeadArg& arg : rule.head) {
        if (!arg.aggregate || *arg.aggregate == bind::AggregateKind::Count) continue;
        std::set<RelationId> seen;
        if (amountVariable(rule, arg.term.variable, catalog, rules, seen)) return true;
    }
    return false;
}

std::string validityText(const Interval& valid, bool timeless) {
    return valid.isAlways() && !timeless ? "undated" : formatInterval(valid);
}

bool knownOn(const std::optional<PartialDate>& published, DayNumber day) {
    return published && published->lastDay() <= day;
}

bool isUndated(const schema::RelationInfo& relation, const Interval& valid) {
    return valid.isAlways() && !relation.timeless && !relation.derived;
}

LeftOut ClaimFilter::check(const schema::RelationInfo& relation, const Interval& valid,
                           const std::optional<PartialDate>& published) const {
    if (knownAt && !published && !relation.derived) return LeftOut::NoReportDate;
    if (knownAt && published && !knownOn(published, *knownAt)) return LeftOut::ReportedLater;
    if (!window) return LeftOut::None;
    if (isUndated(relation, valid)) return LeftOut::Undated;
    if (!valid.overlaps(*window)) return LeftOut::OutsideWindow;
    bool within = window->from <= valid.from && valid.to <= window->to;
    if (relation.perPeriod && !relation.derived && !within) return LeftOut::PartlyInWindow;
    return LeftOut::None;
}

LeftOut ClaimFilter::check(const schema::Catalog& catalog, const schema::RelationInfo& relation,
                           const Interval& valid, SourceId source) const {
    return check(relation, valid,
                 source == kNoId ? std::nullopt : catalog.source(source).published);
}

void LeftOutCounts::count(LeftOut reason) {
    if (reason == LeftOut::NoReportDate) ++noReportDate;
    if (reason == LeftOut::Undated) ++undated;
    if (reason == LeftOut::PartlyInWindow) ++partlyInWindow;
}

void LeftOutCounts::add(const LeftOutCounts& other) {
    noReportDate += other.noReportDate;
    undated += other.undated;
    partlyInWindow += other.partlyInWindow;
}

static std::string claims(size_t n) {
    return std::to_string(n) + (n == 1 ? " claim" : " claims");
}

static std::string were(size_t n) {
    return n == 1 ? " was" : " were";
}

std::vector<std::string> LeftOutCounts::notes() const {
    std::vector<std::string> out;
    if (noReportDate)
        out.push_back(claims(noReportDate) + " without a report date" + were(noReportDate) +
                      " left out ('known at' needs one)");
    if (undated)
        out.push_back(claims(undated) + " without dates" + were(undated) +
                      " left out (undated: a time window needs dates)");
    if (partlyInWindow)
        out.push_back(claims(partlyInWindow) + " whose period lies only partly in the window" +
                      were(partlyInWindow) +
                      " left out (amounts per period are not split; ask for their whole period)");
    return out;
}

} // namespace chipgraph::eval
