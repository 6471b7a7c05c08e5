#include "ast/printer.h"

#include "common/text.h"

#include <sstream>

namespace chipgraph::ast {
namespace {

std::string name(const Name& n) {
    return n.quoted ? text::quoteString(n.text) : n.text;
}

std::string qualifiers(const std::vector<Qualifier>& qs) {
    if (qs.empty()) return "";
    std::string out = " { ";
    for (size_t i = 0; i < qs.size(); ++i)
        out += (i ? ", " : "") + name(qs[i].key) + ": " + print(qs[i].value);
    return out + " }";
}

std::string validity(const Validity& v) {
    switch (v.kind) {
    case Validity::Kind::In:
        return " in " + v.first.text;
    case Validity::Kind::During:
        return " during " + v.first.text + ".." + v.second.text;
    case Validity::Kind::From:
        return " from " + v.first.text;
    case Validity::Kind::Until:
        return " until " + v.first.text;
    }
    return "";
}

std::string columns(const std::vector<ColumnDecl>& cs) {
    std::string out;
    for (size_t i = 0; i < cs.size(); ++i)
        out += (i ? ", " : "") + name(cs[i].name) + ": " + name(cs[i].type);
    return out;
}

std::string provenance(const ProvenanceClauses& p) {
    std::string out;
    if (p.source) out += " per " + name(*p.source);
    if (p.status) out += " status " + name(*p.status);
    if (p.reported) out += " reported " + name(*p.reported);
    return out;
}

std::string diffRange(const DiffRange& d) {
    return std::string(d.knownAt ? "known at " : "as of ") + d.from.text +
           (d.to ? " .. " + d.to->text : "");
}

std::string names(const std::vector<Name>& ns) {
    std::string out;
    for (size_t i = 0; i < ns.size(); ++i)
        out += (i ? ", " : "") + name(ns[i]);
    return out;
}

std::string modifiers(const Modifiers& m) {
    std::string out = provenance(m.provenance);
    if (m.window)
        out += m.window->to ? " during " + m.window->from.text + ".." + m.window->to->text
                            : " as of " + m.window->from.text;
    if (m.knownAt) out += " known at " + m.knownAt->text;
    if (m.recordedAt) out += " recorded at " + m.recordedAt->text;
    for (size_t i = 0; i < m.orderBy.size(); ++i)
        out += (i ? ", " : " order by ") + name(m.orderBy[i].column) +
               (m.orderBy[i].descending ? " desc" : "");
    if (m.limit) out += " limit " + std::to_string(*m.limit);
    if (m.policy) out += " prefer " + names(m.policy->words);
    if (m.diff) out += " diff " + diffRange(*m.diff);
    for (size_t i = 0; i < m.under.size(); ++i)
        out += (i ? ", " : m.diffUnder ? " diff under " : " under ") + name(m.under[i]);
    return out;
}

std::string headArg(const HeadArg& arg) {
    if (!arg.aggregate) return print(arg.term);
    std::string out = name(*arg.aggregate) + "(" + print(arg.term);
    for (size_t i = 0; i < arg.totalBy.size(); ++i)
        out += (i ? ", " : " by ") + print(arg.totalBy[i]);
    return out + ")";
}

std::string literals(const std::vector<Literal>& body) {
    std::string out;
    for (size_t i = 0; i < body.size(); ++i)
        out += (i ? ", " : "") + print(body[i]);
    return out;
}

struct StatementPrinter {
    std::string operator()(const TypeDecl& d) const {
        return "type " + name(d.name) + (d.parent ? " <: " + name(*d.parent) : "") + ".";
    }
    std::string operator()(const RelationDecl& d) const {
        std::string out = "relation " + name(d.name) + "(" + columns(d.columns) + ")";
        if (!d.qualifiers.empty()) out += " { " + columns(d.qualifiers) + " }";
        if (d.timeless) out += " timeless";
        if (d.perPeriod) out += " per period";
        if (!d.key.empty()) out += " key (" + names(d.key) + ")";
        return out + ".";
    }
    std::string operator()(const EntityDecl& d) const {
        std::string out = "entity ";
        for (size_t i = 0; i < d.names.size(); ++i)
            out += (i ? ", " : "") + name(d.names[i]) + terms(d.nameTerms, i);
        out += ": " + name(d.type);
        for (size_t i = 0; i < d.aliases.size(); ++i)
            out += (i ? ", " : " aka ") + name(d.aliases[i]) + terms(d.aliasTerms, i);
        return out + ".";
    }
    // A name's clauses (` until 2021-10-28 per s`); none when the parser gave none.
    std::string terms(const std::vector<NameTerms>& all, size_t i) const {
        if (i >= all.size()) return "";
        std::string out;
        if (all[i].validity) out += validity(*all[i].validity);
        if (all[i].source) out += " per " + name(*all[i].source);
        return out;
    }
    std::string operator()(const SourceDecl& d) const {
        std::string out = "source " + name(d.name);
        if (d.title) out += " " + text::quoteString(*d.title);
        if (d.author) out += " by " + text::quoteString(*d.author);
        if (d.published) out += " published " + d.published->text;
        if (d.url) out += " url " + text::quoteString(*d.url);
        return out + ".";
    }
    std::string operator()(const FactStmt& f) const {
        std::string out = (f.retract ? "retract " : "") + print(f.atom);
        if (f.validity) out += validity(*f.validity);
        if (f.source) out += " per " + name(*f.source);
        if (f.status) out += " " + name(*f.status);
        return out + ".";
    }
    std::string operator()(const RuleDecl& r) const {
        std::string out = "rule " + name(r.relation) + "(";
        for (size_t i = 0; i < r.head.size(); ++i)
            out += (i ? ", " : "") + headArg(r.head[i]);
        out += ") :- " + literals(r.body);
        for (const std::vector<Literal>& branch : r.orBranches)
            out += "; " + literals(branch);
        return out + ".";
    }
    std::string operator()(const QueryStmt& q) const {
        std::string out = std::string(q.explain ? "explain " : "") + "? ";
        if (q.distinct) out += "distinct ";
        for (size_t i = 0; i < q.head.size(); ++i)
            out += (i ? ", " : "") + headArg(q.head[i]);
        if (!q.head.empty()) out += ": ";
        out += literals(q.body);
        for (const std::vector<Literal>& branch : q.orBranches)
            out += "; " + literals(branch);
        return out + modifiers(q.modifiers) + ".";
    }
    std::string operator()(const PhraseQuery& q) const {
        std::string out = q.explain ? "explain " : "";
        for (size_t i = 0; i < q.words.size(); ++i) {
            const PhraseWord& w = q.words[i];
            if (i && w.spaceBefore) out += " ";
            out += w.quoted ? text::quoteString(w.text) : w.text;
        }
        return out + modifiers(q.modifiers) + "?";
    }
    std::string operator()(const ImportStmt& i) const {
        return "import " + name(i.relation) + " from " + text::quoteString(i.path) +
               (i.createType ? " create " + name(*i.createType) : "") + ".";
    }
    std::string operator()(const DiagramStmt& d) const {
        std::string out = "diagram";
        if (!d.relations.empty()) {
            out += " ";
            for (size_t i = 0; i < d.relations.size(); ++i)
                out += (i ? ", " : "") + name(d.relations[i]);
        }
        if (!d.query.empty()) out += " ? " + literals(d.query);
        if (d.phrase) out += " " + (*this)(*d.phrase); // with the modifiers
        if (d.chainOf) out += " chain of " + name(*d.chainOf) + " within " + std::to_string(d.hops);
        if (d.entity) out += " where owner = " + name(*d.entity);
        if (!d.phrase) out += modifiers(d.modifiers);
        if (d.diff)
            out += std::string(" diff ") + (d.diffAsOf ? "as of " : "") + d.diff->from.text + ".." +
                   (d.diff->to ? d.diff->to->text : "");
        if (d.preferLatest) out += " prefer latest";
        if (d.path) out += " to " + text::quoteString(*d.path);
        if (d.layout) out += " layout " + name(*d.layout);
        if (d.legend) out += " with legend";
        if (d.roles) out += " with roles";
        if (d.nativeNames) out += " with native names";
        if (d.title) out += " title " + text::quoteString(*d.title);
        return out + ".";
    }
    std::string operator()(const ScenarioDecl& d) const {
        std::string out = "scenario " + name(d.name) + " {";
        for (const ScenarioStep& step : d.steps) {
            std::string fact = (*this)(step.fact);
            if (step.kind == ScenarioStep::Kind::Scale)
                fact = "scale " + fact.substr(0, fact.size() - 1) + " by " +
                       step.factor.value.toString() + ".";
            out += " " + fact;
        }
        return out + " }";
    }
    std::string operator()(const DrawDecl& d) const {
        std::string out = d.relations ? "draw relation " : "draw type ";
        for (size_t i = 0; i < d.names.size(); ++i)
            out += (i ? ", " : "") + name(d.names[i]);
        return out + " as " + name(d.as) + qualifiers(d.options) + ".";
    }
    std::string operator()(const WhyStmt& w) const {
        return "why " + print(w.atom) + modifiers(w.modifiers) + "?";
    }
    std::string operator()(const BlameStmt& b) const { return "blame " + print(b.atom) + "."; }
    std::string operator()(const ClaimsStmt& c) const {
        return std::string(c.kind == ClaimsStmt::Kind::History ? "history " : "conflicts ") +
               print(c.atom) + modifiers(c.modifiers) + ".";
    }
    std::string operator()(const DeprecateStmt& d) const {
        return "deprecate " + print(d.atom) + (d.validity ? validity(*d.validity) : "") +
               " because " + text::quoteString(d.reason) + " per " + name(d.source) + ".";
    }
    std::string operator()(const ChangesStmt& c) const {
        return "changes " + diffRange(c.range) + (c.entity ? " for " + name(*c.entity) : "") +
               (c.relation ? " of " + name(*c.relation) : "") + ".";
    }
};

} // namespace

std::string print(const Term& term) {
    switch (term.kind) {
    case Term::Kind::Name:
        return name(term.name);
    case Term::Kind::Number:
        return term.number.value.toString();
    case Term::Kind::Wildcard:
        return "_";
    }
    return "";
}

std::string print(const Expr& expr) {
    if (expr.kind == Expr::Kind::Term) return print(expr.term);
    if (expr.kind == Expr::Kind::Date) return expr.date.text;
    // Operands that are themselves operations get parentheses: exact and always re-parseable.
    auto operand = [](const Expr& e) {
        return e.kind == Expr::Kind::Binary ? "(" + print(e) + ")" : print(e);
    };
    return operand(expr.operands[0]) + " " + expr.op + " " + operand(expr.operands[1]);
}

std::string print(const Literal& literal) {
    if (auto* atom = std::get_if<Atom>(&literal))
        return print(*atom) + provenance(atom->provenance);
    if (auto* negation = std::get_if<Negation>(&literal)) return "not " + print(negation->atom);
    const auto& c = std::get<Comparison>(literal);
    return print(c.lhs) + " " + c.op + " " + print(c.rhs);
}

std::string print(const Atom& atom) {
    if (atom.infix && atom.args.size() == 2)
        return print(atom.args[0]) + " " + name(atom.relation) + " " + print(atom.args[1]) +
               qualifiers(atom.qualifiers);
    std::string out = name(atom.relation) + "(";
    for (size_t i = 0; i < atom.args.size(); ++i)
        out += (i ? ", " : "") + print(atom.args[i]);
    return out + ")" + qualifiers(atom.qualifiers);
}

std::string print(const Statement& statement) {
    return std::visit(StatementPrinter{}, statement.node);
}

std::string print(const Program& program) {
    std::string out;
    for (const Statement& s : program.statements)
        out += print(s) + "\n";
    return out;
}

} // namespace chipgraph::ast
