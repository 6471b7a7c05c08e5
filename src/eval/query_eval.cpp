#include "eval/query_eval.h"

#include "common/memory.h"
#include "eval/claim_filter.h"
#include "eval/expr_eval.h"
#include "eval/interval_set.h"
#include "eval/query_answer.h"
#include "eval/query_provenance.h"
#include "eval/query_rows.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace chipgraph::eval {

using bind::BoundTerm;

namespace {

std::optional<PartialDate> latestOf(const std::optional<PartialDate>& a,
                                    const std::optional<PartialDate>& b) {
    if (!a) return b;
    if (!b) return a;
    return a->firstDay() >= b->firstDay() ? a : b;
}

std::optional<PartialDate> earliestOf(const std::optional<PartialDate>& a,
                                      const std::optional<PartialDate>& b) {
    if (!a) return b;
    if (!b) return a;
    return a->firstDay() <= b->firstDay() ? a : b;
}

class Evaluator {
public:
    Evaluator(const bind::BoundQuery& query, const plan::QueryPlan& plan, const FactView& facts,
              const schema::Catalog& catalog, const QueryLimits& limits)
        : query_(query), plan_(plan), facts_(facts), catalog_(catalog), limits_(limits),
          binding_(query.variables.size(), nullptr), assigned_(query.variables.size()),
          provenance_(catalog), distinct_(answersAreDistinctRows(query, plan, facts)) {}

    // Why the evaluation stopped early, if it did.
    const Status& stopped() const { return stopped_; }
    const LeftOutCounts& leftOut() const { return leftOut_; }

    Answers run() {
        out_.width = binding_.size();
        out_.atoms = query_.atoms.size();
        if (distinct_) { // a row an answer, mostly (a row valid on several intervals gives more)
            size_t rows = facts_.table(query_.atoms[0].relation)->table().size();
            out_.answers.reserve(rows);
            out_.values.reserve(rows * out_.width);
        }
        visit(0, Interval::always(), schema::FactStatus::Actual);
        return std::move(out_);
    }

private:
    // Why the window and `known at` leave a row of `atom`'s relation out (claim_filter.h).
    template <class Row> LeftOut hidden(const bind::BoundAtom& atom, const Row& row) const {
        if (!claims_.any()) return LeftOut::None;
        // A derived relation's rows were derived from filtered premises: only the window applies.
        return claims_.check(catalog_, catalog_.relation(atom.relation), row.valid(), row.source());
    }
    template <class Row> bool visible(const bind::BoundAtom& atom, const Row& row) {
        LeftOut reason = hidden(atom, row);
        if (reason == LeftOut::None) return true;
        if (reason == LeftOut::OutsideWindow || reason == LeftOut::ReportedLater) return false;
        // Told to the reader: counted once per claim that would have matched.
        size_t mark = bound_.size();
        if (matches(atom, row) && countedLeftOut_.insert(row.identity()).second)
            leftOut_.count(reason);
        unbindTo(mark);
        return false;
    }

    const Value* valueOf(const BoundTerm& term) const {
        if (term.kind == BoundTerm::Kind::Constant) return &term.value;
        if (term.kind == BoundTerm::Kind::Variable) return binding_[term.variable];
        return nullptr;
    }

    // Binds the term to `value` (recording a newly bound variable in bound_); false on mismatch.
    bool unify(const BoundTerm& term, const Value& value) {
        if (term.kind == BoundTerm::Kind::Wildcard) return true;
        if (const Value* current = valueOf(term)) return *current == value;
        const bind::Variable& var = query_.variables[term.variable];
        if (var.requiredType != kNoId &&
            !(value.isEntity() &&
              catalog_.isSubtype(catalog_.entity(value.entityId()).type, var.requiredType)))
            return false;
        binding_[term.variable] = &value;
        bound_.push_back(term.variable);
        return true;
    }

