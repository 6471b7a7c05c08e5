#include "bind/binder_impl.h"

#include "ast/printer.h"
#include "common/text.h"

#include <algorithm>

namespace chipgraph::bind {

BindResult bindProgram(const ast::Program& program, schema::Catalog& catalog,
                       const QueryDefaults& defaults, NameMode names) {
    Binder binder(catalog, defaults, names);
    binder.bindProgramStatements(program);
    return binder.finish();
}

void Binder::bindProgramStatements(const ast::Program& program) {
    program_ = &program;
    for (next_ = 0; next_ < program.statements.size(); ++next_)
        bindStatement(program.statements[next_]);
}

void Binder::bindStatement(const ast::Statement& s) {
    asking_ = std::holds_alternative<ast::QueryStmt>(s.node) ||
              std::holds_alternative<ast::PhraseQuery>(s.node) ||
              std::holds_alternative<ast::WhyStmt>(s.node) ||
              std::holds_alternative<ast::BlameStmt>(s.node) ||
              std::holds_alternative<ast::DiagramStmt>(s.node) ||
              std::holds_alternative<ast::RuleDecl>(s.node) ||
              std::holds_alternative<ast::ClaimsStmt>(s.node);
    namesUsed_.clear();
    std::visit(
        [&](const auto& node) {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, ast::TypeDecl>)
                bindType(node, s.span);
            else if constexpr (std::is_same_v<T, ast::RelationDecl>)
                bindRelation(node, s.span);
            else if constexpr (std::is_same_v<T, ast::EntityDecl>)
                bindEntity(node, s.span);
            else if constexpr (std::is_same_v<T, ast::SourceDecl>)
                bindSource(node, s.span);
            else if constexpr (std::is_same_v<T, ast::FactStmt>)
                bindFact(node, s.span);
            else if constexpr (std::is_same_v<T, ast::RuleDecl>)
                bindRule(node, s.span);
            else if constexpr (std::is_same_v<T, ast::WhyStmt>)
                bindWhy(node, s.span);
            else if constexpr (std::is_same_v<T, ast::BlameStmt>)
                bindBlame(node, s.span);
            else if constexpr (std::is_same_v<T, ast::DiagramStmt>)
                bindDiagram(node, s.span);
            else if constexpr (std::is_same_v<T, ast::ImportStmt>)
                bindImportStatement(node, s.span);
            else if constexpr (std::is_same_v<T, ast::ScenarioDecl>)
                bindScenario(node, s.span);
            else if constexpr (std::is_same_v<T, ast::DrawDecl>)
                bindDraw(node, s.span);
            else if constexpr (std::is_same_v<T, ast::QueryStmt>)
                bindQuery(node, s.span);
            else if constexpr (std::is_same_v<T, ast::ClaimsStmt>)
                bindClaims(node, s.span);
            else if constexpr (std::is_same_v<T, ast::DeprecateStmt>)
                bindDeprecate(node, s.span);
            else if constexpr (std::is_same_v<T, ast::ChangesStmt>)
                bindChanges(node, s.span);
            else
                bindPhrase(node, s.span);
        },
        s.node);
}

// The relation and type are checked now; the file is read when the statement runs.
void Binder::bindImportStatement(const ast::ImportStmt& stmt, const SourceSpan& span) {
    const schema::RelationInfo* relation = resolveRelation(stmt.relation);
    if (!relation) return;
    std::string createType;
    if (stmt.createType) {
        const schema::TypeInfo* type = catalog_.findType(stmt.createType->text);
        if (!type) {
            error("unknown type '" + stmt.createType->text + "'", stmt.createType->span,
                  text::didYouMean(stmt.createType->text, catalog_.typeNames()));
            return;
        }
        createType = type->name;
    }
    emit(RunImport{relation->name, stmt.path, createType, stmt.pathSpan}, span);
}

// An edge joins the first two entity columns of a relation: one with fewer cannot be drawn.
bool Binder::drawable(const schema::RelationInfo& relation, const SourceSpan& span) {
    long entityColumns =
        std::count_if(relation.columns.begin(), relation.columns.end(),
                      [](const schema::Column& c) { return c.kind == schema::ColumnKind::Entity; });
    if (entityColumns >= 2) return true;
    error("relation '" + relation.name +
              "' cannot be drawn: an edge needs two entity columns and it has " +
              std::to_string(entityColumns),
          span, "draw the facts of a query instead: diagram ? " + relation.name + "(...).");
    return false;
}

