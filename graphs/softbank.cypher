// Cornerstone knowledge graph: SoftBank, OpenAI and Masayoshi Son's AI strategy.
//
// Source: the Korean translation of the Business Insider article "SoftBank just
// handed OpenAI $500 million. For Masayoshi Son, it's just the beginning."
// (businessinsider.com, 2024-10), kept in /work/shared/seed/softbank-openai-article.ko.txt.
// Every node and relationship traces to a sentence of that article; each
// relationship carries `source` (the publication the article attributes the
// fact to, 'Business Insider' when the article states it itself) and `quote`
// (the Korean sentence or clause, verbatim). Relationships the article dates
// carry `valid_from` / `valid_to` dates (the first day of the year, month or
// half-year it gives; valid_to exclusive), read by MATCH ... AS OF and
// kg.effectiveStake. graphs/README.md has the schema and a fact-by-fact table.
//
// Conventions: `name` is the canonical English name; `aliases` lists every
// form the article writes the entity in (Korean first). Money is in US
// dollars as integers (*_usd). Dates are `year`, `month`, `day` integers.
//
// Loaded by `tools/run` and by `load softbank` in tests/queries/**/*.test.
// Only this subset of Cypher is used: CREATE INDEX, CREATE of nodes with
// literal maps, MATCH ... CREATE of one relationship per statement; the only
// non-literal values are date('YYYY-MM-DD') calls.
// Strings never contain a semicolon, a single quote or a double slash.

// ---- Indexes: one per label ----
CREATE INDEX ON :Person(name);
CREATE INDEX ON :Company(name);
CREATE INDEX ON :Fund(name);
CREATE INDEX ON :Project(name);
CREATE INDEX ON :Product(name);
CREATE INDEX ON :Ambition(name);
CREATE INDEX ON :Publication(name);
CREATE INDEX ON :Category(name);
CREATE INDEX ON :Document(name);
CREATE INDEX ON :Event(name);

// ---- People (4) ----
CREATE (:Person {name: 'Masayoshi Son', aliases: ['손정의', '손 회장', '소프트뱅크 창업자', 'Masayoshi Son'], role: 'founder and chairman of SoftBank Group', description: 'technology evangelist'});
CREATE (:Person {name: 'Sam Altman', aliases: ['샘 알트만', '샘 알트먼', '알트만', 'Sam Altman'], role: 'CEO of OpenAI'});
CREATE (:Person {name: 'Nigel Toon', aliases: ['나이젤 툰', 'Nigel Toon'], role: 'CEO of Graphcore'});
CREATE (:Person {name: 'Lionel Barber', aliases: ['라이오넬 바버', '바버', 'Lionel Barber'], role: 'former editor of the Financial Times and author'});

// ---- Companies (7) ----
CREATE (:Company {name: 'SoftBank Group', aliases: ['소프트뱅크', 'SoftBank'], country: 'Japan', headquarters: 'Tokyo', description: 'Japanese conglomerate'});
CREATE (:Company {name: 'OpenAI', aliases: ['오픈AI', 'OpenAI'], description: 'foundation-model AI company building large language models (LLM)'});
CREATE (:Company {name: 'Microsoft', aliases: ['마이크로소프트', 'Microsoft']});
CREATE (:Company {name: 'Perplexity', aliases: ['퍼플렉시티', 'Perplexity'], description: 'AI search engine startup'});
CREATE (:Company {name: 'Arm', aliases: ['암', 'Arm'], description: 'chip design company', market_cap_usd: 142000000000});
CREATE (:Company {name: 'Graphcore', aliases: ['그래프코어', 'Graphcore'], description: 'startup, competitor of Nvidia'});
CREATE (:Company {name: 'Nvidia', aliases: ['엔비디아', 'Nvidia'], description: 'chip giant', market_cap_usd: 2900000000000});

// ---- Funds (2): reported results as of June 2024 ----
CREATE (:Fund {name: 'Vision Fund 1', aliases: ['비전펀드 1호', '비전펀드(Vision Fund) 1호'], size_usd: 100000000000, backed_by: 'Middle Eastern government-affiliated funds', profit_usd: 21700000000, results_year: 2024, results_month: 6});
CREATE (:Fund {name: 'Vision Fund 2', aliases: ['비전펀드 2호', '펀드 2호'], loss_usd: 22900000000, results_year: 2024, results_month: 6});

