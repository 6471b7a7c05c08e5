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
    | factStmt
    | retractStmt
    | ruleDecl
    | queryStmt
    | phraseQuery
    | whyStmt
    | explainStmt
    | importStmt
    | diagramStmt
    | scenarioDecl
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
diagramStmt  : DIAGRAM diagramTarget diagramClause* END ;
diagramTarget: CHAIN OF name (WITHIN INT)?          # chainTarget
             | '?' literal (',' literal)*           # queryTarget     // draws the answers
             | ident (',' ident)*                   # relationsTarget
             ;
// A query's modifiers (as of, in, during, known at, order by, limit) apply to every diagram.
diagramClause: WHERE ident '=' name                 # whereClause
             | modifier                             # diagramModifier
             | DIFF date RANGE date                 # diagramDiff
             | TO STRING                            # diagramTo
             | LAYOUT ident                         # diagramLayout
             | WITH LEGEND                          # diagramLegend
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
             ;
columnDecl   : ident ':' ident ;

entityDecl   : ENTITY name (',' name)* ':' name (AKA name (',' name)*)? END ;

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
             | TIMELESS | PERIOD | STATUS | REPORTED | SCENARIO | SCALE | UNDER ;

// ---- rules -------------------------------------------------------------------------------
ruleDecl     : RULE ident '(' headArg (',' headArg)* ')' IMPLIES literal (',' literal)* END ;
headArg      : ident '(' term ')'          # aggregateHead   // count(C), sum(U), min, max, avg
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
queryStmt    : '?' literal (',' literal)* modifier* END ;
whyStmt      : WHY atom modifier* '?' ;
explainStmt  : EXPLAIN (queryStmt | phraseQuery) ;

phraseQuery  : WHO ident term modifier* '?'                         # whoQuery
             | WHAT (DOES | DO) term ident modifier* '?'            # whatQuery
             | WHICH ident (DOES | DO) term ident modifier* '?'     # whichQuery
             ;

modifier     : AS OF date                         # asOfModifier
             | IN date                            # inModifier
             | DURING date RANGE date             # duringModifier
             | KNOWN AT date                      # knownAtModifier
             | ORDER BY orderKey (',' orderKey)*  # orderByModifier
             | LIMIT INT                          # limitModifier
             | provenanceClause                   # provenanceModifier
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
WHY       : 'why' ;
EXPLAIN   : 'explain' ;
IMPORT    : 'import' ;
DIAGRAM   : 'diagram' ;
CHAIN     : 'chain' ;
WITHIN    : 'within' ;
WHERE     : 'where' ;
DIFF      : 'diff' ;
TO        : 'to' ;
LAYOUT    : 'layout' ;
WITH      : 'with' ;
LEGEND    : 'legend' ;
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
