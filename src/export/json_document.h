#pragma once
// Several answers as one JSON document (`--format json`: an array of answer objects) or as
// JSON Lines (`--format jsonl`: one answer object per line), so that a script reads every
// answer of a run with one parser call.
#include "common/derivation.h"
#include "common/table.h"

#include <optional>
#include <string>
#include <vector>

namespace chipgraph::exporter {

// One answer; the pointers are borrowed for the call and may be null.
struct JsonAnswer {
    std::string query;                                        // the statement as written
    const Table* table = nullptr;                             // columns, rows, notes
    const std::vector<DerivationNode>* derivations = nullptr; // `why`: "facts"
    std::optional<std::string> text;                          // a document (DOT) or a message
    std::optional<std::string> plan;                          // when the plan is shown
    // A question's basis: "basis": {"known_at", "valid", "recorded_at", "policy",
    // "fingerprint"}, null where the question gives none.
    struct Basis {
        std::optional<std::string> knownAt, valid, recordedAt;
        std::string policy, fingerprint;
    };
    std::optional<Basis> basis;
};

// `lines` false: `[{"query": ..., "columns": [...], "rows": [...], "notes": [...]}, ...]` and a
// newline; true: each object on its own line. An empty list is `[]` (or "" as lines).
std::string renderJsonDocument(const std::vector<JsonAnswer>& answers, bool lines);

} // namespace chipgraph::exporter