// ---- Projects (2) ----
CREATE (:Project {name: 'Izanagi', aliases: ['이자나기', 'Iaznagi'], description: 'top-secret chip venture (codename)', named_for: 'the creator god of Japanese mythology'});
CREATE (:Project {name: 'Arm AI chip business', aliases: ['AI에 특화된 독자적인 반도체 사업'], description: 'Arm plan to launch its own AI-focused chip business', year: 2025});

// ---- Products (2) ----
CREATE (:Product {name: 'ChatGPT', aliases: ['ChatGPT', 'Chat GPT'], launch_year: 2022});
CREATE (:Product {name: 'Copilot', aliases: ['Copilot']});

// ---- Ambition (1) ----
CREATE (:Ambition {name: 'AGI', aliases: ['범용 인공지능', 'Artificial General Intelligence', 'AGI'], description: 'AI that can match or surpass human intelligence'});

// ---- Publications (5) ----
CREATE (:Publication {name: 'Business Insider', aliases: ['비즈니스 인사이더']});
CREATE (:Publication {name: 'Bloomberg', aliases: ['블룸버그', 'Bloomberg']});
CREATE (:Publication {name: 'The Wall Street Journal', aliases: ['월스트리트저널', 'WSJ']});
CREATE (:Publication {name: 'Nikkei Asia', aliases: ['니케이 아시아']});
CREATE (:Publication {name: 'Financial Times', aliases: ['파이낸셜 타임스', 'Financial Times']});

// ---- SoftBank's 2024 investor presentation and its three AI categories (4) ----
CREATE (:Document {name: 'SoftBank 2024 investor presentation', aliases: ['2024년 투자자를 위한 프레젠테이션'], year: 2024});
CREATE (:Category {name: 'AI applications', aliases: ['애플리케이션', '카테고리 1'], number: 1, includes: ['consumer super apps']});
CREATE (:Category {name: 'AI infrastructure', aliases: ['인프라', '카테고리 2'], number: 2, includes: ['tools for data collection and analysis']});
CREATE (:Category {name: 'AI hardware', aliases: ['하드웨어'], number: 3, includes: ['chips', 'data centers', 'robotics']});

// ---- Event (1) ----
CREATE (:Event {name: 'SoftBank Group annual shareholders meeting 2024', aliases: ['정기 주주총회'], year: 2024, month: 6, day: 21});

// ======================= Relationships =======================

// ---- Masayoshi Son and SoftBank Group ----
MATCH (a:Person {name: 'Masayoshi Son'}), (b:Company {name: 'SoftBank Group'}) CREATE (a)-[:FOUNDED {year: 1981, valid_from: date('1981-01-01'), source: 'Business Insider', quote: '1981년 소프트뱅크를 창업한 이래 몇 십억달러의 부(富)를 쌓았고, 그리고 잃어버린 기술 전도사인 손정의는 2022년 후반 ChatGPT가 등장하기 훨씬 전부터 AI의 진전을 자신의 삶의 사명으로 말하고 있었다.'}]->(b);
MATCH (a:Person {name: 'Masayoshi Son'}), (b:Company {name: 'SoftBank Group'}) CREATE (a)-[:CHAIRS {source: 'Business Insider', quote: '일본의 대기업인 소프트뱅크의 창업자이자 이사회장인 손정의는 ChatGPT의 개발원인 샘 알트만(Sam Altman)의 OpenAI를 자신의 광대한 포트폴리오에 더해 이 회사에 5억달러를 투자했다.'}]->(b);
MATCH (a:Company {name: 'SoftBank Group'}), (b:Event {name: 'SoftBank Group annual shareholders meeting 2024'}) CREATE (a)-[:HELD {year: 2024, month: 6, day: 21, valid_from: date('2024-06-21'), source: 'Business Insider', quote: '손정의는 2024년 6월 21일 열린 이 회사 정기 주주총회에서 이런 뜻을 더욱 강조하며 주주들에게 손정의는 이를 실현하기 위해 태어났다고 말했다.'}]->(b);
MATCH (a:Person {name: 'Masayoshi Son'}), (b:Event {name: 'SoftBank Group annual shareholders meeting 2024'}) CREATE (a)-[:SPOKE_AT {year: 2024, month: 6, day: 21, valid_from: date('2024-06-21'), statement: 'born to realize the progress of AI', source: 'Business Insider', quote: '손정의는 2024년 6월 21일 열린 이 회사 정기 주주총회에서 이런 뜻을 더욱 강조하며 주주들에게 손정의는 이를 실현하기 위해 태어났다고 말했다.'}]->(b);

