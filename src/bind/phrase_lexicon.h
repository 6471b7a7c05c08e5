#pragma once
// Internal to src/bind: the Chinese words phrase forms know, and what they stand for.
#include <string_view>
#include <vector>

namespace chipgraph::bind {

struct LexiconEntry {
    std::string_view word;    // as written in a question
    std::string_view meaning; // the relation or type name it stands for
};

// {zhverb}: 设计 -> designs, 供应 -> supplies, ...
const std::vector<LexiconEntry>& chineseVerbs();
// {zhtype}: 芯片 -> Chip, 代工厂 -> Foundry, ...
const std::vector<LexiconEntry>& chineseTypes();

} // namespace chipgraph::bind
