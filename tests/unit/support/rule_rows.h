#pragma once
// Test support for the rule-evaluation property tests: a relation evaluated by its own
// RuleEngine with the options under test, its rows as sorted text to compare strategies.
#include "engine/engine.h"
#include "engine/engine_testing.h"
#include "eval/rule_engine.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace chipgraph::testing {

// Every row of `relation`: its values, status and validity, and when `options` track
// provenance, its sources and report day; sorted.
inline std::vector<std::string> evaluatedRows(const engine::Engine& engine,
                                              const std::string& relation,
                                              const eval::RuleEvalOptions& options) {
    const engine::RuleSet& set = engine.rules();
    eval::RuleEngine rules(engine.catalog(), engine::EngineTesting::facts(engine), set.rules,
                           set.strata, options);
    RelationId id = engine.catalog().findRelation(relation)->id;
    REQUIRE(rules.evaluate({id}).isOk());
    const eval::TupleTable& table = rules.table(id);
    std::vector<std::string> rows;
    for (eval::RowId r = 0; r < table.size(); ++r) {
        std::ostringstream row;
        for (int c = 0; c < table.width(); ++c)
            row << rules.interner().value(table.row(r)[c]).key() << ",";
        row << static_cast<int>(table.status(r));
        eval::IntervalSet days = table.validity(r);
        for (const Interval& part : days.parts())
            row << " [" << part.from << "," << part.to << ")";
        if (options.trackProvenance) {
            const eval::RowProvenance* p = table.provenance(r);
            REQUIRE(p);
            for (SourceId s : p->sources)
                row << " s" << s;
            if (p->reported) row << " known " << p->reported->firstDay();
        }
        rows.push_back(row.str());
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

} // namespace chipgraph::testing
