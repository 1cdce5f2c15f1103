// Word and phrase matching that sees through the usual disguises: full-width and accented letters,
// homoglyphs (Cyrillic "а" for "a"), invisible characters, and letters spread out with spaces or
// punctuation ("b a n n e d", "b.a.n.n.e.d", "ban-ned"), while keeping word boundaries: "ass"
// matches neither "class" nor "a ss" (two words), only the word itself or a spelling of it.
import unhomoglyph from "unhomoglyph";

/** Text folded for comparison: NFKC, case folded, no marks or invisible characters, homoglyphs to one skeleton. */
export function fold(text: string): string {
  const letters = text.normalize("NFKC").toLowerCase().normalize("NFD").replace(/[\p{M}\p{Cf}]/gu, "");
  return Array.from(letters, skeleton).join("");
}

const skeletons = new Map<string, string>();

/** A character's confusable skeleton, when it is one character: "m" stays "m" rather than "rn", so spelled-out letters stay single. */
function skeleton(char: string): string {
  let mapped = skeletons.get(char);
  if (mapped === undefined) {
    mapped = unhomoglyph(char).toLowerCase();
    if ([...mapped].length !== 1) mapped = char;
    // Bounded by the characters in use; a flood of distinct ones is not worth keeping.
    if (skeletons.size < 100_000) skeletons.set(char, mapped);
  }
  return mapped;
}

interface Token {
  text: string;
  /** What stands between this token and the one before it. */
  gap: string;
}

/** The words of folded text, each with the separator before it. */
function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  let end = 0;
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    tokens.push({ text: match[0], gap: folded.slice(end, match.index) });
    end = match.index + match[0].length;
  }
  return tokens;
}

/**
 * Whether two neighbouring tokens are one word spelled apart: joined by a short run of punctuation
 * ("ban-ned", "b.a.d"), or both single letters apart by a few spaces or marks ("b a d"). A single
 * letter beside a longer word across a space ("a ss") stays two words.
 */
function glued(before: Token, after: Token): boolean {
  if (after.gap.length === 0 || after.gap.length > 3 || /[\r\n]/.test(after.gap)) return false;
  if (!/\s/.test(after.gap)) return true;
  return [...before.text].length === 1 && [...after.text].length === 1;
}

/** A word list, folded once, that finds its entries in any text. */
export class WordMatcher {
  /** Entries by their first word, for matching word by word. */
  private readonly byFirstWord = new Map<string, { value: string; words: string[] }[]>();
  /** Entries by their letters run together, for matching words spelled apart. */
  private readonly byCompact = new Map<string, string[]>();
  private readonly longest: number;

  constructor(values: readonly string[]) {
    let longest = 0;
    for (const value of values) {
      const words = tokenize(fold(value)).map((token) => token.text);
      if (words.length === 0) continue;
      const compact = words.join("");
      longest = Math.max(longest, compact.length);
      this.byFirstWord.set(words[0]!, [...(this.byFirstWord.get(words[0]!) ?? []), { value, words }]);
      this.byCompact.set(compact, [...(this.byCompact.get(compact) ?? []), value]);
    }
    this.longest = longest;
  }

  /** The entries (as the admin wrote them) that occur in `text`. */
  find(text: string): string[] {
    if (this.longest === 0) return [];
    const tokens = tokenize(fold(text));
    const found = new Set<string>();
    tokens.forEach((token, start) => {
      for (const entry of this.byFirstWord.get(token.text) ?? []) {
        if (entry.words.every((word, i) => tokens[start + i]?.text === word)) found.add(entry.value);
      }
    });
    for (const word of spelledWords(tokens, this.longest)) for (const value of this.byCompact.get(word) ?? []) found.add(value);
    return [...found];
  }
}

/** Every word up to `longest` long spelled by one token or across glued tokens, joined. */
function spelledWords(tokens: Token[], longest: number): Set<string> {
  const words = new Set<string>(tokens.map((token) => token.text));
  for (let start = 0; start < tokens.length; start++) {
    let joined = tokens[start]!.text;
    for (let end = start + 1; end < tokens.length && joined.length < longest && glued(tokens[end - 1]!, tokens[end]!); end++) {
      joined += tokens[end]!.text;
      words.add(joined);
    }
  }
  return words;
}
