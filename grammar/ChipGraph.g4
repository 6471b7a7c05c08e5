// The chipgraph language. No actions here: the parse tree is turned into our own AST by
// src/parse/transformer*.cpp. Keywords are lowercase; names may be bare identifiers
// (any letter, Unicode included) or double-quoted strings.
grammar ChipGraph;

program : statement* EOF ;

statement
    : typeDecl
    | relationDecl
    | entityDecl
    | sourceDecl
    | drawDecl          // before factStmt: `draw X as owner.` could read as an infix fact
    | factStmt
    | retractStmt
    | ruleDecl
    | queryStmt
    | phraseQuery
    | whyStmt
    | blameStmt
    | explainStmt
    | importStmt
    | diagramStmt
    | historyStmt
    | conflictsStmt
    | deprecateStmt
    | changesStmt
    | scenarioDecl
    ;

// ---- history, changes and conflicts (docs/time.md) -----------------------------------------
historyStmt  : HISTORY atom modifier* END ;          // every claim matching, oldest report first
conflictsStmt: CONFLICTS atom modifier* END ;        // claims of one key that disagree
// A judgement: the claim is kept but ranks below the others (Wikidata's deprecated rank).
deprecateStmt: DEPRECATE atom validity? BECAUSE STRING PER ident END ;
changesStmt  : CHANGES diffRange (FOR name)? (OF ident)? END ;
// Two knowledge dates or two valid times; a missing second date is reported by the binder.
diffRange    : KNOWN AT date (RANGE date)?          # knownAtRange
             | AS OF date (RANGE date)?             # asOfRange
             ;

// ---- what-if scenarios (docs/analysis.md) ---------------------------------------------------
// A counterfactual kept beside the facts, never changing them: facts it adds, retracts (`_`
// and variables match anything) or scales (`scale capacity(TSMC, _, W) in 2026 by 0.8.`).
scenarioDecl : SCENARIO ident '{' scenarioStep* '}' END? ;
scenarioStep : RETRACT atom factClause* END            # scenarioRetract
             | SCALE atom factClause* BY numLit END    # scenarioScale
             | atom factClause* END                    # scenarioAdd
             ;

// ---- diagrams ----------------------------------------------------------------------------
// Without a target: the default relations. `chipgraph diagram` builds one of these from its
// options, so every diagram request goes through this grammar and the binder.
diagramStmt  : DIAGRAM diagramTarget? diagramClause* END ;
diagramTarget: CHAIN OF name (WITHIN INT)?          # chainTarget
             | '?' literal (',' literal)*           # queryTarget     // draws the answers
             | phraseQuery                          # phraseTarget    // the same, asked in words
             | ident (',' ident)*                   # relationsTarget
             ;
// A query's modifiers (as of, in, during, known at, order by, limit) apply to every diagram.
diagramClause: WHERE ident '=' name                 # whereClause
             | CHAIN OF name (WITHIN INT)?          # chainClause     // after relations
             | DIFF (AS OF)? date RANGE date?       # diagramDiff     // `as of`: what held
             | PREFER LATEST                        # diagramPrefer
             | TO STRING                            # diagramTo
             | LAYOUT ident                         # diagramLayout
             | WITH LEGEND                          # diagramLegend
             | WITH ident+                          # diagramWith     // roles, native names
             | TITLE STRING                         # diagramTitle
             // Last: where a query's modifier reads like a diagram clause (`diff as of`,
             // `prefer latest`), the diagram's own clause wins.
             | modifier                             # diagramModifier
             ;

// How diagrams draw this graph (docs/diagrams.md, "How a graph is drawn"): a look per type, a
// part per relation, options as qualifiers: `draw relation designs as edge { key: chip }.`
drawDecl     : DRAW TYPE name (',' name)* AS ident qualifiers? END          # drawTypeDecl
             | DRAW RELATION ident (',' ident)* AS ident qualifiers? END    # drawRelationDecl
             | DRAW name (',' name)* AS ident qualifiers? END               # drawNoSubject
             ;

// ---- bulk import -------------------------------------------------------------------------
importStmt   : IMPORT ident FROM STRING (CREATE name)? END ;

// ---- schema ------------------------------------------------------------------------------
typeDecl     : TYPE name (SUBTYPE name)? END ;
relationDecl : RELATION ident '(' columnDecl (',' columnDecl)* ')'
               ('{' columnDecl (',' columnDecl)* '}')? relationKind* END ;
// `timeless`: facts hold independently of time (lineage, aliases-like facts); `per period`:
// every fact states an amount over its whole validity period (shipments, revenue).
relationKind : TIMELESS                  # timelessKind
             | PER PERIOD                # perPeriodKind
             | KEY '(' ident (',' ident)* ')'   # keyKind   // columns naming one claim
             ;
columnDecl   : ident ':' ident ;