// ---- CEOs ----
MATCH (a:Person {name: 'Sam Altman'}), (b:Company {name: 'OpenAI'}) CREATE (a)-[:CEO_OF {source: 'Business Insider', quote: 'OpenAI의 CEO 샘 알트먼은 손정의 AI 계획의 일단을 맡게 된다.'}]->(b);
MATCH (a:Person {name: 'Nigel Toon'}), (b:Company {name: 'Graphcore'}) CREATE (a)-[:CEO_OF {source: 'Business Insider', quote: '이 스타트업 기업의 나이젤 툰(Nigel Toon) CEO는, 이 매수로 「매우 장대한 비전을 실현하기 위한 일익을 담당하게 된다」라고 말하고 있다.'}]->(b);

// ---- Vision Funds ----
MATCH (a:Company {name: 'SoftBank Group'}), (b:Fund {name: 'Vision Fund 1'}) CREATE (a)-[:MANAGES {year: 2016, valid_from: date('2016-01-01'), source: 'Business Insider', quote: '소프트뱅크는 2016년 중동의 정부계 펀드의 지원을 받아 설립한 1000억달러 규모의 투자펀드 비전펀드(Vision Fund) 1호와 2019년 설립한 비전펀드 2호를 통해 처음 두 가지 카테고리에 대한 투자를 선정하는 노력을 해왔다.'}]->(b);
MATCH (a:Company {name: 'SoftBank Group'}), (b:Fund {name: 'Vision Fund 2'}) CREATE (a)-[:MANAGES {year: 2019, valid_from: date('2019-01-01'), source: 'Business Insider', quote: '소프트뱅크는 2016년 중동의 정부계 펀드의 지원을 받아 설립한 1000억달러 규모의 투자펀드 비전펀드(Vision Fund) 1호와 2019년 설립한 비전펀드 2호를 통해 처음 두 가지 카테고리에 대한 투자를 선정하는 노력을 해왔다.'}]->(b);
MATCH (a:Fund {name: 'Vision Fund 1'}), (b:Category {name: 'AI applications'}) CREATE (a)-[:TARGETS {source: 'Business Insider', quote: '소프트뱅크는 2016년 중동의 정부계 펀드의 지원을 받아 설립한 1000억달러 규모의 투자펀드 비전펀드(Vision Fund) 1호와 2019년 설립한 비전펀드 2호를 통해 처음 두 가지 카테고리에 대한 투자를 선정하는 노력을 해왔다.'}]->(b);
MATCH (a:Fund {name: 'Vision Fund 1'}), (b:Category {name: 'AI infrastructure'}) CREATE (a)-[:TARGETS {source: 'Business Insider', quote: '소프트뱅크는 2016년 중동의 정부계 펀드의 지원을 받아 설립한 1000억달러 규모의 투자펀드 비전펀드(Vision Fund) 1호와 2019년 설립한 비전펀드 2호를 통해 처음 두 가지 카테고리에 대한 투자를 선정하는 노력을 해왔다.'}]->(b);
MATCH (a:Fund {name: 'Vision Fund 2'}), (b:Category {name: 'AI applications'}) CREATE (a)-[:TARGETS {source: 'Business Insider', quote: '소프트뱅크는 2016년 중동의 정부계 펀드의 지원을 받아 설립한 1000억달러 규모의 투자펀드 비전펀드(Vision Fund) 1호와 2019년 설립한 비전펀드 2호를 통해 처음 두 가지 카테고리에 대한 투자를 선정하는 노력을 해왔다.'}]->(b);
MATCH (a:Fund {name: 'Vision Fund 2'}), (b:Category {name: 'AI infrastructure'}) CREATE (a)-[:TARGETS {source: 'Business Insider', quote: '소프트뱅크는 2016년 중동의 정부계 펀드의 지원을 받아 설립한 1000억달러 규모의 투자펀드 비전펀드(Vision Fund) 1호와 2019년 설립한 비전펀드 2호를 통해 처음 두 가지 카테고리에 대한 투자를 선정하는 노력을 해왔다.'}]->(b);