    template <class Row> bool matches(const bind::BoundAtom& atom, const Row& row) {
        for (size_t p = 0; p < atom.args.size(); ++p)
            if (!unify(atom.args[p], row.arg(p))) return false;
        for (const auto& [index, term] : atom.qualifiers) {
            const Value* q = row.qualifier(index);
            if (!q) {
                if (term.kind != BoundTerm::Kind::Wildcard) return false;
                continue;
            }
            if (!unify(term, *q)) return false;
        }
        return true;
    }

    // Binds a variable of `per S` / `reported R` (recorded in bound_); false on mismatch.
    bool bindValue(int variable, const Value& value) {
        if (binding_[variable]) return *binding_[variable] == value;
        binding_[variable] = &value;
        bound_.push_back(variable);
        return true;
    }

    // The row passes the atom's `per`, `status` and `reported` (query_provenance.h).
    template <class Row> bool matchesProvenance(const bind::ProvenanceFilter& f, const Row& row) {
        if (!f.any()) return true;
        if (f.status && row.status() != *f.status) return false;
        if (f.source != kNoId && !ProvenanceValues::from(row.premise(), f.source)) return false;
        if (f.sourceVariable < 0 && f.reportedVariable < 0) return true;
        SourceId id = row.source(); // a stated fact's (the binder keeps these off derived ones)
        if (id == kNoId) return false;
        if (f.sourceVariable >= 0 && !bindValue(f.sourceVariable, provenance_.name(id)))
            return false;
        if (f.reportedVariable < 0) return true;
        const Value* date = provenance_.reportDate(id);
        return date && provenance_.withinBounds(id, f.reportedBounds) &&
               bindValue(f.reportedVariable, *date);
    }

    // A comparison holds, or an assignment binds its variable (recorded in bound_).
    bool check(const bind::BoundComparison& c) {
        auto lookup = [&](int v) { return binding_[v]; };
        // Variables are bound and typed by now: an undefined side is a division by zero,
        // which the answer's notes count rather than drop in silence.
        auto rhs = evaluateExpr(c.rhs, lookup);
        if (!rhs) return undefinedArithmetic();
        if (c.assigns >= 0) {
            assigned_[c.assigns] = std::move(*rhs);
            binding_[c.assigns] = &assigned_[c.assigns];
            bound_.push_back(c.assigns);
            return true;
        }
        auto lhs = evaluateExpr(c.lhs, lookup);
        if (!lhs) return undefinedArithmetic();
        return compareValues(*lhs, c.op, *rhs, catalog_);
    }
    bool undefinedArithmetic() {
        ++leftOut_.divisionByZero;
        return false;
    }

    // Unbinds the variables bound since bound_ had `mark` entries.
    void unbindTo(size_t mark) {
        for (; bound_.size() > mark; bound_.pop_back())
            binding_[bound_.back()] = nullptr;
    }

    // The days on which some visible fact matches the negated atom (its variables are bound).
    IntervalSet negatedDays(const bind::BoundAtom& atom) {
        IntervalSet days;
        size_t mark = bound_.size();
        forEachFact(facts_, atom.relation, -1, nullptr, [&](const auto& row) {
            if (visible(atom, row) && matches(atom, row)) days.unite(IntervalSet(row.valid()));
        });
        unbindTo(mark);
        return days;
    }

    // Polled now and then, so Ctrl-C, the time limit and the memory guard stop a long join
    // promptly without slowing it down.
    bool shouldStop() {
        if (!stopped_) return true;
        if ((++polls_ & 0xFFF) != 0) return false;
        if (limits_.cancel && limits_.cancel->load(std::memory_order_relaxed))
            stopped_ = Status::error("interrupted");
        else if (limits_.deadline != std::chrono::steady_clock::time_point{} &&
                 std::chrono::steady_clock::now() > limits_.deadline)
            stopped_ = Status::error("the query stopped after " +
                                     std::to_string(limits_.timeLimit.count()) +
                                     " ms (the time limit); narrow it, or raise --timeout");
        else if ((polls_ & 0xFFFF) == 0 && limits_.maxMemoryBytes > 0 &&
                 residentMemoryBytes() > limits_.maxMemoryBytes)
            stopped_ = Status::error(memoryLimitMessage("the query", limits_.maxMemoryBytes));
        return !stopped_;
    }

