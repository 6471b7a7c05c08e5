// Generates a synthetic, dated supply-chain graph for the benchmarks: companies in tiers,
// `supplies` edges valid over ranges of years (some with cycles, some ended and resumed),
// `develops`, `designs` and yearly `shipments`. Deterministic: the same size and seed give the
// same bytes on every platform (own PRNG, no <random> distributions).
//
//   gen_supply_chain SIZE OUTDIR [--seed N] [--resumed PCT]
//       SIZE: 1k, 100k, 1M or a number of edges; PCT: edges that ended and resumed (default 5)
//
// Writes OUTDIR/{supplies,develops,designs,shipments}.csv, OUTDIR/schema.kg (types, relations,
// the source and the rules) and OUTDIR/manifest.txt (the query parameters and the answers the
// generator computed itself, which the benchmark checks both systems against).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

// The shape of the graph. Reachability grows with the window: a company's suppliers sit
// within +-kWindow/2 positions of it in the next tier, so its upstream set widens by about
// kWindow per tier instead of exploding (about 30 reachable pairs per edge, 3M at 100k edges).
constexpr int kTiers = 8;         // tier 0: chip owners; 1: design firms; 7: raw materials
constexpr int kWindow = 18;       // positions a company's suppliers are drawn from
constexpr int kCycleSpacing = 4;  // one 2-cycle every kCycleSpacing * kWindow positions per tier
constexpr int kAnchorYear = 2020; // every edge's main range contains it (see README)
constexpr int kAsOfYear = 2012;   // the year of benchmark (b)

// splitmix64: tiny, fast and fully specified, so output is identical everywhere.
class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
    int between(int lo, int hi) { return lo + below(hi - lo + 1); } // inclusive

private:
    uint64_t state_;
};

struct Edge {
    int supplier, customer, from, to; // years, inclusive
};

struct Chip {
    int owner, launch;
};

struct Graph {
    int width = 0;      // companies per tier
    int resumedPct = 5; // edges that ended and later resumed (two validity ranges)
    std::vector<Edge> supplies;
    std::vector<Chip> chips;
    std::vector<std::pair<int, int>> developsYears;           // per chip: valid from, to
    std::vector<std::vector<Edge>> designs;                   // per chip: firm (supplier), years
    std::vector<std::vector<std::pair<int, long>>> shipments; // per chip: year, units
};

int company(const Graph& g, int tier, int position) {
    int w = g.width;
    return tier * w + ((position % w) + w) % w;
}

// The main validity of an edge: it always contains kAnchorYear.
std::pair<int, int> mainRange(Rng& rng, bool resumed) {
    int from = resumed ? rng.between(2010, kAnchorYear) : rng.between(2000, kAnchorYear);
    return {from, rng.between(kAnchorYear, 2030)};
}

void addSupplyEdges(Graph& g, Rng& rng) {
    for (int tier = 0; tier + 1 < kTiers; ++tier)
        for (int i = 0; i < g.width; ++i) {
            int customer = company(g, tier, i);
            int fanIn = std::min(g.width, rng.between(3, 5));
            std::set<int> chosen;
            while (static_cast<int>(chosen.size()) < fanIn)
                chosen.insert(company(g, tier + 1, i + rng.between(-kWindow / 2, kWindow / 2)));
            for (int supplier : chosen) {
                bool resumed = rng.below(100) < g.resumedPct;
                auto [from, to] = mainRange(rng, resumed);
                if (resumed) { // an earlier stretch, ended at least a year before `from`
                    int earlyFrom = rng.between(2000, from - 3);
                    g.supplies.push_back(
                        {supplier, customer, earlyFrom, rng.between(earlyFrom, from - 2)});
                }
                g.supplies.push_back({supplier, customer, from, to});
            }
        }
}

// A customer that also supplies one of its own suppliers (a 2-cycle). Cycles are spaced so
// that they never merge into one big strongly connected component.
void addCycles(Graph& g, Rng& rng) {
    int spacing = kCycleSpacing * kWindow;
    spacing = std::min(spacing, g.width);
    std::map<int, std::vector<int>> suppliersOf;
    for (const Edge& e : g.supplies)
        suppliersOf[e.customer].push_back(e.supplier);
    for (int tier = 1; tier + 1 < kTiers; ++tier)
        for (int i = (tier % 2) * spacing / 2; i + spacing / 2 < g.width; i += spacing) {
            int customer = company(g, tier, i);
            const std::vector<int>& up = suppliersOf[customer];
            int supplier = up[rng.below(static_cast<int>(up.size()))];
            auto [from, to] = mainRange(rng, false);
            g.supplies.push_back({customer, supplier, from, to});
        }
}