// ---- Investments (through Vision Fund 2) ----
MATCH (a:Fund {name: 'Vision Fund 2'}), (b:Company {name: 'OpenAI'}) CREATE (a)-[:INVESTED_IN {amount_usd: 500000000, round_usd: 6600000000, valid_from: date('2024-10-01'), source: 'Business Insider', quote: '소프트뱅크가 OpenAI의 새로운 자금조달 라운드에 참여했는데, 일본의 대기업인 소프트뱅크는 5억달러를 ChatGPT를 개발하는 OpenAI에 투자했다.', round_quote: '이번 자금조달은 66억달러 규모의 라운드의 일부이며, OpenAI에 있어서 새로운 시대의 개막을 나타내는 것이다.', vehicle_quote: 'OpenAI를 지원할 예정인 펀드 2호는'}]->(b);
MATCH (a:Fund {name: 'Vision Fund 2'}), (b:Company {name: 'Perplexity'}) CREATE (a)-[:INVESTED_IN {year: 2024, month: 6, valuation_usd: 3000000000, valid_from: date('2024-06-01'), source: 'Business Insider', quote: 'OpenAI를 지원할 예정인 펀드 2호는 2024년 6월 30억달러에 AI 검색엔진 스타트업 퍼플렉시티(Perplexity)에 투자했다.'}]->(b);

// ---- Arm ----
MATCH (a:Company {name: 'SoftBank Group'}), (b:Company {name: 'Arm'}) CREATE (a)-[:ACQUIRED {year: 2016, price_usd: 32000000000, valid_from: date('2016-01-01'), source: 'Business Insider', quote: '2016년에 소프트뱅크가 320억달러에 매수한 이 반도체 설계 회사의 Arm은, AI 분야의 주요 플레이어로서의 지위를 확립해, 시가총액이 1420억달러를 넘어서려 하고 있다.'}]->(b);
MATCH (a:Company {name: 'SoftBank Group'}), (b:Company {name: 'Arm'}) CREATE (a)-[:OWNS_STAKE {percent: 90, source: 'Nikkei Asia', quote: '니케이 아시아에 따르면 이 벤처캐피털은 소프트뱅크가 90%의 지분을 보유한 Arm(암)이 2025년 AI에 특화된 독자적인 반도체 사업에 뛰어들 계획을 지원할 가능성도 있다'}]->(b);
MATCH (a:Company {name: 'SoftBank Group'}), (b:Company {name: 'Arm'}) CREATE (a)-[:TOOK_PUBLIC {year: 2023, month: 9, valid_from: date('2023-09-01'), kind: 'IPO (relisting)', source: 'Business Insider', quote: '소프트뱅크는 2023년 9월에 Arm의 IPO(신규 주식 공개)로 큰 탄력을 붙였다'}]->(b);
MATCH (a:Company {name: 'Arm'}), (b:Category {name: 'AI hardware'}) CREATE (a)-[:IN_CATEGORY {source: 'Business Insider', quote: '2023년 9월 손정의는 Arm(암)의 재상장을 성공시키며, 하드웨어 분야에서 큰 걸음을 내디뎠다.'}]->(b);
MATCH (a:Company {name: 'Arm'}), (b:Project {name: 'Arm AI chip business'}) CREATE (a)-[:PLANS {year: 2025, source: 'Nikkei Asia', quote: '니케이 아시아에 따르면 이 벤처캐피털은 소프트뱅크가 90%의 지분을 보유한 Arm(암)이 2025년 AI에 특화된 독자적인 반도체 사업에 뛰어들 계획을 지원할 가능성도 있다'}]->(b);

