#include "parse/transformer.h"

namespace chipgraph::parse {

ast::TypeDecl Transformer::transformTypeDecl(P::TypeDeclContext* ctx) {
    ast::TypeDecl decl;
    decl.name = transformName(ctx->name(0));
    if (ctx->SUBTYPE()) decl.parent = transformName(ctx->name(1));
    return decl;
}

ast::RelationDecl Transformer::transformRelationDecl(P::RelationDeclContext* ctx) {
    ast::RelationDecl decl;
    decl.name = transformIdent(ctx->ident());
    // Columns inside '(' ')' come first; any after the closing ')' are qualifier columns.
    size_t closeParen = ctx->getStart()->getTokenIndex();
    for (antlr4::tree::ParseTree* child : ctx->children)
        if (child->getText() == ")") {
            closeParen =
                static_cast<antlr4::tree::TerminalNode*>(child)->getSymbol()->getTokenIndex();
            break;
        }
    for (P::ColumnDeclContext* c : ctx->columnDecl()) {
        ast::ColumnDecl column{transformIdent(c->ident(0)), transformIdent(c->ident(1))};
        if (c->getStart()->getTokenIndex() < closeParen)
            decl.columns.push_back(column);
        else
            decl.qualifiers.push_back(column);
    }
    for (P::RelationKindContext* kind : ctx->relationKind()) {
        if (dynamic_cast<P::TimelessKindContext*>(kind)) {
            decl.timeless = true;
        } else if (auto* key = dynamic_cast<P::KeyKindContext*>(kind)) {
            if (!decl.key.empty())
                diagnostics_.push_back(makeError(Phase::Syntax, "a key is given twice", span(key),
                                                 "list every key column in one 'key (...)'"));
            for (P::IdentContext* column : key->ident())
                decl.key.push_back(transformIdent(column));
        } else {
            decl.perPeriod = true;
        }
    }
    return decl;
}

ast::EntityDecl Transformer::transformEntityDecl(P::EntityDeclContext* ctx) {
    ast::EntityDecl decl;
    // entityName (',' entityName)* ':' type (aka entityName (',' entityName)*)?
    decl.type = transformName(ctx->name());
    size_t typeToken = ctx->name()->getStart()->getTokenIndex();
    for (P::EntityNameContext* n : ctx->entityName()) {
        bool alias = n->getStart()->getTokenIndex() > typeToken;
        (alias ? decl.aliases : decl.names).push_back(transformName(n->name()));
        (alias ? decl.aliasTerms : decl.nameTerms).push_back(transformNameTerms(n));
    }
    return decl;
}

ast::NameTerms Transformer::transformNameTerms(P::EntityNameContext* ctx) {
    ast::NameTerms terms;
    for (P::NameClauseContext* c : ctx->nameClause()) {
        bool repeated = c->validity() ? terms.validity.has_value() : terms.source.has_value();
        if (repeated) {
            std::string what = c->validity() ? "validity" : "source";
            diagnostics_.push_back(makeError(Phase::Syntax, what + " is given twice", span(c),
                                             "a name has at most one " + what));
        }
        if (c->validity())
            terms.validity = transformValidity(c->validity());
        else
            terms.source = transformIdent(c->ident());
    }
    return terms;
}

ast::SourceDecl Transformer::transformSourceDecl(P::SourceDeclContext* ctx) {
    ast::SourceDecl decl;
    decl.name = transformIdent(ctx->ident());
    if (ctx->STRING()) decl.title = unquote(ctx->STRING()->getText());
    for (P::SourceFieldContext* field : ctx->sourceField()) {
        bool duplicate = false;
        if (auto* f = dynamic_cast<P::SourceAuthorContext*>(field)) {
            duplicate = decl.author.has_value();
            decl.author = unquote(f->STRING()->getText());
        } else if (auto* f = dynamic_cast<P::SourcePublishedContext*>(field)) {
            duplicate = decl.published.has_value();
            decl.published = transformDate(f->date());
        } else if (auto* f = dynamic_cast<P::SourceUrlContext*>(field)) {
            duplicate = decl.url.has_value();
            decl.url = unquote(f->STRING()->getText());
        }
        if (duplicate)
            diagnostics_.push_back(makeError(Phase::Syntax,
                                             "'" + field->getStart()->getText() +
                                                 "' is given twice for source '" + decl.name.text +
                                                 "'",
                                             span(field), "keep one"));
    }
    return decl;
}

} // namespace chipgraph::parse