// `diagram ... under NAME`: the scenario's graph, with what it removes or changes marked as a
// diff marks it (docs/analysis.md). The scenarios are looked up when the diagram is drawn.
bool Binder::bindDiagramUnder(const ast::DiagramStmt& stmt, RunDiagram& out) {
    const std::vector<ast::Name>& under = stmt.modifiers.under;
    if (under.empty()) return true;
    if (stmt.diff) {
        error("a diagram under a scenario already marks what the scenario changes", stmt.diff->span,
              "leave out 'diff'");
        return false;
    }
    for (const ast::Name& name : under)
        out.under.emplace_back(name.text, name.span);
    return true;
}

void Binder::bindDiagram(const ast::DiagramStmt& stmt, const SourceSpan& span) {
    RunDiagram out;
    out.span = span;
    bool ok = true;
    for (const ast::Name& r : stmt.relations) {
        const schema::RelationInfo* relation = resolveRelation(r);
        if (relation) out.relations.push_back(relation->name);
        ok = ok && relation && drawable(*relation, r.span);
    }
    auto entityName = [&](const ast::Name& n) -> std::optional<std::string> {
        const schema::EntityInfo* e = resolveEntity(n);
        if (!e) ok = false;
        return e ? std::optional(e->name) : std::nullopt;
    };
    if (stmt.chainOf) out.chainOf = entityName(*stmt.chainOf);
    if (stmt.entity) out.entity = entityName(*stmt.entity);
    out.hops = stmt.hops;
    if (stmt.hops < 1) {
        error("a chain reaches at least 1 hop (got " + std::to_string(stmt.hops) + ")",
              stmt.hopsSpan, "write 'within 1' or more");
        ok = false;
    }
    ok = rejectRecordedAt(stmt.modifiers, "a diagram") && ok;
    ok = rejectPolicyAndDiff(stmt.modifiers, "a diagram") && ok;
    ok = bindDiagramQuery(stmt, span, out) && ok;
    ok = bindDiagramUnder(stmt, out) && ok;
    if (stmt.diff && out.query) {
        error("a diagram of a query cannot be a diff", stmt.diff->span,
              "draw the relations instead, as in 'diagram designs diff 2025..2026'");
        ok = false;
    }
    if (stmt.diff) ok = bindDiagramDiff(stmt, out) && ok;
    out.preferLatest = stmt.preferLatest;
    out.path = stmt.path.value_or("");
    out.pathSpan = stmt.pathSpan;
    if (stmt.layout) {
        out.layout = stmt.layout->text;
        out.layoutSpan = stmt.layout->span;
    }
    out.legend = stmt.legend;
    out.roles = stmt.roles;
    out.nativeNames = stmt.nativeNames;
    out.title = stmt.title.value_or("");
    if (ok) emit(std::move(out), span);
}

// The query a diagram draws (`? body` or a phrase question), or the modifiers of a diagram of
// relations; sets the window and `known at` of `out`.
bool Binder::bindDiagramQuery(const ast::DiagramStmt& stmt, const SourceSpan& span,
                              RunDiagram& out) {
    bool ok = true;
    BoundQuery query;
    query.span = span;
    if (stmt.phrase) {
        // The phrase binds as a question would; its query is taken back from the statements.
        size_t before = statements_.size();
        bindPhrase(*stmt.phrase, span);
        if (statements_.size() == before) return false;
        query = std::move(std::get<RunQuery>(statements_.back().node).query);
        statements_.pop_back();
    } else if (!stmt.query.empty()) {
        ok = bindBody(stmt.query, span, query, &stmt.modifiers.provenance);
    } else {
        ok = rejectProvenance(stmt.modifiers.provenance, "a diagram of relations");
    }
    bool isQuery = stmt.phrase || !stmt.query.empty();
    if (!isQuery && (!stmt.modifiers.orderBy.empty() || stmt.modifiers.limit)) {
        error("'order by' and 'limit' apply to the answers of a query", span,
              "draw a query's answers with 'diagram ? ...'");
        ok = false;
    } else if (!stmt.phrase) {
        ok = bindModifiers(stmt.modifiers, query) && ok;
    }
    out.window = query.window;
    out.knownAt = query.knownAt;
    if (!isQuery) return ok;
    if (!stmt.relations.empty() || stmt.chainOf) {
        error("a diagram of a query draws its own relations", span,
              "leave out the relations and 'chain of'");
        ok = false;
    }
    out.query = std::move(query);
    out.queryText = "?";
    if (stmt.phrase) out.queryText = ast::print(ast::Statement{*stmt.phrase, {}});
    for (size_t i = 0; i < stmt.query.size(); ++i)
        out.queryText += (i ? ", " : " ") + ast::print(stmt.query[i]);
    return ok;
}