entityDecl   : ENTITY entityName (',' entityName)* ':' name (AKA entityName (',' entityName)*)? END ;
// A name with its own dates (docs/time.md, "Names over time"): when it names the entity (valid
// time) and the source that introduced it (report time): `aka Facebook until 2021-10-28`.
entityName   : name nameClause* ;
nameClause   : validity | PER ident ;

sourceDecl   : SOURCE ident STRING? sourceField* END ;
sourceField  : BY STRING            # sourceAuthor
             | PUBLISHED date       # sourcePublished
             | URL STRING           # sourceUrl
             ;

// ---- facts -------------------------------------------------------------------------------
factStmt     : atom factClause* END ;
retractStmt  : RETRACT atom factClause* END ;
factClause   : validity
             | PER ident
             | ident                 // a status word: actual, reported, expected, ...
             | qualifiers
             ;
qualifiers   : '{' qualifier (',' qualifier)* '}' ;
qualifier    : ident ':' term ;

validity     : IN date                    # validIn
             | DURING date RANGE date     # validDuring
             | FROM date                  # validFrom
             | UNTIL date                 # validUntil
             ;

date         : INT | DATE ;

// ---- atoms and terms ---------------------------------------------------------------------
atom         : ident '(' term (',' term)* ')' qualifiers?   # prefixAtom
             | term ident term qualifiers?                  # infixAtom
             ;

term         : name                       # nameTerm
             | number                     # numberTerm
             | '_'                        # wildcardTerm
             ;

number       : '~' numLit                 # approxNumber
             | '>' numLit                 # greaterNumber
             | '<' numLit                 # lessNumber
             | numLit RANGE numLit        # rangeNumber
             | numLit                     # exactNumber
             ;
numLit       : '-'? (INT | DECIMAL) ;

name         : ident | STRING ;
ident        : IDENT | softKeyword ;
// Words that are keywords only where the grammar expects them; elsewhere they are names.
softKeyword  : AS | OF | AT | BY | KNOWN | ORDER | LIMIT | ASC | DESC | PUBLISHED | URL
             | AKA | DO | DOES | CHAIN | WITHIN | WHERE | DIFF | TO | LAYOUT | WITH | LEGEND
             | TIMELESS | PERIOD | STATUS | REPORTED | BLAME | RECORDED | PREFER | LATEST | TITLE
             | HISTORY | CONFLICTS | DEPRECATE | BECAUSE | CHANGES | KEY | FOR | OR | DISTINCT
             | SCENARIO | SCALE | UNDER | DRAW ;

// ---- rules -------------------------------------------------------------------------------
// `;` or `or` between conjunctions: one rule per branch (docs/rules.md, "Disjunction").
ruleDecl     : RULE ident '(' headArg (',' headArg)* ')' IMPLIES literal (',' literal)*
               (orSep literal (',' literal)*)* END ;
orSep        : ';' | OR ;
headArg      : ident '(' term (BY term (',' term)*)? ')' # aggregateHead // count(C), share(U by V)
             | term                        # plainHead
             ;

literal      : NOT atom                    # negatedLiteral
             | atom provenanceClause*      # atomLiteral     // clauses: queries only
             | expr compareOp expr         # compareLiteral
             ;
// Which facts a query atom reads, by provenance. Written after an atom that a ',' follows,
// they belong to that atom; after the body's last atom or among the modifiers, to every
// positive atom of the query (the transformer moves them).
provenanceClause
             : PER ident                   # perClause       // a source, or a variable
             | STATUS ident                # statusClause    // actual, reported, ...
             | REPORTED ident              # reportedClause  // binds the report date
             ;
compareOp    : '=' | '!=' | '<' | '<=' | '>' | '>=' ;
expr         : expr op=('*' | '/') expr    # binaryExpr
             | expr op=('+' | '-') expr    # binaryExpr
             | '(' expr ')'                # parenExpr
             | term                        # termExpr
             | DATE                        # dateExpr        // R >= 2026-01 (report dates)
             ;

// ---- queries -----------------------------------------------------------------------------
// `? distinct F: body.`, `? count(C): body.`: a head says what each answer is (docs/language.md,
// "Answers with a head"); it is the rule `answer(head) :- body.` asked at once.
queryStmt    : '?' (queryHead ':')? literal (',' literal)* (orSep literal (',' literal)*)*
               modifier* END ;
queryHead    : DISTINCT? headArg (',' headArg)* ;
whyStmt      : WHY atom modifier* '?' ;
// Which log entries added and retracted the matching claims (docs/time.md, "The log").
blameStmt    : BLAME atom END ;
explainStmt  : EXPLAIN (queryStmt | phraseQuery) ;