// ---- Nvidia and Graphcore ----
MATCH (a:Company {name: 'SoftBank Group'}), (b:Company {name: 'Nvidia'}) CREATE (a)-[:OWNS_STAKE {percent: 5, approximate: true, valid_to: date('2019-01-01'), source: 'Business Insider', quote: '손 회장은 2019년 자신이 보유하고 있던 약 5%의 주식을 매각한 뒤 막대한 이익을 잃은 시가총액 2조9000억달러의 반도체 대기업 엔비디아(Nvidia)에 대항할 벤처기업을 설립함으로써 반도체 설계에 승부를 걸 가능성이 있다.'}]->(b);
MATCH (a:Company {name: 'SoftBank Group'}), (b:Company {name: 'Nvidia'}) CREATE (a)-[:SOLD_STAKE {percent: 5, approximate: true, year: 2019, valid_from: date('2019-01-01'), missed_gains: true, source: 'Business Insider', quote: '손 회장은 2019년 자신이 보유하고 있던 약 5%의 주식을 매각한 뒤 막대한 이익을 잃은 시가총액 2조9000억달러의 반도체 대기업 엔비디아(Nvidia)에 대항할 벤처기업을 설립함으로써 반도체 설계에 승부를 걸 가능성이 있다.'}]->(b);
MATCH (a:Company {name: 'SoftBank Group'}), (b:Company {name: 'Graphcore'}) CREATE (a)-[:ACQUIRED {year: 2024, month: 7, valid_from: date('2024-07-01'), source: 'Business Insider', quote: '소프트뱅크는 2024년 7월 엔비디아의 경쟁 기업 그래프코어(Graphcore)를 인수했다.', ceo_comment: '매우 장대한 비전을 실현하기 위한 일익을 담당하게 된다'}]->(b);
MATCH (a:Company {name: 'Graphcore'}), (b:Company {name: 'Nvidia'}) CREATE (a)-[:COMPETES_WITH {source: 'Business Insider', quote: '소프트뱅크는 2024년 7월 엔비디아의 경쟁 기업 그래프코어(Graphcore)를 인수했다.'}]->(b);

// ---- Products ----
MATCH (a:Company {name: 'OpenAI'}), (b:Product {name: 'ChatGPT'}) CREATE (a)-[:DEVELOPS {source: 'Business Insider', quote: '소프트뱅크가 OpenAI의 새로운 자금조달 라운드에 참여했는데, 일본의 대기업인 소프트뱅크는 5억달러를 ChatGPT를 개발하는 OpenAI에 투자했다.'}]->(b);
MATCH (a:Company {name: 'Microsoft'}), (b:Product {name: 'Copilot'}) CREATE (a)-[:DEVELOPS {source: 'Business Insider', quote: 'OpenAI에서 소프트뱅크는 마침내 기반모델 AI기업, 즉 OpenAI의 Chat GPT나 마이크로소프트(Microsoft)의 Copilot과 같은 소비자용 앱을 지원하는 대규모 언어모델(LLM)을 구축하는 기업에 대규모 투자를 실현하게 될 것 같다.'}]->(b);

// ---- The 2024 investor presentation and its categories ----
MATCH (a:Company {name: 'SoftBank Group'}), (b:Document {name: 'SoftBank 2024 investor presentation'}) CREATE (a)-[:PUBLISHED {year: 2024, valid_from: date('2024-01-01'), source: 'Business Insider', quote: '비즈니스 인사이더가 확인한 2024년 투자자를 위한 프레젠테이션에서 소프트뱅크는 AI에 대한 관심을 세 가지 카테고리로 나눠 설명하고 있다.'}]->(b);
MATCH (a:Publication {name: 'Business Insider'}), (b:Document {name: 'SoftBank 2024 investor presentation'}) CREATE (a)-[:REVIEWED {source: 'Business Insider', quote: '비즈니스 인사이더가 확인한 2024년 투자자를 위한 프레젠테이션에서 소프트뱅크는 AI에 대한 관심을 세 가지 카테고리로 나눠 설명하고 있다.'}]->(b);
MATCH (a:Document {name: 'SoftBank 2024 investor presentation'}), (b:Category {name: 'AI applications'}) CREATE (a)-[:DESCRIBES {number: 1, source: 'Business Insider', quote: '먼저, ChatGPT와 같은 매일 사용하는 소비자를 위한'}]->(b);
MATCH (a:Document {name: 'SoftBank 2024 investor presentation'}), (b:Category {name: 'AI infrastructure'}) CREATE (a)-[:DESCRIBES {number: 2, source: 'Business Insider', quote: '다음으로, 데이터의 수집이나 분석을 하는 툴에 관련되는 인프라.'}]->(b);
MATCH (a:Document {name: 'SoftBank 2024 investor presentation'}), (b:Category {name: 'AI hardware'}) CREATE (a)-[:DESCRIBES {number: 3, source: 'Business Insider', quote: '마지막으로 칩, 데이터센터, 로봇공학을 포함한 하드웨어 카테고리다.'}]->(b);
MATCH (a:Product {name: 'ChatGPT'}), (b:Category {name: 'AI applications'}) CREATE (a)-[:IN_CATEGORY {source: 'Business Insider', quote: '먼저, ChatGPT와 같은 매일 사용하는 소비자를 위한'}]->(b);
MATCH (a:Company {name: 'OpenAI'}), (b:Category {name: 'AI applications'}) CREATE (a)-[:IN_CATEGORY {between: [1, 2], source: 'Business Insider', quote: '이것은 카테고리 1과 카테고리 2의 중간에 위치하고 있다고 생각할 수 있다.'}]->(b);
MATCH (a:Company {name: 'OpenAI'}), (b:Category {name: 'AI infrastructure'}) CREATE (a)-[:IN_CATEGORY {between: [1, 2], source: 'Business Insider', quote: '이것은 카테고리 1과 카테고리 2의 중간에 위치하고 있다고 생각할 수 있다.'}]->(b);