bool Binder::bindDiagramDiff(const ast::DiagramStmt& stmt, RunDiagram& out) {
    auto from = bindDate(stmt.diff->from);
    std::optional<PartialDate> to;
    if (stmt.diff->to) {
        to = bindDate(*stmt.diff->to);
        if (!to) return false;
    }
    if (!from) return false;
    if (stmt.diffAsOf && !to) {
        error("a diff of what held needs two dates", stmt.diff->span,
              "as in 'diff as of 2025..2026'");
        return false;
    }
    // As for a query's diff (bindDiffRange): the earlier date first, or the drawing would
    // call removed what was added.
    if (to &&
        (to->lastDay() < from->lastDay() || (stmt.diffAsOf && to->firstDay() < from->firstDay()))) {
        error("the diff's dates are reversed: " + stmt.diff->to->text + " is before " +
                  stmt.diff->from.text,
              stmt.diff->span,
              "write the earlier date first: 'diff " + std::string(stmt.diffAsOf ? "as of " : "") +
                  stmt.diff->to->text + ".." + stmt.diff->from.text + "'");
        return false;
    }
    out.diff = RunDiagram::Diff{*from, to, stmt.diffAsOf};
    return true;
}

BindResult Binder::finish() {
    sortByPosition(diagnostics_);
    return {std::move(statements_), std::move(diagnostics_)};
}

void Binder::error(std::string message, const SourceSpan& span, std::string hint) {
    diagnostics_.push_back(makeError(Phase::Bind, std::move(message), span, std::move(hint)));
}

void Binder::warning(std::string message, const SourceSpan& span, std::string hint) {
    Diagnostic d = makeError(Phase::Bind, std::move(message), span, std::move(hint));
    d.severity = Severity::Warning;
    diagnostics_.push_back(std::move(d));
}

void Binder::emit(BoundStatement::Node node, const SourceSpan& span) {
    statements_.push_back({std::move(node), span});
}

static bool isBuiltinColumnType(const std::string& name) {
    std::string folded = text::foldCase(name);
    return folded == "text" || folded == "number";
}

void Binder::bindType(const ast::TypeDecl& decl, const SourceSpan& span) {
    TypeId parent = kNoId;
    if (decl.parent) {
        const schema::TypeInfo* p = catalog_.findType(decl.parent->text);
        if (!p) {
            error("unknown type '" + decl.parent->text + "'", decl.parent->span,
                  text::didYouMean(decl.parent->text, catalog_.typeNames()));
            return;
        }
        parent = p->id;
    }
    if (isBuiltinColumnType(decl.name.text)) {
        error("'" + decl.name.text + "' is a built-in column type", decl.name.span,
              "choose another name");
        return;
    }
    if (const schema::TypeInfo* existing = catalog_.findType(decl.name.text)) {
        if (existing->parent == parent) return; // the same declaration again: nothing to do
        std::string was = existing->parent == kNoId
                              ? "without a parent"
                              : "as a subtype of '" + catalog_.type(existing->parent).name + "'";
        error("type '" + decl.name.text + "' is already declared " + was, decl.name.span);
        return;
    }
    TypeId id = catalog_.addType(decl.name.text, parent);
    emit(DeclareType{catalog_.type(id)}, span);
}

