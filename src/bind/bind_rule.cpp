// Rules: the derived relations their heads introduce (column types inferred from the bodies),
// and each rule's head and body.
#include "ast/printer.h"
#include "bind/binder_impl.h"
#include "common/text.h"

#include <algorithm>
#include <cctype>

namespace chipgraph::bind {

const char* aggregateName(AggregateKind kind) {
    static const char* const kNames[] = {"count", "sum", "min", "max", "avg", "hhi", "share"};
    return kNames[static_cast<int>(kind)];
}

static std::optional<AggregateKind> parseAggregate(const std::string& word) {
    std::string folded = text::foldCase(word);
    for (int k = 0; k < kAggregateKinds; ++k)
        if (folded == aggregateName(static_cast<AggregateKind>(k)))
            return static_cast<AggregateKind>(k);
    return std::nullopt;
}

// Finds the column a body variable takes its type from: its first use in a positive atom
// (argument or qualifier) of a relation whose columns are known, or an assignment (a number).
std::optional<schema::Column> Binder::inferHeadColumn(const ast::RuleDecl& rule, size_t position) {
    const ast::HeadArg& arg = rule.head[position];
    if (arg.aggregate) {
        auto kind = parseAggregate(arg.aggregate->text);
        if (kind && *kind != AggregateKind::Min && *kind != AggregateKind::Max)
            return schema::Column{aggregateName(*kind), schema::ColumnKind::Number, kNoId};
    }
    const ast::Term& term = arg.term;
    if (term.kind == ast::Term::Kind::Number)
        return schema::Column{"value", schema::ColumnKind::Number, kNoId};
    if (term.kind == ast::Term::Kind::Wildcard) return std::nullopt;
    if (const schema::EntityInfo* e =
            isVariableName(term.name) ? nullptr : catalog_.findEntity(term.name.text))
        return schema::Column{"entity", schema::ColumnKind::Entity, e->type};
    if (term.name.quoted) return schema::Column{"text", schema::ColumnKind::Text, kNoId};
    auto columnsOf = [&](const std::string& relation) -> const std::vector<schema::Column>* {
        auto pending = pending_.find(text::foldCase(relation));
        if (pending != pending_.end()) return &pending->second;
        const schema::RelationInfo* r = catalog_.findRelation(relation);
        return r ? &r->columns : nullptr;
    };
    for (const ast::Literal& literal : rule.body) {
        if (auto* c = std::get_if<ast::Comparison>(&literal)) {
            bool assigned = c->op == "=" && c->lhs.kind == ast::Expr::Kind::Term &&
                            c->lhs.term.kind == ast::Term::Kind::Name &&
                            c->lhs.term.name.text == term.name.text;
            if (assigned)
                return schema::Column{text::foldCase(term.name.text), schema::ColumnKind::Number,
                                      kNoId};
            continue;
        }
        auto* atom = std::get_if<ast::Atom>(&literal);
        if (!atom) continue;
        const std::vector<schema::Column>* columns = columnsOf(atom->relation.text);
        if (!columns || columns->size() != atom->args.size()) continue;
        for (size_t i = 0; i < atom->args.size(); ++i) {
            const ast::Term& t = atom->args[i];
            if (t.kind == ast::Term::Kind::Name && !t.name.quoted &&
                t.name.text == term.name.text && (*columns)[i].kind != schema::ColumnKind::Unknown)
                return (*columns)[i];
        }
        if (const schema::RelationInfo* r = catalog_.findRelation(atom->relation.text))
            for (const ast::Qualifier& q : atom->qualifiers)
                if (q.value.kind == ast::Term::Kind::Name && q.value.name.text == term.name.text)
                    if (int index = r->qualifierIndex(q.key.text); index >= 0)
                        return r->qualifiers[index];
    }
    return std::nullopt;
}

// Before binding statements in order, give every relation that a rule head introduces its
// columns, so rules may use relations defined further down (mutual recursion included).
void Binder::declareDerivedRelations(const ast::Program& program, size_t from) {
    std::vector<const ast::RuleDecl*> rules;
    for (size_t i = from; i < program.statements.size(); ++i)
        if (auto* rule = std::get_if<ast::RuleDecl>(&program.statements[i].node)) {
            if (catalog_.findRelation(rule->relation.text)) continue;
            std::string key = text::foldCase(rule->relation.text);
            inferred_.insert(key);
            if (!pending_.count(key)) {
                pending_[key].assign(rule->head.size(), schema::Column{});
                for (auto& column : pending_[key])
                    column.kind = schema::ColumnKind::Unknown;
                newDerived_.push_back(rule->relation.text);
            }
            rules.push_back(rule);
        }
    // Types flow from base relations through chains of derived ones: repeat until stable.
    for (bool changed = true; changed;) {
        changed = false;
        for (const ast::RuleDecl* rule : rules) {
            std::vector<schema::Column>& columns = pending_[text::foldCase(rule->relation.text)];
            for (size_t i = 0; i < columns.size() && i < rule->head.size(); ++i) {
                if (columns[i].kind != schema::ColumnKind::Unknown) continue;
                if (auto column = inferHeadColumn(*rule, i)) {
                    columns[i] = *column;
                    changed = true;
                }
            }
        }
    }
    for (const std::string& name : newDerived_) {
        std::vector<schema::Column> columns = pending_[text::foldCase(name)];
        const ast::RuleDecl* first = nullptr;
        for (const ast::RuleDecl* rule : rules)
            if (!first && text::foldCase(rule->relation.text) == text::foldCase(name)) first = rule;
        bool known = true;
        for (size_t i = 0; i < columns.size(); ++i)
            if (columns[i].kind == schema::ColumnKind::Unknown) {
                known = false;
                uninferred_[text::foldCase(name)].push_back(i);
            }
        if (!known) continue; // bindRule reports why, once it has checked the body
        // Column names come from the body; make them unique ("firm", "firm_2").
        for (size_t i = 0; i < columns.size(); ++i)
            for (size_t j = 0; j < i; ++j)
                if (text::foldCase(columns[j].name) == text::foldCase(columns[i].name))
                    columns[i].name += "_" + std::to_string(i + 1);
        schema::RelationInfo relation;
        relation.name = name;
        relation.columns = std::move(columns);
        relation.derived = true;
        catalog_.addRelation(std::move(relation));
    }
    pending_.clear();
}

// A relation whose columns could not be inferred: the body's own errors explain it best; if
// it has none, say which head argument is the problem.
void Binder::reportUninferred(const ast::RuleDecl& rule, const SourceSpan& span) {
    // An aggregate over its own relation: its columns come from itself, and no stratum could
    // evaluate it anyway (an aggregate needs its body complete first).
    bool aggregates = std::any_of(rule.head.begin(), rule.head.end(), [](const ast::HeadArg& arg) {
        return arg.aggregate.has_value();
    });
    for (const ast::Literal& literal : rule.body) {
        const ast::Atom* atom = std::get_if<ast::Atom>(&literal);
        if (auto* negation = std::get_if<ast::Negation>(&literal)) atom = &negation->atom;
        if (aggregates && atom &&
            text::foldCase(atom->relation.text) == text::foldCase(rule.relation.text)) {
            error("'" + rule.relation.text + "' is an aggregate that depends on itself", atom->span,
                  "an aggregate needs its body complete first: aggregate the facts of another "
                  "relation");
            return;
        }
    }
    size_t before = diagnostics_.size();
    BoundQuery body;
    bindBody(rule.body, span, body);
    if (diagnostics_.size() != before) return;
    for (size_t i : uninferred_[text::foldCase(rule.relation.text)]) {
        if (i >= rule.head.size()) continue;
        const ast::Term& term = rule.head[i].term;
        if (term.kind == ast::Term::Kind::Name && findVariable(term.name.text, body) < 0)
            error("variable '" + term.name.text + "' of the head does not appear in the body",
                  term.span,
                  "every head variable must be bound by a positive relation of the body");
        else
            error("cannot tell the type of '" + ast::print(term) + "' in '" + rule.relation.text +
                      "'",
                  rule.head[i].span, "use it in a relation of the body");
    }
}

void Binder::bindRule(const ast::RuleDecl& rule, const SourceSpan& span) {
    // A disjunction is one rule per branch, each checked (and stored) on its own: every head
    // variable must be bound in every branch.
    if (!rule.orBranches.empty()) {
        ast::RuleDecl branch = rule;
        branch.orBranches.clear();
        branch_ = 1;
        bindRule(branch, span);
        for (const std::vector<ast::Literal>& body : rule.orBranches) {
            branch.body = body;
            ++branch_;
            bindRule(branch, span);
        }
        branch_ = 0;
        return;
    }
    const schema::RelationInfo* relation = catalog_.findRelation(rule.relation.text);
    if (!relation && !inferred_.count(text::foldCase(rule.relation.text))) {
        declareDerivedRelations(*program_, next_);
        relation = catalog_.findRelation(rule.relation.text);
    }
    if (!relation) {
        reportUninferred(rule, span);
        return;
    }
    if (!relation->derived) {
        error("'" + relation->name + "' is a base relation (it holds facts)", rule.relation.span,
              "rules define relations of their own: choose another name");
        return;
    }
    if (rule.head.size() != relation->columns.size()) {
        error("'" + relation->name + "' has " + std::to_string(relation->columns.size()) +
                  " columns but this rule's head has " + std::to_string(rule.head.size()),
              rule.headSpan, "every rule of a relation has the same number of head arguments");
        return;
    }
    BoundRule bound;
    bound.relation = relation->id;
    bound.span = span;
    bound.headSpan = rule.headSpan;
    bool ok = rejectProvenance(rule.body, "the body of a rule");
    ok = bindBody(rule.body, span, bound.body) && ok;
    for (size_t i = 0; i < rule.head.size(); ++i) {
        auto arg = bindHeadArg(rule.head[i], relation->columns[i], *relation, bound.body);
        ok = ok && arg.has_value();
        if (arg) bound.head.push_back(*arg);
    }
    ok = ok && checkShareHead(rule.head, bound.head);
    if (!ok) return;
    ast::Statement statement{canonicalRule(rule), span};
    bound.text = ast::print(statement);
    // The same rule again (a file loaded twice) adds nothing.
    for (const schema::RuleInfo& existing : catalog_.rules())
        if (existing.text == bound.text) return;
    // The first rule of a relation this program introduces also creates the relation.
    auto introduced = std::find(newDerived_.begin(), newDerived_.end(), relation->name);
    bool isNew = introduced != newDerived_.end();
    if (isNew) newDerived_.erase(introduced);
    bound.id = catalog_.addRule({0, relation->id, bound.text});
    emit(DeclareRule{std::move(bound), isNew}, span);
}

std::optional<HeadArg> Binder::bindHeadArg(const ast::HeadArg& arg, const schema::Column& column,
                                           const schema::RelationInfo& relation, BoundQuery& body) {
    HeadArg out;
    if (arg.aggregate) {
        out.aggregate = parseAggregate(arg.aggregate->text);
        if (!out.aggregate) {
            error("unknown aggregate '" + arg.aggregate->text + "'", arg.aggregate->span,
                  text::didYouMean(arg.aggregate->text,
                                   {"count", "sum", "min", "max", "avg", "hhi", "share"}));
            return std::nullopt;
        }
    }
    const ast::Term& term = arg.term;
    bool variable = term.kind == ast::Term::Kind::Name && isVariableName(term.name);
    if (!variable) {
        if (out.aggregate) {
            error("an aggregate takes a variable of the body", term.span);
            return std::nullopt;
        }
        auto value = bindConstant(term, column, relation);
        if (!value) return std::nullopt;
        out.term.kind = BoundTerm::Kind::Constant;
        out.term.value = *value;
        out.term.span = term.span;
        return out;
    }
    int v = findVariable(term.name.text, body);
    if (v < 0) {
        std::string where =
            branch_ ? "branch " + std::to_string(branch_) + " of the body (after ';' or 'or')"
                    : "the body";
        error("variable '" + term.name.text + "' of the head does not appear in " + where,
              term.span,
              branch_ ? "every head variable must be bound in every branch of a disjunction"
                      : "every head variable must be bound by a positive relation of the body");
        return std::nullopt;
    }
    out.term.kind = BoundTerm::Kind::Variable;
    out.term.variable = v;
    out.term.span = term.span;
    if (!bindTotalBy(arg, body, out)) return std::nullopt;
    const Variable& var = body.variables[v];
    bool numeric = out.aggregate &&
                   (*out.aggregate == AggregateKind::Sum || *out.aggregate == AggregateKind::Avg ||
                    *out.aggregate == AggregateKind::Hhi || *out.aggregate == AggregateKind::Share);
    if (numeric && var.kind != schema::ColumnKind::Number) {
        error(std::string("'") + aggregateName(*out.aggregate) + "' needs a number, but '" +
                  var.name + "' is " + kindName(var.kind),
              arg.span);
        return std::nullopt;
    }
    if (out.aggregate && *out.aggregate == AggregateKind::Count) return out;
    if (var.kind != column.kind) {
        error("type clash: '" + var.name + "' is " + kindName(var.kind) + ", but column '" +
                  column.name + "' of '" + relation.name + "' holds " + kindName(column.kind),
              term.span, "rules of one relation must agree on its column types");
        return std::nullopt;
    }
    if (column.kind == schema::ColumnKind::Entity && var.entityType != kNoId &&
        !catalog_.isSubtype(var.entityType, column.type)) {
        error("type clash: '" + var.name + "' is a " + catalog_.type(var.entityType).name +
                  ", but column '" + column.name + "' of '" + relation.name + "' holds a " +
                  catalog_.type(column.type).name,
              term.span, "rules of one relation must agree on its column types");
        return std::nullopt;
    }
    return out;
}

// share(U by V, W): the variables after 'by' name what the total is taken over; only share
// takes them.
bool Binder::bindTotalBy(const ast::HeadArg& arg, const BoundQuery& body, HeadArg& out) {
    if (arg.totalBy.empty()) return true;
    if (*out.aggregate != AggregateKind::Share) {
        SourceSpan extra = arg.totalBy.front().span;
        extra.endLine = arg.totalBy.back().span.endLine;
        extra.endColumn = arg.totalBy.back().span.endColumn;
        error(std::string("'") + aggregateName(*out.aggregate) + "' takes no 'by'", extra,
              "only 'share' does: share(U by V) is each row's share of the total over the rows "
              "with the same V");
        return false;
    }
    for (const ast::Term& term : arg.totalBy) {
        int v = term.kind == ast::Term::Kind::Name && isVariableName(term.name)
                    ? findVariable(term.name.text, body)
                    : -1;
        if (v < 0) {
            error("'share' totals over variables of the head, but '" + ast::print(term) +
                      "' is not one",
                  term.span, "e.g. share(U by V): the share of each row among the rows with its V");
            return false;
        }
        out.totalBy.push_back(v);
    }
    return true;
}

// A head with share(...) has no other aggregate (the other arguments name each share's row),
// and the variables it totals over are among those arguments.
bool Binder::checkShareHead(const std::vector<ast::HeadArg>& head,
                            const std::vector<HeadArg>& bound) {
    auto share = std::find_if(bound.begin(), bound.end(),
                              [](const HeadArg& a) { return a.aggregate == AggregateKind::Share; });
    if (share == bound.end()) return true;
    const ast::HeadArg& written = head[share - bound.begin()];
    for (size_t i = 0; i < bound.size(); ++i)
        if (bound[i].aggregate && &bound[i] != &*share) {
            error("'share' does not combine with other aggregates in one head", head[i].span,
                  "compute them in a rule of their own");
            return false;
        }
    for (size_t t = 0; t < share->totalBy.size(); ++t) {
        bool inHead = std::any_of(bound.begin(), bound.end(), [&](const HeadArg& a) {
            return !a.aggregate && a.term.kind == BoundTerm::Kind::Variable &&
                   a.term.variable == share->totalBy[t];
        });
        if (!inHead) {
            error("'share' totals over variables of the head, but '" +
                      ast::print(written.totalBy[t]) + "' is not in it",
                  written.totalBy[t].span,
                  "add it to the head, so that each row says which total it is a share of");
            return false;
        }
    }
    return true;
}

} // namespace chipgraph::bind

