// Entities and their names over time (docs/time.md, "Names over time"): a name or alias may
// say when it names its entity (`aka Facebook until 2021-10-28`) and which source introduced
// it (`entity X1 per wallstreetcn_2025_09: Chip`). A name always resolves to its one entity;
// written outside its validity, or in a question known at a date before it was reported, it
// draws a warning that names the entity's name of that time.
#include "bind/binder_impl.h"

#include "common/text.h"
#include "schema/names_over_time.h"

namespace chipgraph::bind {

// Whether the i-th name of a declaration gives dates: one without keeps those declared before.
static bool givesDates(const std::vector<ast::NameTerms>& all, size_t i) {
    return i < all.size() && (all[i].validity || all[i].source);
}

void Binder::bindEntity(const ast::EntityDecl& decl, const SourceSpan& span) {
    const schema::TypeInfo* type = catalog_.findType(decl.type.text);
    if (!type) {
        error("unknown type '" + decl.type.text + "'", decl.type.span,
              text::didYouMean(decl.type.text, catalog_.typeNames()));
        return;
    }
    if (decl.names.size() > 1 && !decl.aliases.empty()) {
        error("aliases need a single entity", decl.aliases.front().span,
              "declare each entity with its own 'aka' list");
        return;
    }
    for (size_t i = 0; i < decl.names.size(); ++i) {
        const ast::Name& name = decl.names[i];
        std::optional<schema::NameTerms> terms = bindNameTerms(decl.nameTerms, i);
        if (!terms) continue;
        const schema::EntityInfo* existing = catalog_.findEntity(name.text);
        if (existing && text::foldCase(existing->name) != text::foldCase(name.text)) {
            error("'" + name.text + "' is already an alias of '" + existing->name + "'", name.span);
            continue;
        }
        if (existing && existing->type != type->id) {
            error("entity '" + existing->name + "' is already declared as a " +
                      catalog_.type(existing->type).name,
                  name.span);
            continue;
        }
        if (existing && givesDates(decl.nameTerms, i) && !(existing->nameTerms == *terms)) {
            error("entity '" + existing->name + "' is already declared with other dates for " +
                      "its name",
                  name.span, "keep one declaration");
            continue;
        }
        EntityId id = existing ? existing->id : catalog_.addEntity(name.text, type->id);
        if (!existing) catalog_.setNameTerms(id, name.text, *terms);
        DeclareEntity out{id, existing == nullptr, {}};
        addEntityAliases(decl, id, out);
        if (out.isNew || !out.aliases.empty()) emit(std::move(out), span);
    }
}

void Binder::addEntityAliases(const ast::EntityDecl& decl, EntityId id, DeclareEntity& out) {
    for (size_t i = 0; i < decl.aliases.size(); ++i) {
        const ast::Name& alias = decl.aliases[i];
        std::optional<schema::NameTerms> terms = bindNameTerms(decl.aliasTerms, i);
        if (!terms) continue;
        const schema::EntityInfo* owner = catalog_.findEntity(alias.text);
        if (owner && owner->id != id) {
            error("alias '" + alias.text + "' already names '" + owner->name + "'", alias.span);
            continue;
        }
        if (owner) { // already this entity's name or alias: the same dates, or an error
            const schema::NameTerms* had = schema::termsOfName(*owner, alias.text);
            if (had && givesDates(decl.aliasTerms, i) && !(*had == *terms))
                error("'" + alias.text + "' is already a name of '" + owner->name +
                          "' with other dates",
                      alias.span, "keep one declaration");
            continue;
        }
        catalog_.addAlias(id, alias.text, *terms);
        out.aliases.push_back(alias.text);
    }
}

std::optional<schema::NameTerms> Binder::bindNameTerms(const std::vector<ast::NameTerms>& all,
                                                       size_t i) {
    schema::NameTerms out;
    if (i >= all.size()) return out;
    const ast::NameTerms& terms = all[i];
    if (terms.validity) {
        std::optional<Interval> valid = bindValidity(*terms.validity);
        if (!valid) return std::nullopt;
        out.valid = *valid;
    }
    if (terms.source) {
        const schema::SourceInfo* source = catalog_.findSource(terms.source->text);
        if (!source) {
            error("unknown source '" + terms.source->text + "'", terms.source->span,
                  text::didYouMean(terms.source->text, catalog_.sourceNames()));
            return std::nullopt;
        }
        out.source = source->id;
    }
    return out;
}

void Binder::noteNameUse(const schema::EntityInfo& entity, const ast::Name& written) {
    const schema::NameTerms* terms = schema::termsOfName(entity, written.text);
    if (terms && terms->any()) namesUsed_.push_back({entity.id, written.text, written.span});
}

void Binder::checkNamesInTime(const std::optional<Interval>& window,
                              const std::optional<DayNumber>& knownAt, bool inFact) {
    for (const NameUse& use : namesUsed_) {
        const schema::EntityInfo& entity = catalog_.entity(use.entity);
        const schema::NameTerms& terms = *schema::termsOfName(entity, use.written);
        if (window && !terms.valid.overlaps(*window)) {
            std::string asked = formatInterval(*window);
            const std::string* then = schema::nameValidThroughout(entity, *window);
            warning("'" + use.written + "' names '" + entity.name + "' only" +
                        validityClause(terms.valid) +
                        (inFact ? ", and the fact holds in " : ", and the question asks about ") +
                        asked,
                    use.span,
                    then ? "then it is called '" + *then + "'"
                         : "no one name of it holds throughout " + asked);
        }
        if (knownAt && !schema::nameKnownAt(catalog_, terms, *knownAt)) {
            const schema::SourceInfo& source = catalog_.source(terms.source);
            const std::string& shown = schema::nameShownAt(catalog_, entity, *knownAt);
            std::string asked = "the question's 'known at " + formatDay(*knownAt) + "'";
            warning(source.published
                        ? "'" + use.written + "' was first reported by " + source.name +
                              " (published " + source.published->toString() + "), after " + asked
                        : "'" + use.written + "' comes from " + source.name +
                              ", which has no publication date: it is not known at " + asked,
                    use.span,
                    shown != use.written
                        ? "answers known then call it '" + shown + "'"
                        : "no earlier name of it is recorded; answers show '" + shown + "'");
        }
    }
    namesUsed_.clear();
}

} // namespace chipgraph::bind
