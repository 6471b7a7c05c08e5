#pragma once
// Opening what a command or the REPL names: an existing database file, or (no name) the
// knowledge base bundled from graph/, loaded into a private in-memory database. One place, so
// every front end says the same thing about a missing file or a broken bundle.
#include "engine/engine.h"

#include <memory>
#include <string>

namespace chipgraph::engine {

// `database` empty: the bundled graph. Otherwise the file must exist (an error naming
// `chipgraph init` when it does not); `readOnly` opens it without ever writing.
Result<std::unique_ptr<Engine>> openDatabaseOrBundled(const std::string& database, bool readOnly);

} // namespace chipgraph::engine