void addChips(Graph& g, Rng& rng) {
    for (int v = 0; v < g.width; ++v) {
        int count = rng.between(1, 3);
        for (int c = 0; c < count; ++c) {
            int launch = rng.between(2012, 2022);
            g.chips.push_back({company(g, 0, v), launch});
            g.developsYears.push_back({launch - 2, launch + 6});
            std::vector<Edge> firms;
            std::set<int> chosen;
            int designers = rng.between(1, 3);
            while (static_cast<int>(chosen.size()) < std::min(designers, g.width))
                chosen.insert(company(g, 1, v + rng.between(-kWindow / 2, kWindow / 2)));
            for (int firm : chosen) {
                int from = launch - rng.between(2, 4);
                firms.push_back({firm, 0, from, launch + rng.between(0, 3)});
            }
            g.designs.push_back(firms);
            std::vector<std::pair<int, long>> shipped;
            for (int year = launch; year <= launch + 4; ++year)
                if (rng.below(10) != 0) shipped.push_back({year, 1000L * rng.between(1, 2000)});
            g.shipments.push_back(shipped);
        }
    }
}

Graph generate(long edges, uint64_t seed, int resumedPct) {
    Rng rng(seed);
    Graph g;
    g.resumedPct = resumedPct;
    // Edges ~= width * (tiers - 1) * 4 suppliers * (1 + resumed share).
    double perCompany = (kTiers - 1) * 4.0 * (1.0 + resumedPct / 100.0);
    g.width = std::max(8, static_cast<int>(edges / perCompany + 0.5));
    addSupplyEdges(g, rng);
    addCycles(g, rng);
    addChips(g, rng);
    return g;
}

// ---- the answers, computed here by plain graph search --------------------------------------

struct Answers {
    long reachPairs = 0, upstreamTarget = 0, upstreamTargetAsOf = 0, onCycles = 0;
    long designersTargetChip = 0, ownerYearGroups = 0, ownerUnitsTotal = 0;
};

// suppliersOf[c]: the distinct suppliers of c over edges valid in `year` (0: any time).
std::vector<std::vector<int>> suppliersOf(const Graph& g, int year) {
    std::vector<std::vector<int>> up(static_cast<size_t>(g.width) * kTiers);
    for (const Edge& e : g.supplies)
        if (year == 0 || (e.from <= year && year <= e.to)) up[e.customer].push_back(e.supplier);
    for (auto& list : up) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    return up;
}

// How many companies are upstream of `start` (itself included only when on a cycle).
long upstreamCount(const std::vector<std::vector<int>>& up, int start, std::vector<int>& seen,
                   int stamp, std::vector<int>& stack) {
    long count = 0;
    stack.assign(1, start);
    while (!stack.empty()) {
        int c = stack.back();
        stack.pop_back();
        for (int s : up[c])
            if (seen[s] != stamp) {
                seen[s] = stamp;
                ++count;
                stack.push_back(s);
            }
    }
    return count;
}

Answers answer(const Graph& g, int targetCompany, int targetChip) {
    Answers a;
    std::vector<std::vector<int>> up = suppliersOf(g, 0);
    std::vector<int> seen(up.size(), -1), stack;
    for (int c = 0; c < static_cast<int>(up.size()); ++c) {
        a.reachPairs += upstreamCount(up, c, seen, c, stack);
        if (seen[c] == c) ++a.onCycles;
    }
    std::fill(seen.begin(), seen.end(), -1);
    a.upstreamTarget = upstreamCount(up, targetCompany, seen, 0, stack);
    std::vector<std::vector<int>> upAsOf = suppliersOf(g, kAsOfYear);
    a.upstreamTargetAsOf = upstreamCount(upAsOf, targetCompany, seen, 1, stack);
    a.designersTargetChip = static_cast<long>(g.designs[targetChip].size());
    std::map<std::pair<int, int>, long> perOwnerYear;
    for (size_t c = 0; c < g.chips.size(); ++c)
        for (auto [year, units] : g.shipments[c])
            perOwnerYear[{g.chips[c].owner, year}] += units;
    a.ownerYearGroups = static_cast<long>(perOwnerYear.size());
    for (const auto& [key, units] : perOwnerYear)
        a.ownerUnitsTotal += units;
    return a;
}

// ---- output ---------------------------------------------------------------------------------

std::string name(int companyId) {
    return "c" + std::to_string(companyId);
}
std::string chipName(size_t chip) {
    return "chip" + std::to_string(chip);
}

void writeCsv(const std::filesystem::path& dir, const Graph& g) {
    const char* tail = ",actual,synthetic\n";
    std::ofstream supplies(dir / "supplies.csv");
    supplies << "supplier,customer,valid_from,valid_to,status,source\n";
    for (const Edge& e : g.supplies)
        supplies << name(e.supplier) << ',' << name(e.customer) << ',' << e.from << ',' << e.to
                 << tail;
    std::ofstream develops(dir / "develops.csv"), designs(dir / "designs.csv"),
        shipments(dir / "shipments.csv");
    develops << "owner,chip,valid_from,valid_to,status,source\n";
    designs << "firm,chip,valid_from,valid_to,status,source\n";
    shipments << "chip,units,valid_from,valid_to,status,source\n";
    for (size_t c = 0; c < g.chips.size(); ++c) {
        develops << name(g.chips[c].owner) << ',' << chipName(c) << ',' << g.developsYears[c].first
                 << ',' << g.developsYears[c].second << tail;
        for (const Edge& f : g.designs[c])
            designs << name(f.supplier) << ',' << chipName(c) << ',' << f.from << ',' << f.to
                    << tail;
        for (auto [year, units] : g.shipments[c])
            shipments << chipName(c) << ',' << units << ',' << year << ',' << year << tail;
    }
}

