#pragma once
// A whole database as `.kg` text (`chipgraph dump`, the REPL's `.dump`): statements that
// `chipgraph load` reads back into an equal database, in a fixed order so that the dump of a
// loaded dump is the same text. One section per kind of stored thing, each a function.
#include "schema/catalog.h"
#include "schema/fact.h"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::exporter {

// What a dump writes: the catalog (types, relations, entities with aliases, sources, rules,
// `draw` declarations),
// the base facts in the order they were stored, and the what-if scenarios as stored (their
// canonical `scenario NAME { ... }` text). The log and watch lists are not written: a load
// records its own log, and watches are saved by `chipgraph watch add`.
struct DumpInput {
    const schema::Catalog& catalog;
    const std::vector<schema::Fact>& facts;
    const std::vector<std::string>& scenarios;
};

// One section: its name and the function writing it (a heading, then its statements; nothing
// when it has none). A new kind of persisted declaration adds a function and a row to
// dumpSections(), at a place where everything its statements name is declared before them.
struct DumpSection {
    const char* name;
    void (*write)(std::ostream& out, const DumpInput& input);
};
const std::vector<DumpSection>& dumpSections();

// Writes the header and every section that has statements.
void writeDump(std::ostream& out, const DumpInput& input);

// The sections (dumpSections() in order).
void writeTypes(std::ostream& out, const DumpInput& input);
void writeRelations(std::ostream& out, const DumpInput& input);
void writeSources(std::ostream& out, const DumpInput& input);
void writeEntities(std::ostream& out, const DumpInput& input);
void writeFacts(std::ostream& out, const DumpInput& input);
void writeRules(std::ostream& out, const DumpInput& input);
void writeScenarios(std::ostream& out, const DumpInput& input);
void writeDrawings(std::ostream& out, const DumpInput& input);

// A section's heading comment, as graph/ files have them: "-- ---- types ----...".
void writeHeading(std::ostream& out, std::string_view title);

// A name (entity, alias, type) as a term: bare when it lexes as an identifier and cannot be a
// keyword (keywords are lowercase ASCII words), else a quoted string.
std::string dumpName(std::string_view name);

} // namespace chipgraph::exporter
