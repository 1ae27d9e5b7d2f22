//! The one matcher behind the palette search, quick add and kind inference: every word of a
//! query against the words of each kind's id, name and aliases, in canonical form.
//!
//! The rule, in order:
//! 1. the whole query is a name, alias or id (case and punctuation aside: "faiss");
//! 2. the same canonical words as one ("dbs" = "Database", "re-rank" = "Re-ranker");
//! 3. the start of a name or alias ("kaf" -> "Kafka"), the shortest completion first;
//! 4. every word of the query meets a word of the kind (one alias may give one word, another
//!    the next: "watch logs" meets "watch history" and "interaction logs");
//! 5. some words meet.
//!
//! Within a step, kinds that explain more of the query come first. The query's last main
//! word (its head: "db" in "video db") counts twice, since in a name like "video db" the
//! last word says what the thing is. A word meets another exactly (same word, or same
//! canonical word: "dbs", "db" and "database"), as the start of it ("vec" of "vector"), one
//! letter off in a word of five letters or more (two in one of eight or more), or inside
//! a longer word ("search" in "Elasticsearch", four letters or more), each worth less than
//! the one before. Ties go to the kind whose best name or alias the query covers more of,
//! then to catalog order.

use super::Kind;
use crate::text::{canonical, normalize, spelled_out};

/// How a typed word meets a word of a kind, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Hit {
    Miss,
    /// Inside a longer word ("search" in "Elasticsearch"); four letters or more.
    Inside,
    /// A letter or two off ("databse"); words of five letters or more.
    Typo,
    /// The start of a longer word ("rera" of "reranker").
    Prefix,
    /// The same word, or the same canonical words ("dbs" and "database").
    Exact,
}

impl Hit {
    /// What the hit is worth, out of 100.
    fn points(self) -> u64 {
        match self {
            Hit::Miss => 0,
            Hit::Inside => 40,
            Hit::Typo => 50,
            Hit::Prefix => 80,
            Hit::Exact => 100,
        }
    }
}

/// How a kind matched, best first; see the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Tier {
    SameText,
    SameWords,
    Completes,
    AllWords,
    SomeWords,
}

/// One word of a name or query: as written (normalised, "re" joined to the next word) and
/// its canonical words (none for a filler word such as "service", several for a short form
/// such as "ANN").
#[derive(Clone, Debug)]
struct Word {
    raw: String,
    canon: Vec<String>,
}

impl Word {
    fn new(raw: String) -> Word {
        // `canonical` spells out "db" but not "dbs"; the plural of a short form is common in
        // typed names.
        let spelled = spelled_out(&raw).unwrap_or(&raw);
        let canon = canonical(spelled)
            .joined
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        Word { raw, canon }
    }

    fn is_main(&self) -> bool {
        !self.canon.is_empty()
    }
}

/// A name, alias, id or query split into words.
#[derive(Clone, Debug)]
struct Phrase {
    normalized: String,
    /// The canonical words in order, joined by spaces.
    joined: String,
    words: Vec<Word>,
    /// The last main word (or the last word when none is a main word).
    head: usize,
}

impl Phrase {
    fn new(text: &str) -> Phrase {
        let normalized = normalize(text);
        let mut words = Vec::new();
        let mut prefix: Option<&str> = None;
        for part in normalized.split(' ').filter(|w| !w.is_empty()) {
            // "re-rank" and "pre-filter" are written both ways; join them as `canonical` does.
            if prefix.is_none() && (part == "re" || part == "pre") {
                prefix = Some(part);
                continue;
            }
            let raw = prefix
                .take()
                .map_or_else(|| part.to_owned(), |p| format!("{p}{part}"));
            words.push(Word::new(raw));
        }
        if let Some(p) = prefix {
            words.push(Word::new(p.to_owned()));
        }
        let joined = words
            .iter()
            .flat_map(|w| &w.canon)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        let head = words
            .iter()
            .rposition(Word::is_main)
            .unwrap_or(words.len().saturating_sub(1));
        Phrase {
            normalized,
            joined,
            words,
            head,
        }
    }

    /// The words that say what the phrase names: the main words, or all when there are none.
    fn main_words(&self) -> impl Iterator<Item = (usize, &Word)> {
        let any_main = self.words.iter().any(Word::is_main);
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| !any_main || w.is_main())
    }
}