// ---- Izanagi: the chip venture ----
MATCH (a:Person {name: 'Masayoshi Son'}), (b:Project {name: 'Izanagi'}) CREATE (a)-[:LEADS {source: 'Bloomberg', quote: '블룸버그(Bloomberg)의 보도에 따르면 소프트뱅크 창업자는 이 극비 프로젝트에 일본 신화의 창조신인 이자나기(Iaznagi)라는 코드네임을 붙였다.'}]->(b);
MATCH (a:Person {name: 'Masayoshi Son'}), (b:Project {name: 'Izanagi'}) CREATE (a)-[:SOUGHT_FUNDING_FOR {year: 2024, month: 2, valid_from: date('2024-02-01'), amount_usd: 100000000000, up_to: true, investors_region: 'Middle East', source: 'Business Insider', quote: '2024년 2월 손정의가 중동에서 투자자를 적극적으로 설득해 최대 1000억달러의 벤처자금을 조달하려 했다는 보도가 나왔는데, 이는 손정의가 반도체 관련 사업을 더욱 확대하려는 배경을 설명한다.'}]->(b);
MATCH (a:Publication {name: 'Bloomberg'}), (b:Project {name: 'Izanagi'}) CREATE (a)-[:REPORTED {source: 'Bloomberg', quote: '블룸버그(Bloomberg)의 보도에 따르면 소프트뱅크 창업자는 이 극비 프로젝트에 일본 신화의 창조신인 이자나기(Iaznagi)라는 코드네임을 붙였다.'}]->(b);
MATCH (a:Project {name: 'Izanagi'}), (b:Ambition {name: 'AGI'}) CREATE (a)-[:NAMED_AFTER {reason: 'the name contains the initials of AGI', source: 'Bloomberg', quote: '그가 이 이름을 선택한 이유 중 하나는 인간의 지능에 필적하거나 능가할 수 있는 AI의 일종인 범용 인공지능(Artificial General Intelligence:AGI)의 머리글자가 포함돼 있기 때문이라고 한다.'}]->(b);
MATCH (a:Project {name: 'Izanagi'}), (b:Company {name: 'Nvidia'}) CREATE (a)-[:MAY_COMPETE_WITH {speculative: true, source: 'Business Insider', quote: '손 회장은 2019년 자신이 보유하고 있던 약 5%의 주식을 매각한 뒤 막대한 이익을 잃은 시가총액 2조9000억달러의 반도체 대기업 엔비디아(Nvidia)에 대항할 벤처기업을 설립함으로써 반도체 설계에 승부를 걸 가능성이 있다.'}]->(b);
MATCH (a:Project {name: 'Izanagi'}), (b:Project {name: 'Arm AI chip business'}) CREATE (a)-[:MAY_SUPPORT {year: 2025, speculative: true, source: 'Nikkei Asia', quote: '니케이 아시아에 따르면 이 벤처캐피털은 소프트뱅크가 90%의 지분을 보유한 Arm(암)이 2025년 AI에 특화된 독자적인 반도체 사업에 뛰어들 계획을 지원할 가능성도 있다'}]->(b);
MATCH (a:Publication {name: 'Nikkei Asia'}), (b:Project {name: 'Arm AI chip business'}) CREATE (a)-[:REPORTED {source: 'Nikkei Asia', quote: '니케이 아시아에 따르면 이 벤처캐피털은 소프트뱅크가 90%의 지분을 보유한 Arm(암)이 2025년 AI에 특화된 독자적인 반도체 사업에 뛰어들 계획을 지원할 가능성도 있다'}]->(b);

