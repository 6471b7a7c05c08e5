// The parts of a partitioned closure (eval/partition.h) on several threads. Each thread has its
// own StratumRun, part table and joins; what they share is read only while they run: the base
// and lower strata's tables (loaded and indexed first), the interner (every constant interned
// first) and the rules. Parts are appended in order, so the result does not depend on timing.
#include "eval/stratum_run.h"

#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

namespace chipgraph::eval {

// Rules whose joins would write shared state are closed on one thread: an assignment interns
// the values it computes, a negation's probe builds column indexes as it goes.
bool StratumRun::parallelSafe() const {
    for (size_t index : stratum_.rules) {
        const bind::BoundRule& rule = engine_.rules_[index];
        if (!usesStratum(rule)) continue;
        if (!rule.body.negations.empty()) return false;
        for (const bind::BoundComparison& c : rule.body.comparisons)
            if (c.assigns >= 0) return false;
    }
    return true;
}

Status StratumRun::runPartsInParallel(Parts& parts, int threads) {
    // Everything the joins would load, intern or index on first use, done here, once.
    for (const DeltaPlan& p : parts.plans) {
        const bind::BoundRule& rule = engine_.rules_[p.rule];
        BodyJoin warm(engine_, rule.body, p.plan, {parts.relation, parts.seeds.get()});
        headCells(rule);
        for (const plan::JoinStep& step : p.plan.steps) {
            RelationId used = rule.body.atoms[step.atom].relation;
            if (step.lookupPosition >= 0 && used != parts.relation)
                engine_.table(used).lookup(step.lookupPosition, kNoValue);
        }
        // Ordering names reads them (expr_eval.cpp): the catalog reads every entity now, as it
        // cannot read one on demand from several threads (schema/catalog.h).
        for (const bind::BoundComparison& c : rule.body.comparisons)
            if (c.op != bind::CompareOp::Eq && c.op != bind::CompareOp::Ne)
                engine_.catalog_.readAllEntities();
    }
    std::mutex mutex;    // guards the next part, `parts`' pool and landing, and `failure`
    size_t nextPart = 1; // the first part is closed already
    Status failure = Status::ok();
    auto work = [&] {
        StratumRun run(engine_, stratum_, true);
        for (;;) {
            size_t k;
            std::unique_ptr<TupleTable> table;
            {
                std::lock_guard<std::mutex> lock(mutex);
                if (!failure || nextPart == parts.ranges.size()) return;
                k = nextPart++;
                table = parts.table();
            }
            Status status = Status::ok();
            try {
                status =
                    run.closePart(parts, parts.ranges[k].first, parts.ranges[k].second, *table);
            } catch (const std::exception& e) {
                status = Status::error(std::string("rule evaluation failed: ") + e.what());
            }
            std::lock_guard<std::mutex> lock(mutex);
            if (!status) {
                if (failure) failure = status;
                return;
            }
            parts.land(k, std::move(table));
        }
    };
    std::vector<std::thread> pool;
    try {
        for (int t = 1; t < threads; ++t)
            pool.emplace_back(work);
    } catch (const std::system_error&) {
        // No more threads to be had: the ones running (this one at least) close every part.
    }
    work();
    for (std::thread& t : pool)
        t.join();
    return failure;
}

} // namespace chipgraph::eval