const char* kSchema =
    R"kg(-- Generated by bench/gen_supply_chain: the schema and rules of the benchmark graph.
type Company.
type Chip.
source synthetic "Synthetic supply chain (bench/gen_supply_chain)" published 2024.
relation supplies(supplier: Company, customer: Company).
relation develops(owner: Company, chip: Chip).
relation designs(firm: Company, chip: Chip).
relation shipments(chip: Chip, units: number).
-- reach(X, C): X is upstream of C at any depth (every hop valid together).
rule reach(A, B) :- supplies(A, B).
rule reach(A, C) :- supplies(A, B), reach(B, C).
-- Units shipped per chip owner, per stretch of time (here: per year).
rule owner_units(V, sum(U)) :- develops(V, C), shipments(C, U).
)kg";

void writeManifest(const std::filesystem::path& dir, const Graph& g, long size, uint64_t seed,
                   int targetCompany, int targetChip, const Answers& a) {
    std::ofstream out(dir / "manifest.txt");
    out << "size=" << size << "\nseed=" << seed << "\nresumed_pct=" << g.resumedPct
        << "\nsupplies_rows=" << g.supplies.size() << "\ncompanies=" << g.width * kTiers
        << "\nchips=" << g.chips.size() << "\ntarget_company=" << name(targetCompany)
        << "\ntarget_chip=" << chipName(targetChip) << "\nas_of_year=" << kAsOfYear
        << "\nreach_pairs=" << a.reachPairs << "\nupstream_target=" << a.upstreamTarget
        << "\nupstream_target_as_of=" << a.upstreamTargetAsOf
        << "\ndesigners_target_chip=" << a.designersTargetChip
        << "\nowner_year_groups=" << a.ownerYearGroups
        << "\nowner_units_total=" << a.ownerUnitsTotal << "\n";
}

long parseSize(const std::string& text) {
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    std::string suffix(end);
    if (suffix == "k" || suffix == "K") value *= 1e3;
    if (suffix == "m" || suffix == "M") value *= 1e6;
    if (end == text.c_str() ||
        (!suffix.empty() && suffix != "k" && suffix != "K" && suffix != "m" && suffix != "M"))
        return -1;
    return static_cast<long>(value);
}

struct Options {
    long size = -1;
    std::string dir;
    uint64_t seed = 42;
    int resumedPct = 5;
};

bool parseOptions(const std::vector<std::string>& args, Options& o) {
    std::vector<std::string> positional;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--seed" && i + 1 < args.size())
            o.seed = std::strtoull(args[++i].c_str(), nullptr, 10);
        else if (args[i] == "--resumed" && i + 1 < args.size())
            o.resumedPct = std::atoi(args[++i].c_str());
        else
            positional.push_back(args[i]);
    }
    if (positional.size() != 2) return false;
    o.size = parseSize(positional[0]);
    o.dir = positional[1];
    return o.size >= 100 && o.resumedPct >= 0 && o.resumedPct <= 100;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parseOptions(std::vector<std::string>(argv + 1, argv + argc), o)) {
        std::cerr << "usage: gen_supply_chain SIZE OUTDIR [--seed N] [--resumed PCT]\n"
                     "  SIZE: 1k, 100k, 1M or a number of edges >= 100; PCT: share of edges "
                     "that ended and resumed (default 5)\n";
        return 2;
    }
    std::filesystem::path dir(o.dir);
    std::filesystem::create_directories(dir);
    Graph g = generate(o.size, o.seed, o.resumedPct);
    int targetCompany = company(g, 0, std::min(123, g.width - 1));
    int targetChip = std::min<int>(42, static_cast<int>(g.chips.size()) - 1);
    Answers a = answer(g, targetCompany, targetChip);
    writeCsv(dir, g);
    std::ofstream(dir / "schema.kg") << kSchema;
    writeManifest(dir, g, o.size, o.seed, targetCompany, targetChip, a);
    std::printf("%s: %zu supplies rows, %d companies in %d tiers, %zu chips; %ld reachable "
                "pairs (%ld companies on cycles); %ld upstream of %s (%ld as of %d)\n",
                dir.c_str(), g.supplies.size(), g.width * kTiers, kTiers, g.chips.size(),
                a.reachPairs, a.onCycles, a.upstreamTarget, name(targetCompany).c_str(),
                a.upstreamTargetAsOf, kAsOfYear);
    return 0;
}
