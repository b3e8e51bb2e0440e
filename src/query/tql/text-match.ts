// ET's `~` (CONTAINS): a Lucene-style full-text match, compiled once per query value
// into a single regular expression.
// - words are matched case-insensitively as whole words, singular and plural alike; several words match ANY
//   of them;
// - a phrase in inner quotes ('login bug' or "login bug") matches the words in sequence;
// - `?` is one word character and `*` any number of them;
// - English stop words (Lucene's StandardAnalyzer list) are not indexed, so they never match.

export const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not',
  'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was',
  'will', 'with',
]);

const WORD = '[\\p{L}\\p{N}]';
const NON_WORD = '[^\\p{L}\\p{N}]';
// Between two phrase words, any separators and any stop words (they were never indexed).
const GAP = `${NON_WORD}+(?:(?:${[...STOP_WORDS].join('|')})${NON_WORD}+)*`;

function wordPattern(word: string): string {
  if (/[?*]/.test(word)) return word.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\?/g, WORD).replace(/\*/g, `${WORD}*`);
  return pluralPattern(word);
}

/**
 * A word and its plural: ET's own example finds the package "Reports" with `Name ~ 'Report'`, so its index
 * folds English plural endings. Both ways: `report` finds "Reports" and `reports` finds "Report"; `story`
 * and `stories` find each other. (Words with wildcards are taken as written.)
 */
function pluralPattern(word: string): string {
  const escape = (w: string) => w.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  let stem = word;
  if (/[^aeiou]ies$/.test(word) && word.length > 4) stem = `${word.slice(0, -3)}y`;
  else if (/(ss|x|z|ch|sh)es$/.test(word)) stem = word.slice(0, -2);
  else if (/[^su]s$/.test(word) && word.length > 3) stem = word.slice(0, -1);
  if (/[^aeiou]y$/.test(stem)) return `${escape(stem.slice(0, -1))}(?:y|ies)`;
  if (/(ss|x|z|ch|sh)$/.test(stem)) return `${escape(stem)}(?:es)?`;
  return `${escape(stem)}s?`;
}

/** Split on anything that is neither a letter, a digit nor a wildcard; drop stop words. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}?*]+/u)
    .filter((w) => w !== '' && !STOP_WORDS.has(w) && !/^[?*]+$/.test(w));
}

/** The terms of a query value: each is a list of words that must appear in sequence. */
export function textTerms(query: string): string[][] {
  const terms: string[][] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(query); m !== null; m = re.exec(query)) {
    const phrase = m[1] ?? m[2];
    if (phrase !== undefined) {
      const ws = words(phrase);
      if (ws.length > 0) terms.push(ws);
    } else {
      // A single token such as "log-in" is analysed into several words: a phrase.
      const ws = words(m[3]!.replace(/^[+-]/, ''));
      if (ws.length > 0) terms.push(ws);
    }
  }
  return terms;
}

/** A test for "text contains the query" in ET's sense; a query of only stop words matches nothing. */
export function compileTextMatch(query: string): (text: string) => boolean {
  const terms = textTerms(query);
  if (terms.length === 0) return () => false;
  const alternatives = terms.map((ws) => ws.map(wordPattern).join(GAP));
  const re = new RegExp(`(?<!${WORD})(?:${alternatives.join('|')})(?!${WORD})`, 'iu');
  return (text) => re.test(text);
}
