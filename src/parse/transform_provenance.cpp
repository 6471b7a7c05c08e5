// `per S`, `status W` and `reported R` in queries: on an atom, or for the whole query.
#include "parse/transformer.h"

namespace chipgraph::parse {

void Transformer::addProvenance(ast::ProvenanceClauses& into, P::ProvenanceClauseContext* ctx) {
    auto set = [&](std::optional<ast::Name>& slot, P::IdentContext* ident, const char* what) {
        if (slot)
            diagnostics_.push_back(makeError(Phase::Syntax, std::string(what) + " is given twice",
                                             span(ctx), "give one per atom or query"));
        slot = transformIdent(ident);
        if (!into.span.valid()) into.span = span(ctx);
    };
    if (auto* p = dynamic_cast<P::PerClauseContext*>(ctx))
        set(into.source, p->ident(), "'per'");
    else if (auto* s = dynamic_cast<P::StatusClauseContext*>(ctx))
        set(into.status, s->ident(), "'status'");
    else
        set(into.reported, static_cast<P::ReportedClauseContext*>(ctx)->ident(), "'reported'");
}

ast::ProvenanceClauses
Transformer::transformProvenance(const std::vector<P::ProvenanceClauseContext*>& ctxs) {
    ast::ProvenanceClauses out;
    for (P::ProvenanceClauseContext* c : ctxs)
        addProvenance(out, c);
    return out;
}

// The parser gives clauses written after the body's last atom to that atom; they are the
// query's (every positive atom's), as when written among the other modifiers.
void Transformer::liftQueryClauses(std::vector<ast::Literal>& body, ast::Modifiers& modifiers) {
    if (body.empty()) return;
    auto* last = std::get_if<ast::Atom>(&body.back());
    if (!last || last->provenance.empty()) return;
    ast::ProvenanceClauses& atom = last->provenance;
    ast::ProvenanceClauses& query = modifiers.provenance;
    auto merge = [&](std::optional<ast::Name>& from, std::optional<ast::Name>& to,
                     const char* what) {
        if (!from) return;
        if (to)
            diagnostics_.push_back(makeError(Phase::Syntax, std::string(what) + " is given twice",
                                             to->span, "give one per atom or query"));
        to = std::move(from);
        from.reset();
    };
    merge(atom.source, query.source, "'per'");
    merge(atom.status, query.status, "'status'");
    merge(atom.reported, query.reported, "'reported'");
    if (!query.span.valid() || atom.span < query.span) query.span = atom.span;
    atom.span = {};
}

} // namespace chipgraph::parse