std::optional<schema::Column> Binder::bindColumn(const ast::ColumnDecl& decl) {
    schema::Column column;
    column.name = decl.name.text;
    std::string type = text::foldCase(decl.type.text);
    if (type == "text")
        column.kind = schema::ColumnKind::Text;
    else if (type == "number")
        column.kind = schema::ColumnKind::Number;
    else if (const schema::TypeInfo* t = catalog_.findType(decl.type.text))
        column.type = t->id;
    else {
        std::vector<std::string> candidates = catalog_.typeNames();
        candidates.push_back("text");
        candidates.push_back("number");
        error("unknown type '" + decl.type.text + "'", decl.type.span,
              text::didYouMean(decl.type.text, candidates));
        return std::nullopt;
    }
    return column;
}

static bool sameColumns(const std::vector<schema::Column>& a,
                        const std::vector<schema::Column>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (text::foldCase(a[i].name) != text::foldCase(b[i].name) || a[i].kind != b[i].kind ||
            a[i].type != b[i].type)
            return false;
    return true;
}

void Binder::bindRelation(const ast::RelationDecl& decl, const SourceSpan& span) {
    schema::RelationInfo relation;
    relation.name = decl.name.text;
    bool ok = true;
    std::vector<std::string> seen;
    auto addColumns = [&](const std::vector<ast::ColumnDecl>& in,
                          std::vector<schema::Column>& out) {
        for (const ast::ColumnDecl& c : in) {
            std::string folded = text::foldCase(c.name.text);
            if (std::find(seen.begin(), seen.end(), folded) != seen.end()) {
                error("column '" + c.name.text + "' is declared twice", c.name.span);
                ok = false;
            }
            seen.push_back(folded);
            if (auto column = bindColumn(c))
                out.push_back(*column);
            else
                ok = false;
        }
    };
    addColumns(decl.columns, relation.columns);
    addColumns(decl.qualifiers, relation.qualifiers);
    relation.timeless = decl.timeless;
    relation.perPeriod = decl.perPeriod;
    if (decl.timeless && decl.perPeriod) {
        error("relation '" + decl.name.text + "' cannot be both timeless and per period",
              decl.name.span, "amounts per period have dates; keep one of the two");
        ok = false;
    }
    ok = bindKey(decl, relation) && ok;
    if (!ok) return;
    if (const schema::RelationInfo* existing = catalog_.findRelation(decl.name.text)) {
        bool sameKind =
            existing->timeless == relation.timeless && existing->perPeriod == relation.perPeriod;
        if (sameKind && sameColumns(existing->columns, relation.columns) &&
            sameColumns(existing->qualifiers, relation.qualifiers) &&
            (existing->keyColumns != relation.keyColumns ||
             existing->keyQualifiers != relation.keyQualifiers)) {
            std::string key =
                existing->keyed() ? "with key (" + existing->keyText() + ")" : "without a key";
            error("relation '" + decl.name.text + "' is already declared " + key, decl.name.span,
                  "keep one declaration");
            return;
        }
        if (sameColumns(existing->columns, relation.columns) &&
            sameColumns(existing->qualifiers, relation.qualifiers)) {
            if (sameKind) return;
            const char* declared = existing->timeless    ? "as timeless"
                                   : existing->perPeriod ? "as per period"
                                                         : "without 'timeless' or 'per period'";
            error("relation '" + decl.name.text + "' is already declared " + declared,
                  decl.name.span, "keep one declaration");
            return;
        }
        error("relation '" + decl.name.text + "' is already declared with other columns",
              decl.name.span, "keep one declaration");
        return;
    }
    RelationId id = catalog_.addRelation(std::move(relation));
    emit(DeclareRelation{catalog_.relation(id)}, span);
}

void Binder::bindSource(const ast::SourceDecl& decl, const SourceSpan& span) {
    schema::SourceInfo source;
    source.name = decl.name.text;
    source.title = decl.title.value_or("");
    source.author = decl.author.value_or("");
    source.url = decl.url.value_or("");
    if (decl.published) {
        source.published = bindDate(*decl.published);
        if (!source.published) return;
    }
    if (const schema::SourceInfo* existing = catalog_.findSource(decl.name.text)) {
        if (existing->title == source.title && existing->author == source.author &&
            existing->url == source.url && existing->published == source.published)
            return;
        error("source '" + decl.name.text + "' is already declared differently", decl.name.span,
              "keep one declaration");
        return;
    }
    SourceId id = catalog_.addSource(std::move(source));
    emit(DeclareSource{catalog_.source(id)}, span);
}

} // namespace chipgraph::bind