    void visit(size_t stepIndex, Interval valid, schema::FactStatus status) {
        if (shouldStop()) return;
        if (stepIndex == plan_.steps.size()) {
            emit(valid, status);
            return;
        }
        const plan::JoinStep& step = plan_.steps[stepIndex];
        const bind::BoundAtom& atom = query_.atoms[step.atom];
        const Value* key =
            step.lookupPosition >= 0 ? valueOf(atom.args[step.lookupPosition]) : nullptr;
        forEachFact(facts_, atom.relation, step.lookupPosition, key,
                    [&](const auto& row) { tryRow(stepIndex, row, valid, status); });
    }

    template <class Row>
    void tryRow(size_t stepIndex, const Row& row, const Interval& valid,
                schema::FactStatus status) {
        if (!visible(query_.atoms[plan_.steps[stepIndex].atom], row)) return;
        Interval joint = valid.intersect(row.valid());
        if (joint.empty()) return;
        const plan::JoinStep& step = plan_.steps[stepIndex];
        size_t mark = bound_.size();
        const bind::BoundAtom& atom = query_.atoms[step.atom];
        bool ok = matches(atom, row) && matchesProvenance(atom.provenance, row);
        for (size_t c = 0; ok && c < step.comparisons.size(); ++c)
            ok = check(query_.comparisons[step.comparisons[c]]);
        if (ok) {
            // `not` removes the days on which the negated atom holds.
            IntervalSet days(joint);
            for (int n : step.negations)
                days = days.subtract(negatedDays(query_.negations[n]));
            premises_.push_back(row.premise());
            for (const Interval& part : days.parts())
                visit(stepIndex + 1, part, schema::weakest(status, row.status()));
            premises_.pop_back();
        }
        unbindTo(mark);
    }

    // An unbound variable's (or a wildcard's) value in an answer.
    const Value& valueAt(size_t variable) const {
        return binding_[variable] ? *binding_[variable] : none_;
    }

    void emit(const Interval& valid, schema::FactStatus status) {
        if (query_.window && !valid.overlaps(*query_.window)) return;
        // This derivation's sources and first-known date.
        sources_.clear();
        std::optional<PartialDate> reported;
        size_t sets = 0; // premises that brought sources
        for (const Premise& premise : premises_) {
            if (premise.source != kNoId) {
                sources_.push_back(premise.source);
                reported = latestOf(reported, catalog_.source(premise.source).published);
                ++sets;
            }
            if (premise.sources) {
                sources_.insert(sources_.end(), premise.sources->begin(), premise.sources->end());
                reported = latestOf(reported, *premise.reported);
                ++sets;
            }
        }
        if (sets > 1) { // one set is sorted and unique already
            std::sort(sources_.begin(), sources_.end());
            sources_.erase(std::unique(sources_.begin(), sources_.end()), sources_.end());
        }
        if (distinct_) return append(0, valid, status, reported);
        // Deduplicated on the values' hashes and equality, compared in place: a derivation that
        // merges into an answer copies nothing.
        size_t hash = answerHash(valid, status);
        if ((out_.answers.size() + 1) * 2 > slots_.size()) growSlots();
        size_t mask = slots_.size() - 1;
        size_t i = hash & mask;
        for (; slots_[i].answer != kNoAnswer; i = (i + 1) & mask) {
            if (slots_[i].tag != tagOf(hash)) continue;
            Answer& merged = out_.answers[slots_[i].answer];
            if (merged.hash != hash || !sameAnswer(merged, valid, status)) continue;
            merged.sources = out_.sources.unite(merged.sources, sources_);
            merged.reported = earliestOf(merged.reported, reported);
            if (out_.atoms > 1) uniteAtomSources(merged.atomSources);
            return;
        }
        slots_[i] = {tagOf(hash), static_cast<uint32_t>(out_.answers.size())};
        append(hash, valid, status, reported);
    }