// ---- Altman meets Son (WSJ) ----
MATCH (a:Person {name: 'Sam Altman'}), (b:Person {name: 'Masayoshi Son'}) CREATE (a)-[:MET_WITH {year: 2024, month: 2, valid_from: date('2024-02-01'), topic: 'plans to build new chip fabs and data centers to support AI development', source: 'The Wall Street Journal', quote: '2024년 2월 월스트리트저널(WSJ) 보도에 따르면 알트만 OpenAI CEO는 손 회장 등을 만나 AI 발전을 뒷받침할 새로운 칩 제조공장과 데이터센터 등을 건설하는 야심 찬 계획을 논의했다.'}]->(b);

// ---- AGI ----
MATCH (a:Company {name: 'OpenAI'}), (b:Ambition {name: 'AGI'}) CREATE (a)-[:PURSUES {source: 'Business Insider', quote: '물론 OpenAI와 마찬가지로 손정의의 AI에 있어서 궁극적인 야망은 AGI를 실현하는 것이다.'}]->(b);
MATCH (a:Person {name: 'Masayoshi Son'}), (b:Ambition {name: 'AGI'}) CREATE (a)-[:PURSUES {ultimate: true, statement: 'AGI는 내가 유일하게 관심을 가진 것이다', source: 'Business Insider', quote: '물론 OpenAI와 마찬가지로 손정의의 AI에 있어서 궁극적인 야망은 AGI를 실현하는 것이다.'}]->(b);
MATCH (a:Person {name: 'Masayoshi Son'}), (b:Ambition {name: 'AGI'}) CREATE (a)-[:SEES_SELF_AS_CORNERSTONE_OF {year: 2023, valid_from: date('2023-07-01'), according_to: 'Lionel Barber', source: 'Business Insider', quote: '"나는 AGI의 모든 이야기는 아닐 수 있지만, AGI의 초석 중 하나다"라고 손정의는 말했다고 한다.'}]->(b);

// ---- Lionel Barber ----
MATCH (a:Person {name: 'Lionel Barber'}), (b:Publication {name: 'Financial Times'}) CREATE (a)-[:EDITED {former: true, source: 'Business Insider', quote: '파이낸셜 타임스(Financial Times)의 전 편집자이자 작가인 라이오넬 바버(Lionel Barber)는 손정의에 관한 새로운 저서에서 2023년 후반 소프트뱅크의 도쿄 본사에서 손정의와 나눈 2시간의 대화를 회상하고 있다.'}]->(b);
MATCH (a:Person {name: 'Lionel Barber'}), (b:Person {name: 'Masayoshi Son'}) CREATE (a)-[:WROTE_ABOUT {work: 'new book', source: 'Business Insider', quote: '파이낸셜 타임스(Financial Times)의 전 편집자이자 작가인 라이오넬 바버(Lionel Barber)는 손정의에 관한 새로운 저서에서 2023년 후반 소프트뱅크의 도쿄 본사에서 손정의와 나눈 2시간의 대화를 회상하고 있다.'}]->(b);
MATCH (a:Person {name: 'Lionel Barber'}), (b:Person {name: 'Masayoshi Son'}) CREATE (a)-[:INTERVIEWED {year: 2023, part_of_year: 'late', valid_from: date('2023-07-01'), duration_hours: 2, place: 'SoftBank headquarters, Tokyo', source: 'Business Insider', quote: '파이낸셜 타임스(Financial Times)의 전 편집자이자 작가인 라이오넬 바버(Lionel Barber)는 손정의에 관한 새로운 저서에서 2023년 후반 소프트뱅크의 도쿄 본사에서 손정의와 나눈 2시간의 대화를 회상하고 있다.'}]->(b);
