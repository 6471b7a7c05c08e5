#include "parse/transformer.h"

#include "common/text.h"

#include <cstdlib>

namespace chipgraph::parse {

ast::QueryStmt Transformer::transformQuery(P::QueryStmtContext* ctx) {
    ast::QueryStmt query;
    if (P::QueryHeadContext* head = ctx->queryHead()) {
        query.distinct = head->DISTINCT() != nullptr;
        for (P::HeadArgContext* arg : head->headArg())
            query.head.push_back(transformHeadArg(arg));
    }
    std::vector<ast::Literal>* branch = &query.body;
    for (antlr4::tree::ParseTree* child : ctx->children) {
        if (auto* separator = dynamic_cast<P::OrSepContext*>(child)) {
            if (!query.orSpan.valid()) query.orSpan = span(separator);
            branch = &query.orBranches.emplace_back();
        } else if (auto* lit = dynamic_cast<P::LiteralContext*>(child)) {
            branch->push_back(transformLiteral(lit));
        }
    }
    query.modifiers = transformModifiers(ctx->modifier());
    liftQueryClauses(query.body, query.modifiers);
    return query;
}

ast::WhyStmt Transformer::transformWhy(P::WhyStmtContext* ctx) {
    return {transformAtom(ctx->atom()), transformModifiers(ctx->modifier())};
}

ast::PhraseQuery Transformer::transformPhrase(P::PhraseQueryContext* ctx) {
    ast::PhraseQuery q;
    size_t previousStop = 0;
    for (P::PhraseWordContext* w : ctx->phraseWord()) {
        antlr4::Token* token = w->getStart();
        bool quoted = token->getType() == P::STRING;
        std::string text = token->getText();
        q.words.push_back({quoted ? unquote(text) : text, quoted,
                           !q.words.empty() && token->getStartIndex() > previousStop + 1,
                           span(token)});
        previousStop = token->getStopIndex();
    }
    q.modifiers = transformModifiers(ctx->modifier());
    checkPhraseLines(ctx, q);
    return q;
}

// Whether a statement starting with `word` reads as a question (who, ..., or Chinese).
static bool asksQuestion(const ast::PhraseWord& word) {
    std::string text = text::foldCase(word.text);
    return !word.quoted && (text == "who" || text == "what" || text == "which" || text == "when" ||
                            text == "how" || static_cast<unsigned char>(text[0]) >= 0x80);
}

// Any words before a '?' read as a phrase question, so two statements run together by a missing
// end read as one. Two signs of that: a later line starting with a question word (`who designs
// X` + newline + `who designs Y?`: a '?' is missing), and a '?' starting a line (`Amazon develops
// X` + newline + `? x(A).`: the '?' starts a query; the line before lacks its '.').
void Transformer::checkPhraseLines(P::PhraseQueryContext* ctx, const ast::PhraseQuery& q) {
    auto missing = [&](const SourceSpan& before, const std::string& what) {
        SourceSpan at = before;
        at.column = at.endColumn;
        at.endColumn = at.column + 1;
        diagnostics_.push_back(makeError(Phase::Syntax, "missing " + what, at,
                                         "every statement ends with '.' (questions with '?')"));
    };
    for (size_t i = 1; i < q.words.size(); ++i) {
        bool questionWord =
            asksQuestion(q.words[i]) && static_cast<unsigned char>(q.words[i].text[0]) < 0x80;
        if (questionWord && q.words[i].span.line > q.words[i - 1].span.line) {
            missing(q.words[i - 1].span, asksQuestion(q.words.front())
                                             ? "'?' at the end of the question"
                                             : "'.' at the end of the statement");
            return;
        }
    }
    antlr4::Token* mark = ctx->getStop();
    auto* before =
        dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children[ctx->children.size() - 2]);
    antlr4::Token* previous =
        before ? before->getSymbol()
               : static_cast<antlr4::ParserRuleContext*>(ctx->children[ctx->children.size() - 2])
                     ->getStop();
    if (mark->getLine() > previous->getLine())
        missing(span(previous), "'.' at the end of the statement");
}

ast::Modifiers Transformer::transformModifiers(const std::vector<P::ModifierContext*>& ctxs) {
    ast::Modifiers m;
    auto twice = [&](P::ModifierContext* c, const std::string& what, const std::string& hint) {
        diagnostics_.push_back(makeError(Phase::Syntax, what + " is given twice", span(c), hint));
    };
    for (P::ModifierContext* c : ctxs) {
        if (auto* a = dynamic_cast<P::AsOfModifierContext*>(c)) {
            if (m.window) twice(c, "a time window", "use one of 'as of', 'in' or 'during'");
            m.window = ast::TimeWindow{transformDate(a->date()), std::nullopt, span(c)};
        } else if (auto* i = dynamic_cast<P::InModifierContext*>(c)) {
            if (m.window) twice(c, "a time window", "use one of 'as of', 'in' or 'during'");
            m.window = ast::TimeWindow{transformDate(i->date()), std::nullopt, span(c)};
        } else if (auto* d = dynamic_cast<P::DuringModifierContext*>(c)) {
            if (m.window) twice(c, "a time window", "use one of 'as of', 'in' or 'during'");
            m.window =
                ast::TimeWindow{transformDate(d->date(0)), transformDate(d->date(1)), span(c)};
        } else if (auto* k = dynamic_cast<P::KnownAtModifierContext*>(c)) {
            if (m.knownAt) twice(c, "'known at'", "give one date");
            m.knownAt = transformDate(k->date());
        } else if (auto* r = dynamic_cast<P::RecordedAtModifierContext*>(c)) {
            if (m.recordedAt) twice(c, "'recorded at'", "give one date");
            m.recordedAt = transformDate(r->date());
        } else if (auto* o = dynamic_cast<P::OrderByModifierContext*>(c)) {
            if (!m.orderBy.empty()) twice(c, "'order by'", "list every key in one 'order by'");
            for (P::OrderKeyContext* key : o->orderKey())
                m.orderBy.push_back(
                    {key->ident() ? transformIdent(key->ident())
                                  : ast::Name{"source", false, span(key->SOURCE()->getSymbol())},
                     key->DESC() != nullptr});
        } else if (auto* p = dynamic_cast<P::ProvenanceModifierContext*>(c)) {
            addProvenance(m.provenance, p->provenanceClause());
        } else if (auto* p = dynamic_cast<P::PreferModifierContext*>(c)) {
            if (m.policy) twice(c, "'prefer'", "list the sources in one 'prefer'");
            m.policy = transformPolicy(p);
        } else if (auto* d = dynamic_cast<P::DiffModifierContext*>(c)) {
            if (m.diff) twice(c, "'diff'", "give one pair of dates");
            m.diff = transformDiffRange(d->diffRange());
            m.diff->span = span(c);
        } else if (auto* u = dynamic_cast<P::UnderModifierContext*>(c)) {
            if (!m.under.empty()) twice(c, "'under'", "list every scenario in one 'under a, b'");
            for (P::IdentContext* name : u->ident())
                m.under.push_back(transformIdent(name));
            m.diffUnder = u->DIFF() != nullptr;
        } else {
            auto* l = static_cast<P::LimitModifierContext*>(c);
            if (m.limit) twice(c, "'limit'", "give one limit");
            m.limit = std::strtoll(l->INT()->getText().c_str(), nullptr, 10);
        }
    }
    return m;
}

} // namespace chipgraph::parse