/// Every kind's id, name and aliases as phrases, in catalog order; built once.
#[derive(Clone, Debug)]
pub(super) struct Index {
    kinds: Vec<Vec<Phrase>>,
}

impl Index {
    pub(super) fn new(kinds: &[Kind]) -> Index {
        let kinds = kinds
            .iter()
            .map(|kind| {
                [&kind.id, &kind.name]
                    .into_iter()
                    .chain(&kind.aliases)
                    .map(|t| Phrase::new(t))
                    .collect()
            })
            .collect();
        Index { kinds }
    }

    /// The kinds `query` matches, best first (by catalog index); nothing for an empty query.
    pub(super) fn rank(&self, query: &str) -> Vec<Ranked> {
        let query = Query::new(query);
        if query.phrase.words.is_empty() {
            return Vec::new();
        }
        let mut ranked: Vec<Ranked> = self
            .kinds
            .iter()
            .enumerate()
            .filter_map(|(index, terms)| score(index, terms, &query))
            .collect();
        ranked.sort_by_key(Ranked::key);
        ranked
    }
}

/// A query: its phrase and how much each word counts.
struct Query {
    phrase: Phrase,
    /// 2 for the head, 1 for other main words, 0 for filler words.
    weights: Vec<u64>,
}

impl Query {
    fn new(text: &str) -> Query {
        let phrase = Phrase::new(text);
        let mut weights = vec![0; phrase.words.len()];
        for (i, _) in phrase.main_words() {
            weights[i] = if i == phrase.head { 2 } else { 1 };
        }
        Query { phrase, weights }
    }
}

/// One kind's match for a query.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ranked {
    /// The kind's index in the catalog.
    pub(super) index: usize,
    tier: Tier,
    /// For [`Tier::Completes`], the length of the shortest name the query begins.
    completion: usize,
    /// The kind's term (id, name, aliases, in that order) that the query begins and stops
    /// inside a word of ("cand" of "Candidate generation"): typing it out is what the user
    /// is doing, so quick add completes it. The name (or the id, standing for it) if it
    /// will do, else the shortest such alias.
    pub(super) completes: Option<usize>,
    /// How much of the query the kind explains, in thousandths.
    coverage: u64,
    /// How well the best single name or alias fits: the query points it explains times the
    /// share of its own main words the query hits.
    fit: u64,
    /// Whether the query's head meets the head of one of the kind's names or aliases
    /// exactly or by a typo ("logs" and "interaction logs", not "image" and "image
    /// encoder").
    heads_meet: bool,
}

impl Ranked {
    fn key(&self) -> (Tier, usize, std::cmp::Reverse<(u64, u64)>, usize) {
        let completion = if self.tier == Tier::Completes {
            self.completion
        } else {
            0
        };
        (
            self.tier,
            completion,
            std::cmp::Reverse((self.coverage, self.fit)),
            self.index,
        )
    }

    /// Sure enough to give a block this kind without asking: the whole query is one of its
    /// names, or the query's head is the head of one of its names and the kind explains at
    /// least half of the query. A prefix, a word inside another, or a word that only
    /// qualifies a name ("image" of "image encoder") is not enough.
    pub(super) fn confident(&self) -> bool {
        self.tier <= Tier::SameWords || (self.heads_meet && self.coverage >= 500)
    }
}

