// `per`, `status` and `reported` in queries: which facts an atom reads by their source, status
// and report date, and comparisons of a report date with a date (`R >= 2026-01`).
#include "bind/binder_impl.h"

#include "common/text.h"

namespace chipgraph::bind {

namespace {

CompareOp flipped(CompareOp op) {
    switch (op) {
    case CompareOp::Lt:
        return CompareOp::Gt;
    case CompareOp::Le:
        return CompareOp::Ge;
    case CompareOp::Gt:
        return CompareOp::Lt;
    case CompareOp::Ge:
        return CompareOp::Le;
    default:
        return op;
    }
}

CompareOp compareOpOf(const std::string& text) {
    if (text == "!=") return CompareOp::Ne;
    if (text == "<") return CompareOp::Lt;
    if (text == "<=") return CompareOp::Le;
    if (text == ">") return CompareOp::Gt;
    if (text == ">=") return CompareOp::Ge;
    return CompareOp::Eq;
}

const ast::Name* loneName(const ast::Expr& e) {
    if (e.kind != ast::Expr::Kind::Term || e.term.kind != ast::Term::Kind::Name ||
        e.term.name.quoted)
        return nullptr;
    return &e.term.name;
}

std::string statusList() {
    std::string out;
    std::vector<std::string> names = schema::statusNames();
    for (size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return out;
}

} // namespace

// `per X`: the source named X; else, capitalised, a variable (unless it is a near miss of a
// source's name: a typo far more likely); else an unknown source.
bool Binder::resolveProvenance(const ast::ProvenanceClauses& clauses, ProvenanceFilter& out,
                               BoundQuery& query) {
    bool ok = true;
    if (const std::optional<ast::Name>& s = clauses.source) {
        const schema::SourceInfo* source = catalog_.findSource(s->text);
        std::string near = text::nearestName(s->text, catalog_.sourceNames());
        if (source) {
            out.source = source->id;
        } else if (looksLikeVariable(*s) && (near.empty() || s->text.size() < 4)) {
            out.sourceVariable = variableIndex(s->text, schema::ColumnKind::Text, s->span, query);
            ok = out.sourceVariable >= 0;
        } else {
            error("unknown source '" + s->text + "'", s->span,
                  near.empty() ? "sources are declared with 'source NAME ...'; a capitalised "
                                 "name is a variable"
                               : "did you mean '" + near + "'?");
            ok = false;
        }
    }
    if (const std::optional<ast::Name>& w = clauses.status) {
        auto status = schema::parseStatus(w->text);
        if (status) {
            out.status = *status;
        } else {
            std::string near = text::didYouMean(w->text, schema::statusNames());
            error("unknown status '" + w->text + "'", w->span,
                  (near.empty() ? "" : near + " ") + "a status is one of " + statusList());
            ok = false;
        }
    }
    if (const std::optional<ast::Name>& r = clauses.reported) {
        if (!looksLikeVariable(*r)) {
            error("'reported' binds a variable to the report date", r->span,
                  "name a variable, e.g. 'reported R', and compare it: R >= 2026-01");
            ok = false;
        } else {
            out.reportedVariable = variableIndex(r->text, schema::ColumnKind::Text, r->span, query);
            ok = out.reportedVariable >= 0 && ok;
        }
    }
    return ok;
}

// Puts the resolved clauses on one atom. A derived relation's row has several sources, so it
// can be filtered by a source and a status but not bind one source or one report date.
bool Binder::applyProvenance(const ast::ProvenanceClauses& clauses, const ProvenanceFilter& f,
                             BoundAtom& atom) {
    const schema::RelationInfo& relation = catalog_.relation(atom.relation);
    ProvenanceFilter& p = atom.provenance;
    bool ok = true;
    auto conflict = [&](const std::optional<ast::Name>& clause, const char* what) {
        error(std::string(what) + " is given both for the query and for '" + relation.name + "'",
              clause->span, "give it once");
        ok = false;
    };
    if (relation.derived && (f.sourceVariable >= 0 || f.reportedVariable >= 0)) {
        const ast::Name& clause = f.sourceVariable >= 0 ? *clauses.source : *clauses.reported;
        error("'" + relation.name + "' is derived by rules: its rows have many sources and no " +
                  "single report date",
              clause.span,
              "filter it by a source ('per seed2025') or a status, or bind the variable on "
              "the atom of a stated relation");
        return false;
    }
    if (f.source != kNoId || f.sourceVariable >= 0) {
        if (p.source != kNoId || p.sourceVariable >= 0) conflict(clauses.source, "'per'");
        p.source = f.source;
        p.sourceVariable = f.sourceVariable;
    }
    if (f.status) {
        if (p.status) conflict(clauses.status, "'status'");
        p.status = f.status;
    }
    if (f.reportedVariable >= 0) {
        if (p.reportedVariable >= 0) conflict(clauses.reported, "'reported'");
        p.reportedVariable = f.reportedVariable;
    }
    return ok;
}

bool Binder::bindAtomProvenance(const ast::ProvenanceClauses& clauses, BoundAtom& atom,
                                BoundQuery& query) {
    ProvenanceFilter filter;
    if (!resolveProvenance(clauses, filter, query)) return false;
    return applyProvenance(clauses, filter, atom);
}

bool Binder::bindQueryProvenance(const ast::ProvenanceClauses& clauses, BoundQuery& query) {
    if (clauses.empty()) return true;
    ProvenanceFilter filter;
    if (!resolveProvenance(clauses, filter, query)) return false;
    bool ok = true;
    for (BoundAtom& atom : query.atoms)
        if (!applyProvenance(clauses, filter, atom)) {
            ok = false;
            break; // one message is enough
        }
    return ok;
}

bool Binder::rejectProvenance(const ast::ProvenanceClauses& clauses, const std::string& where) {
    if (clauses.empty()) return true;
    error("'per', 'status' and 'reported' filter the facts of a query, not " + where, clauses.span,
          "ask a query: ? relation(...) per SOURCE.");
    return false;
}

bool Binder::rejectProvenance(const std::vector<ast::Literal>& body, const std::string& where) {
    bool ok = true;
    for (const ast::Literal& literal : body)
        if (auto* atom = std::get_if<ast::Atom>(&literal))
            ok = rejectProvenance(atom->provenance, where) && ok;
    return ok;
}

// `R op DATE` (or `DATE op R`) with R bound by `reported R`: a filter on every atom binding R.
// A bare year (`R >= 2026`) is the year. nullopt: not about a report date.
std::optional<bool> Binder::bindReportComparison(const ast::Comparison& c, BoundQuery& query) {
    auto reportVariable = [&](const ast::Expr& e) {
        const ast::Name* name = loneName(e);
        int v = name ? findVariable(name->text, query) : -1;
        for (const BoundAtom& atom : query.atoms)
            if (v >= 0 && atom.provenance.reportedVariable == v) return v;
        return -1;
    };
    int left = reportVariable(c.lhs), right = reportVariable(c.rhs);
    bool dateLeft = c.lhs.kind == ast::Expr::Kind::Date,
         dateRight = c.rhs.kind == ast::Expr::Kind::Date;
    if (left < 0 && right < 0) {
        if (!dateLeft && !dateRight) return std::nullopt;
        const ast::Expr& date = dateLeft ? c.lhs : c.rhs;
        error("a date can only be compared with a report date", date.span,
              "bind one with 'reported R' after an atom, then compare: R >= " + date.date.text);
        return false;
    }
    if (left >= 0 && right >= 0) {
        error("two report dates cannot be compared", c.span,
              "compare each with a date, e.g. R >= 2026-01");
        return false;
    }
    const ast::Expr& other = left >= 0 ? c.rhs : c.lhs;
    std::optional<ast::DateLit> written;
    if (other.kind == ast::Expr::Kind::Date)
        written = other.date;
    else if (other.kind == ast::Expr::Kind::Term && other.term.kind == ast::Term::Kind::Number &&
             other.term.number.value.kind == NumberKind::Exact)
        written = ast::DateLit{other.term.number.value.toString(), other.span};
    if (!written) {
        error("a report date compares only with a date", other.span,
              "write a date: a year (2026), a half (2026-H1), a quarter, a month or a day");
        return false;
    }
    std::optional<PartialDate> date = bindDate(*written);
    if (!date) return false;
    CompareOp op = compareOpOf(c.op);
    if (left < 0) op = flipped(op);
    int variable = left >= 0 ? left : right;
    for (BoundAtom& atom : query.atoms)
        if (atom.provenance.reportedVariable == variable)
            atom.provenance.reportedBounds.emplace_back(op, *date);
    return true;
}

} // namespace chipgraph::bind