// A phrase question is words up to its modifiers and '?'; the binder reads the words against
// its table of phrase forms (src/bind/phrase_forms.cpp), matching entity names (several words
// or none: `Maia 200`, `谁设计Trainium3`) against the catalog. Words exclude the keywords that
// start a modifier, so `who designs TPU v7 in 2026?` splits where `in` starts.
phraseQuery  : phraseWord+ modifier* '?' ;
phraseWord   : IDENT | STRING | INT | DECIMAL | '-'
             | WHO | WHAT | WHICH | DOES | DO | OF | AT | BY | TO | WITH | FROM | UNTIL
             | AKA | CHAIN | WITHIN | WHERE | DIFF | LAYOUT | LEGEND | TIMELESS | PERIOD
             | ASC | DESC | PUBLISHED | URL ;

modifier     : AS OF date                         # asOfModifier
             | IN date                            # inModifier
             | DURING date RANGE date             # duringModifier
             | KNOWN AT date                      # knownAtModifier
             | RECORDED AT date                   # recordedAtModifier
             | ORDER BY orderKey (',' orderKey)*  # orderByModifier
             | LIMIT INT                          # limitModifier
             | provenanceClause                   # provenanceModifier
             | PREFER ident (',' ident)*          # preferModifier  // latest, all, or sources
             | DIFF diffRange                     # diffModifier
             | DIFF? UNDER ident (',' ident)*     # underModifier    // what-if scenarios
             ;
orderKey     : (ident | SOURCE) (ASC | DESC)? ;

// A statement ends with '.'; a missing one is reported by the error listener with a hint.
END          : '.' ;

// ---- lexer -------------------------------------------------------------------------------
TYPE      : 'type' ;
TIMELESS  : 'timeless' ;
PERIOD    : 'period' ;
RULE      : 'rule' ;
NOT       : 'not' ;
OR        : 'or' ;
DISTINCT  : 'distinct' ;
WHY       : 'why' ;
BLAME     : 'blame' ;
RECORDED  : 'recorded' ;
EXPLAIN   : 'explain' ;
IMPORT    : 'import' ;
DIAGRAM   : 'diagram' ;
DRAW      : 'draw' ;
CHAIN     : 'chain' ;
WITHIN    : 'within' ;
WHERE     : 'where' ;
DIFF      : 'diff' ;
TO        : 'to' ;
LAYOUT    : 'layout' ;
WITH      : 'with' ;
LEGEND    : 'legend' ;
PREFER    : 'prefer' ;
LATEST    : 'latest' ;
TITLE     : 'title' ;
CREATE    : 'create' ;
RELATION  : 'relation' ;
SCENARIO  : 'scenario' ;
SCALE     : 'scale' ;
UNDER     : 'under' ;
ENTITY    : 'entity' ;
SOURCE    : 'source' ;
AKA       : 'aka' ;
BY        : 'by' ;
PUBLISHED : 'published' ;
URL       : 'url' ;
RETRACT   : 'retract' ;
PER       : 'per' ;
STATUS    : 'status' ;
REPORTED  : 'reported' ;
IN        : 'in' ;
DURING    : 'during' ;
FROM      : 'from' ;
UNTIL     : 'until' ;
AS        : 'as' ;
OF        : 'of' ;
KNOWN     : 'known' ;
AT        : 'at' ;
ORDER     : 'order' ;
LIMIT     : 'limit' ;
ASC       : 'asc' ;
DESC      : 'desc' ;
WHO       : 'who' ;
WHAT      : 'what' ;
WHICH     : 'which' ;
DOES      : 'does' ;
DO        : 'do' ;
HISTORY   : 'history' ;
CONFLICTS : 'conflicts' ;
DEPRECATE : 'deprecate' ;
BECAUSE   : 'because' ;
CHANGES   : 'changes' ;
KEY       : 'key' ;
FOR       : 'for' ;

SUBTYPE   : '<:' ;
IMPLIES   : ':-' ;
RANGE     : '..' ;

// Partial dates: 2H2026, 2026-H2, 2025Q3, 2025-Q3, 2025-06, 2025-06-17. A bare year is an INT.
// Out-of-range parts (2025-13, 2025-Q5, 3H2025) lex here and are rejected with a clear message by the binder.
DATE      : DIGIT [hH] DIGIT DIGIT DIGIT DIGIT
          | DIGIT DIGIT DIGIT DIGIT '-'? [hH] DIGIT
          | DIGIT DIGIT DIGIT DIGIT '-'? [qQ] DIGIT
          | DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT ('-' DIGIT DIGIT)?
          ;
DECIMAL   : DIGIT+ ('_' DIGIT+)* '.' DIGIT+ ;
INT       : DIGIT+ ('_' DIGIT+)* ;
STRING    : '"' (~["\\\r\n] | '\\' .)* '"' ;
IDENT     : ID_START ID_PART* ;

LINE_COMMENT  : '--' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS        : [ \t\r\n\u000C]+ -> skip ;
// Anything else becomes one token so the parser reports it with its position.
UNKNOWN   : . ;

fragment DIGIT    : [0-9] ;
fragment ID_START : [a-zA-Z_] | '\u0080'..'\uFFFE' ;
fragment ID_PART  : ID_START | DIGIT ;