    // Adds a new answer: the bound values with this derivation's provenance.
    void append(size_t hash, const Interval& valid, schema::FactStatus status,
                const std::optional<PartialDate>& reported) {
        Answer answer{hash,
                      static_cast<uint32_t>(out_.values.size()),
                      out_.sources.intern(sources_),
                      static_cast<uint32_t>(out_.atomSources.size()),
                      valid,
                      status,
                      reported};
        if (out_.atoms > 1) {
            out_.atomSources.resize(out_.atomSources.size() + out_.atoms, 0);
            uniteAtomSources(answer.atomSources);
        }
        for (size_t v = 0; v < binding_.size(); ++v)
            out_.values.push_back(valueAt(v));
        out_.answers.push_back(answer);
    }

    // Adds this derivation's premises' sources to the per-atom sets at `offset`: premise i
    // is the fact that plan step i matched, for the atom that step joins.
    void uniteAtomSources(uint32_t offset) {
        for (size_t step = 0; step < premises_.size(); ++step) {
            const Premise& premise = premises_[step];
            uint32_t& set = out_.atomSources[offset + plan_.steps[step].atom];
            if (premise.source != kNoId && set == 0) { // mostly: a new answer's stated fact
                auto [it, fresh] = singleSets_.try_emplace(premise.source, 0);
                if (fresh) it->second = out_.sources.intern({premise.source});
                set = it->second;
            } else if (premise.source != kNoId) {
                single_.assign(1, premise.source);
                set = out_.sources.unite(set, single_);
            }
            if (premise.sources) set = out_.sources.unite(set, *premise.sources);
        }
    }

    size_t answerHash(const Interval& valid, schema::FactStatus status) const {
        size_t h = std::hash<int64_t>()((int64_t{valid.from} << 32) ^ uint32_t(valid.to));
        h ^= static_cast<size_t>(status) * 0x9e3779b97f4a7c15ULL;
        for (size_t v = 0; v < binding_.size(); ++v)
            h = (h ^ valueAt(v).hash()) * 0x100000001b3ULL;
        h ^= h >> 31; // open addressing uses the low bits: mix the high ones in
        h *= 0xbf58476d1ce4e5b9ULL;
        return h ^ (h >> 29);
    }
    bool sameAnswer(const Answer& a, const Interval& valid, schema::FactStatus status) const {
        if (!(a.valid == valid) || a.status != status) return false;
        const Value* values = out_.valuesOf(a);
        for (size_t v = 0; v < binding_.size(); ++v)
            if (!(values[v] == valueAt(v))) return false;
        return true;
    }
    // Open addressing over answer indices (their hashes kept): no node per answer.
    void growSlots() {
        slots_.assign(std::max<size_t>(64, slots_.size() * 2), Slot{});
        size_t mask = slots_.size() - 1;
        for (uint32_t a = 0; a < out_.answers.size(); ++a) {
            size_t i = out_.answers[a].hash & mask;
            while (slots_[i].answer != kNoAnswer)
                i = (i + 1) & mask;
            slots_[i] = {tagOf(out_.answers[a].hash), a};
        }
    }
    static uint32_t tagOf(size_t hash) { return static_cast<uint32_t>(hash >> 32); }