namespace chipgraph::bind {

ast::RuleDecl Binder::canonicalRule(const ast::RuleDecl& rule) const {
    ast::RuleDecl out = rule;
    auto quoteEntity = [&](ast::Term& term) {
        if (term.kind == ast::Term::Kind::Name && looksLikeVariable(term.name) &&
            !isVariableName(term.name))
            term.name.quoted = true;
    };
    auto quoteAtom = [&](ast::Atom& atom) {
        for (ast::Term& term : atom.args)
            quoteEntity(term);
        for (ast::Qualifier& q : atom.qualifiers)
            quoteEntity(q.value);
    };
    // Expressions may nest deeply: walked with a stack of their own.
    auto quoteExpr = [&](ast::Expr& root) {
        std::vector<ast::Expr*> pending{&root};
        while (!pending.empty()) {
            ast::Expr* e = pending.back();
            pending.pop_back();
            if (e->kind == ast::Expr::Kind::Term) quoteEntity(e->term);
            for (ast::Expr& operand : e->operands)
                pending.push_back(&operand);
        }
    };
    for (ast::HeadArg& arg : out.head)
        quoteEntity(arg.term);
    for (ast::Literal& literal : out.body) {
        if (auto* atom = std::get_if<ast::Atom>(&literal)) quoteAtom(*atom);
        if (auto* negation = std::get_if<ast::Negation>(&literal)) quoteAtom(negation->atom);
        if (auto* comparison = std::get_if<ast::Comparison>(&literal)) {
            quoteExpr(comparison->lhs);
            quoteExpr(comparison->rhs);
        }
    }
    return out;
}

} // namespace chipgraph::bind
