#pragma once
// What a query reads: the base facts, and the facts of the relations rules define. A derived
// relation is read in place from rule evaluation's table (a DerivedTable: interned rows, one
// fact per row and validity interval) rather than copied into Facts first: a question over
// 100 000 derived facts would otherwise spend most of its time building and freeing them.
#include "eval/fact_base.h"
#include "eval/interner.h"
#include "eval/paged_facts.h"
#include "eval/tuple_table.h"

#include <map>
#include <vector>

namespace chipgraph::eval {

// A derived relation's table as a query reads it. Holds references: the table and the
// interner its ids belong to must outlive it, unchanged.
class DerivedTable {
public:
    DerivedTable(const TupleTable& table, const Interner& interner)
        : table_(&table), interner_(&interner) {}
    const TupleTable& table() const { return *table_; }
    const Interner& interner() const { return *interner_; }
    // The facts the table stands for: one per row and validity interval (counted once).
    size_t factCount() const;

private:
    const TupleTable* table_;
    const Interner* interner_;
    mutable size_t factCount_ = SIZE_MAX; // not counted yet
};

class FactView {
public:
    explicit FactView(const FactBase& base, const FactBase* derived = nullptr)
        : base_(base), derived_(derived) {}
    // Reads `relation` from `table` (whose ids are in `interner`) from now on; both must
    // outlive the view.
    void addTable(RelationId relation, const TupleTable& table, const Interner& interner) {
        tables_.insert_or_assign(relation, DerivedTable(table, interner));
    }
    // The relation's table when it is read from one, else null (read relation()).
    const DerivedTable* table(RelationId id) const {
        auto it = tables_.find(id);
        return it == tables_.end() ? nullptr : &it->second;
    }
    // Reads `relations` by lookups from `paged` (which must outlive the view); lookups at
    // positions it does not serve, and scans, read them whole as any other.
    void setPaged(const PagedFacts* paged, std::vector<RelationId> relations) {
        paged_ = paged;
        pagedRelations_ = std::move(relations);
    }
    const PagedFacts* paged(RelationId id) const {
        for (RelationId r : pagedRelations_)
            if (r == id) return paged_->readWhole(id) ? nullptr : paged_;
        return nullptr;
    }
    const RelationFacts& relation(RelationId id) const {
        return derived_ && derived_->has(id) ? derived_->relation(id) : base_.relation(id);
    }
    // How many facts the relation has, wherever they are kept.
    size_t size(RelationId id) const {
        if (const DerivedTable* t = table(id)) return t->factCount();
        if (const PagedFacts* p = paged(id)) return p->size(id);
        return relation(id).size();
    }

private:
    const FactBase& base_;
    const FactBase* derived_;
    std::map<RelationId, DerivedTable> tables_;
    const PagedFacts* paged_ = nullptr;
    std::vector<RelationId> pagedRelations_;
};

} // namespace chipgraph::eval
