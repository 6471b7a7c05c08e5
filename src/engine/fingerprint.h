#pragma once
// The fingerprint of an answer's basis (docs/time.md, "Reproducible answers"): a hash of the
// stored facts the question can read and the rules it uses. Internal to src/engine.
#include "bind/bound.h"
#include "engine/engine.h"
#include "eval/base_cache.h"
#include "eval/fact_base.h"

#include <string>

namespace chipgraph::engine {

// 16 hex digits. The basis: every rule the query's relations are derived by (transitively),
// and every stored fact of the base relations they read that the query's `known at` and window
// let through (a claim left out cannot change the answer), with its source's report date.
// Equal bases give equal fingerprints whatever order the facts were stored in; a fact added,
// retracted or changed, or a rule added, changes it (the question's own `per`, `status` and
// comparisons are not applied: a change they would filter out still changes it).
// `cache` (the session's, when given) keeps each relation's share while its facts are unchanged.
std::string answerFingerprint(const bind::BoundQuery& query, const schema::Catalog& catalog,
                              const eval::FactBase& facts, const RuleSet& rules,
                              eval::BaseTableCache* cache = nullptr);

} // namespace chipgraph::engine