    const bind::BoundQuery& query_;
    const ClaimFilter claims_{query_.window, query_.knownAt};
    // The claims counted in leftOut_, by identity rather than address: a relation read by
    // lookups and then whole mid-question (FactView) holds one claim at two addresses.
    struct ClaimHash {
        size_t operator()(const schema::Fact* f) const { return f ? identityHash(*f) : 0; }
    };
    struct SameClaim {
        bool operator()(const schema::Fact* a, const schema::Fact* b) const {
            return a == b || (a && b && sameIdentity(*a, *b));
        }
    };
    LeftOutCounts leftOut_;
    std::unordered_set<const schema::Fact*, ClaimHash, SameClaim> countedLeftOut_;
    const plan::QueryPlan& plan_;
    const FactView& facts_;
    const schema::Catalog& catalog_;
    const QueryLimits& limits_;
    Status stopped_ = Status::ok();
    uint32_t polls_ = 0;
    // Each variable's value: in a fact (or the interner, or the query's text) — they stay put
    // while the query runs — or, for a variable an assignment binds, in assigned_.
    std::vector<const Value*> binding_;
    std::vector<Value> assigned_;
    std::vector<int> bound_; // variables bound by the steps so far, innermost last
    std::vector<Premise> premises_;
    const Value none_ = Value::text("");
    std::vector<SourceId> sources_;                     // scratch for emit()
    std::vector<SourceId> single_;                      // scratch for uniteAtomSources()
    std::unordered_map<SourceId, uint32_t> singleSets_; // {source}'s set id
    ProvenanceValues provenance_;
    Answers out_;
    static constexpr uint32_t kNoAnswer = UINT32_MAX;
    // Answer indices by answerHash, open addressing; with the hash's high bits, so that a probe
    // passing other answers' slots reads none of them (on 100 000 answers, a cache miss each).
    struct Slot {
        uint32_t tag = 0;
        uint32_t answer = kNoAnswer;
    };
    std::vector<Slot> slots_;
    const bool distinct_; // answersAreDistinctRows(): emit() appends without looking
};

// The answers, with their variables' values when `withBindings`.
Result<QueryAnswers> answer(const bind::BoundQuery& query, const plan::QueryPlan& plan,
                            const FactView& facts, const schema::Catalog& catalog,
                            const QueryLimits& limits, bool withBindings,
                            const LeftOutCounts& premisesLeftOut) {
    Evaluator evaluator(query, plan, facts, catalog, limits);
    Answers answers = evaluator.run();
    if (!evaluator.stopped()) return evaluator.stopped();
    QueryAnswers out = tabulate(query, std::move(answers), catalog, withBindings);
    LeftOutCounts leftOut = evaluator.leftOut();
    leftOut.add(premisesLeftOut);
    out.table.notes = leftOut.notes();
    return out;
}

} // namespace

QueryLimits queryLimitsFromNow(const std::atomic<bool>* cancel, std::chrono::milliseconds timeLimit,
                               size_t maxMemoryBytes) {
    QueryLimits limits;
    limits.cancel = cancel;
    limits.timeLimit = timeLimit;
    if (timeLimit.count() > 0) limits.deadline = std::chrono::steady_clock::now() + timeLimit;
    limits.maxMemoryBytes = maxMemoryBytes;
    return limits;
}

Result<Table> evaluateQuery(const bind::BoundQuery& query, const plan::QueryPlan& plan,
                            const FactView& facts, const schema::Catalog& catalog,
                            const QueryLimits& limits, const LeftOutCounts& premisesLeftOut) {
    Result<QueryAnswers> answers =
        answer(query, plan, facts, catalog, limits, false, premisesLeftOut);
    if (!answers) return answers.status();
    return std::move(answers.value().table);
}

Result<QueryAnswers> evaluateQueryAnswers(const bind::BoundQuery& query,
                                          const plan::QueryPlan& plan, const FactView& facts,
                                          const schema::Catalog& catalog, const QueryLimits& limits,
                                          const LeftOutCounts& premisesLeftOut) {
    return answer(query, plan, facts, catalog, limits, true, premisesLeftOut);
}

} // namespace chipgraph::eval