fn score(index: usize, terms: &[Phrase], query: &Query) -> Option<Ranked> {
    let q = &query.phrase;
    let mut tier = Tier::SomeWords;
    let mut completion = usize::MAX;
    let mut completes: Option<(usize, (bool, usize))> = None;
    // The typed word is one of the kind's words in another form: nothing to complete.
    let mut own_word = false;
    let mut best = vec![Hit::Miss; q.words.len()];
    let mut fit = 0;
    let mut heads_meet = false;
    for (t, term) in terms.iter().enumerate() {
        if term.normalized == q.normalized {
            tier = tier.min(Tier::SameText);
        } else if !q.joined.is_empty() && term.joined == q.joined {
            tier = tier.min(Tier::SameWords);
        } else if term.normalized.starts_with(&q.normalized) {
            tier = tier.min(Tier::Completes);
            completion = completion.min(term.normalized.len());
        }
        // Stopping inside a word of the term is typing the term out ("cand" of "candidate
        // generation"), unless the typed word is that word in another form ("rank" of
        // "ranker", "re-rank" of "re-ranking"): a word of the user's own stays theirs. A short
        // stem well short of the word ("feat" of "feature") is still typing it out.
        let last = q.words.len().saturating_sub(1);
        let same_word = match (q.words.get(last), term.words.get(last)) {
            (Some(typed), Some(word)) => {
                !typed.canon.is_empty()
                    && typed.canon == word.canon
                    && (typed.raw.len() >= 5 || word.raw.len() <= typed.raw.len() + 2)
            }
            _ => false,
        };
        own_word |= same_word;
        let mid_word = !same_word
            && term.normalized.starts_with(&q.normalized)
            && term.normalized[q.normalized.len()..]
                .chars()
                .next()
                .is_some_and(|c| c != ' ');
        // The kind's own name (or id, which stands for it) first, then the shortest alias.
        let rank = (t > 1, term.normalized.len());
        if mid_word && completes.is_none_or(|(_, best)| rank < best) {
            completes = Some((t, rank));
        }
        let mut points = 0;
        let mut hit_words = vec![false; term.words.len()];
        for (i, word) in q.words.iter().enumerate() {
            let hit = meet(word, term, &mut hit_words);
            best[i] = best[i].max(hit);
            points += query.weights[i] * hit.points();
        }
        if let (Some(qh), Some(th)) = (q.words.get(q.head), term.words.get(term.head)) {
            heads_meet |= matches!(word_hit(qh, th), Hit::Exact | Hit::Typo) || covers(qh, th);
        }
        let (hits, main) = term.main_words().fold((0, 0), |(h, n), (i, _)| {
            (h + u64::from(hit_words[i]), n + 1)
        });
        fit = fit.max(points * 1000 * hits / main.max(1));
    }
    let total: u64 = query.weights.iter().sum();
    let explained: u64 = best
        .iter()
        .zip(&query.weights)
        .map(|(hit, w)| w * hit.points())
        .sum();
    let coverage = explained * 10 / total.max(1);
    let all = best
        .iter()
        .zip(&query.weights)
        .all(|(hit, &w)| w == 0 || *hit > Hit::Miss);
    if tier == Tier::SomeWords {
        if explained == 0 {
            return None;
        }
        if all {
            tier = Tier::AllWords;
        }
    }
    Some(Ranked {
        index,
        tier,
        completion,
        completes: completes.filter(|_| !own_word).map(|(t, _)| t),
        coverage,
        fit,
        heads_meet,
    })
}

/// How `word` meets `term`, marking the term's words it hits. Besides one word meeting
/// another, a short form meets its spelled-out words across several words ("ann" and
/// "approximate nearest neighbor").
fn meet(word: &Word, term: &Phrase, hit_words: &mut [bool]) -> Hit {
    let mut best = Hit::Miss;
    for (i, t) in term.words.iter().enumerate() {
        let hit = word_hit(word, t);
        if hit > Hit::Miss || covers(word, t) {
            hit_words[i] = true;
        }
        best = best.max(hit);
    }
    let spelled_across = word.is_main()
        && word
            .canon
            .iter()
            .all(|c| term.words.iter().any(|t| t.canon.contains(c)));
    if spelled_across {
        best = Hit::Exact;
    }
    best
}

/// Whether every canonical word of `t` is one of `word`'s ("nearest" of "ann").
fn covers(word: &Word, t: &Word) -> bool {
    t.is_main() && t.canon.iter().all(|c| word.canon.contains(c))
}

/// How one typed word meets one word of a name.
fn word_hit(word: &Word, t: &Word) -> Hit {
    let (q, w) = (word.raw.as_str(), t.raw.as_str());
    if q == w || (word.is_main() && word.canon.iter().all(|c| t.canon.contains(c))) {
        return Hit::Exact;
    }
    if w.len() > q.len() && w.starts_with(q) {
        return Hit::Prefix;
    }
    let (short, long) = (q.len().min(w.len()), q.len().max(w.len()));
    let limit = if short >= 8 { 2 } else { 1 };
    if short >= 5 && long - short <= limit && strsim::damerau_levenshtein(q, w) <= limit {
        return Hit::Typo;
    }
    if q.len() >= 4 && w.contains(q) {
        return Hit::Inside;
    }
    Hit::Miss
}
