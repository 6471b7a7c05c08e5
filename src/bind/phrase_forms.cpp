#include "bind/phrase_forms.h"

#include "bind/phrase_lexicon.h"

namespace chipgraph::bind {

// docs/language.md, "Phrase questions", lists every form with its query; keep them together.
const std::vector<PhraseForm>& phraseForms() {
    static const std::vector<PhraseForm> kForms = {
        // English. `who does X R?` is the mistake of asking for the object with `who`.
        {"who does {name} {verb}", "", PhraseAsk::Subject,
         "'who' asks for the subject (who designs Trainium3?); to ask for the object, write: "
         "what does {name} {verb}?"},
        {"who {verb} {name}", "", PhraseAsk::Subject},
        {"what does {name} {verb}", "", PhraseAsk::Object},
        {"what do {name} {verb}", "", PhraseAsk::Object},
        {"which {type} does {name} {verb}", "", PhraseAsk::Object},
        {"which {type} do {name} {verb}", "", PhraseAsk::Object},
        {"which {type} are made on {name}", "fabbed_on|foundry_of", PhraseAsk::Subject},
        {"which {type} are made by {name}", "foundry_of|fabbed_on", PhraseAsk::Subject},
        {"which {type} are designed by {name}", "designs", PhraseAsk::Object},
        {"which {type} are developed by {name}", "develops", PhraseAsk::Object},
        {"when was {name} {verb}", "", PhraseAsk::Rest},
        {"when were {name} {verb}", "", PhraseAsk::Rest},
        {"how many units does {name} ship", "shipments|chip_shipments", PhraseAsk::Rest},
        {"how many chips does {name} ship", "shipments|chip_shipments", PhraseAsk::Rest},
        // Chinese.
        {"谁{zhverb}{name}", "", PhraseAsk::Subject},
        {"{name}由谁{zhverb}", "", PhraseAsk::Subject},
        {"{name}{zhverb}什么", "", PhraseAsk::Object},
        {"{name}{zhverb}哪些{zhtype}", "", PhraseAsk::Object},
        {"哪些{zhtype}采用{name}制造", "fabbed_on|foundry_of", PhraseAsk::Subject},
        {"哪些{zhtype}由{name}制造", "foundry_of|fabbed_on", PhraseAsk::Subject},
        {"哪些{zhtype}由{name}设计", "designs", PhraseAsk::Object},
        {"哪些{zhtype}由{name}开发", "develops", PhraseAsk::Object},
        {"{name}什么时候{zhverb}", "", PhraseAsk::Rest},
        {"{name}{year}年出货多少", "shipments|chip_shipments", PhraseAsk::Rest},
        {"{name}出货多少", "shipments|chip_shipments", PhraseAsk::Rest},
    };
    return kForms;
}

const std::vector<LexiconEntry>& chineseVerbs() {
    // Longest first where one is a prefix of another.
    static const std::vector<LexiconEntry> kVerbs = {
        {"设计", "designs"},   {"供应", "supplies"},  {"开发", "develops"},
        {"发布", "announced"}, {"使用", "uses_chip"}, {"收购", "acquired"},
    };
    return kVerbs;
}

const std::vector<LexiconEntry>& chineseTypes() {
    static const std::vector<LexiconEntry> kTypes = {
        {"设计公司", "DesignFirm"}, {"芯片", "Chip"},   {"公司", "Company"},
        {"代工厂", "Foundry"},      {"厂商", "Vendor"}, {"制程", "ProcessNode"},
    };
    return kTypes;
}

} // namespace chipgraph::bind
