#pragma once
// Test support for the tests of bind, plan and eval: parses source text (which must be free of
// syntax errors) and binds it against a catalog, and a small chip-industry schema to bind to.
#include "bind/binder.h"
#include "parse/parser.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

namespace chipgraph::testing {

// Types, relations, entities (with aliases, Chinese included) and sources shared by the tests.
inline const char* const kChipSchema = R"(
type Company.
type Vendor <: Company.
type DesignFirm <: Company.
type Chip.
relation develops(owner: Vendor, chip: Chip).
relation designs(firm: DesignFirm, chip: Chip) { role: text }.
relation shipments(owner: Vendor, units: number).
relation spec(chip: Chip, metric: text, value: number, unit: text).
relation customer_of(customer: Company, supplier: Company).
relation in_service(chip: Chip).
entity Google: Vendor aka "Alphabet", "谷歌".
entity Amazon: Vendor aka "AWS".
entity Broadcom: DesignFirm aka "博通".
entity Alchip: DesignFirm.
entity Alphawave: DesignFirm.
entity Trainium3: Chip.
entity "TPU v7": Chip aka "Ironwood".
source seed2025 "海外算力ASIC:需求或提速" published 2025-06.
source reuters2025 published 2025-12-03.
)";

inline ast::Program parseOrFail(const std::string& text) {
    parse::ParseResult parsed =
        parse::parseProgram(text, std::make_shared<const std::string>("t.kg"));
    for (const Diagnostic& d : parsed.diagnostics)
        UNSCOPED_INFO("syntax: " << d.span.line << ":" << d.span.column << ": " << d.message);
    REQUIRE(parsed.ok());
    return std::move(parsed.program);
}

inline bind::BindResult bindText(const std::string& text, schema::Catalog& catalog) {
    return bind::bindProgram(parseOrFail(text), catalog);
}

// A catalog holding kChipSchema.
inline schema::Catalog chipCatalog() {
    schema::Catalog catalog;
    bind::BindResult r = bindText(kChipSchema, catalog);
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO("bind: " << d.span.line << ":" << d.span.column << ": " << d.message);
    REQUIRE(r.ok());
    return catalog;
}

inline std::string positionOf(const Diagnostic& d) {
    return std::to_string(d.span.line) + ":" + std::to_string(d.span.column);
}

} // namespace chipgraph::testing
