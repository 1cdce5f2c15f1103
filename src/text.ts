// The one rule for text a client sends. Every String argument and input field passes it (the
// inputRules plugin, src/input-rules.ts); a field's own rule says what kind of text it holds.
// Lengths count characters as a reader sees them: grapheme clusters (Intl.Segmenter), so an
// emoji made of several code points, a flag or a family, is one character.
import { ValidationError } from "./errors.js";

/** One line (slugs, search, keys: the default), multi-line prose (bodies, notes), or a person's name. */
export type TextKind = "line" | "multiline" | "name";

/** What a text field may hold. */
export interface TextRule {
  /** Defaults to "line". */
  kind?: TextKind;
  /** Refuses text that is blank or invisible; without it, blank text is read as empty. */
  required?: boolean;
  /** Most characters (grapheme clusters) once trimmed; defaults to DEFAULT_MAX_LENGTH. */
  maxLength?: number;
}

/** The length limit of a text field that names none. */
export const DEFAULT_MAX_LENGTH = 1000;
/** Most code points one character may stack (Unicode's stream-safe format allows 30 marks on a base). */
export const MAX_CODE_POINTS_PER_CHARACTER = 32;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
// Printable ASCII needs neither normalising nor segmenting: most slugs, keys and cursors.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Nothing a reader can see: spaces, zero-width and filler characters, marks with no base, controls.
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}\p{Cc}\u2800]*$/u;
const WHITE_SPACE_ONLY = /^\p{White_Space}*$/u;
const LONE_SURROGATE = /\p{Cs}/u;
// Control characters (C0, DEL, C1); tab and line feed are allowed in multi-line text only.
const CONTROL = /\p{Cc}/u;
const CONTROL_IN_MULTILINE = /[^\P{Cc}\t\n]/u;
// In a name: characters that change direction or hide (the joiners and variation selectors that
// emoji and some scripts need stay allowed).
const HIDDEN_IN_NAME =
  /[\p{Bidi_Control}\p{Noncharacter_Code_Point}\u115f\u1160\u180e\u2800\u3164\uffa0]|(?![\u200c\u200d\ufe00-\ufe0f\u{e0100}-\u{e01ef}])\p{Default_Ignorable_Code_Point}/u;
// A subdivision flag (England, Scotland, Wales) is the one sequence that may carry tag characters.
const TAG_FLAG = /\u{1f3f4}[\u{e0061}-\u{e007a}]{1,8}\u{e007f}/gu;
// Line and paragraph separators break a line as a line feed does.
const LINE_SEPARATOR = /[\u2028\u2029]/u;

/**
 * `value` in NFC, trimmed (line breaks read as LF in multi-line text, spaces collapsed in names).
 * Throws a ValidationError naming `field` when the text breaks `rule`.
 */
export function cleanText(value: string, field: string, rule: TextRule = {}): string {
  const kind = rule.kind ?? "line";
  const max = rule.maxLength ?? DEFAULT_MAX_LENGTH;
  if (PRINTABLE_ASCII.test(value)) return checkLength(checkBlank(kind === "name" ? collapse(value) : value.trim(), field, rule), field, max);
  if (value.includes("\u0000")) throw new ValidationError("Text cannot contain NUL characters.", field);
  if (LONE_SURROGATE.test(value)) throw new ValidationError("Text must be valid Unicode (it holds a lone surrogate).", field);
  let text = value.normalize("NFC");
  if (kind === "multiline") text = text.replace(/\r\n?/g, "\n");
  if ((kind === "multiline" ? CONTROL_IN_MULTILINE : CONTROL).test(text)) {
    throw new ValidationError(kind === "multiline" ? "Text cannot contain control characters other than tab and line feed." : "Text must be one line, without control characters.", field);
  }
  if (kind !== "multiline" && LINE_SEPARATOR.test(text)) throw new ValidationError("Text must be one line, without control characters.", field);
  if (kind === "name" && HIDDEN_IN_NAME.test(text.replace(TAG_FLAG, ""))) throw new ValidationError("Names cannot contain invisible or direction-changing characters.", field);
  text = kind === "name" ? collapse(text) : text.trim();
  return checkLength(checkBlank(text, field, rule, value), field, max);
}

// V8's segmenter slows more than linearly with the length of what it is given: it is given a
// chunk at a time.
const CHUNK = 1024;

/**
 * The grapheme clusters of `text`, segmented a chunk at a time. Each chunk starts at a cluster
 * boundary and its last cluster, which the chunk's end may have cut, starts the next one. A
 * cluster longer than a chunk comes out in pieces, each far over any length a character may have.
 */
function* clusters(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK);
    // Never between the halves of a surrogate pair: the cut character would be another one.
    if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1]!)) end -= 1;
    let last: Intl.SegmentData | undefined;
    for (const data of graphemes.segment(text.slice(start, end))) {
      if (last) yield last.segment;
      last = data;
    }
    if (end === text.length || last!.index === 0) {
      yield last!.segment;
      start = end;
    } else {
      start += last!.index;
    }
  }
}

/** A sentence for a field's description saying what its rule allows. */
export function describeText(rule: TextRule): string {
  const max = (rule.maxLength ?? DEFAULT_MAX_LENGTH).toLocaleString("en");
  const kind = { line: "One line", multiline: "Text (tab and line feed allowed)", name: "A name (no invisible or direction-changing characters)" }[rule.kind ?? "line"];
  const size = rule.required ? `1 to ${max}` : `up to ${max}`;
  return `${kind} of ${size} characters, counted as grapheme clusters once trimmed; normalised to NFC; no NUL or other control characters.`;
}

function collapse(text: string): string {
  return text.replace(/\p{White_Space}+/gu, " ").trim();
}

/** `text` (trimmed from `sent`) unless it is blank or invisible: blank optional text is read as empty. */
function checkBlank(text: string, field: string, rule: TextRule, sent = text): string {
  if (!INVISIBLE_ONLY.test(text)) return text;
  // Blank optional text is absent; text of invisible characters only is a trick either way. Spaces
  // only are checked on what was sent, as JavaScript's trim also strips U+FEFF, an invisible character.
  if (!rule.required && text === "" && WHITE_SPACE_ONLY.test(sent)) return "";
  throw new ValidationError(rule.required ? "This cannot be empty or made only of invisible characters." : "Text cannot be made only of invisible characters.", field);
}

function checkLength(text: string, field: string, max: number): string {
  if (PRINTABLE_ASCII.test(text)) {
    if (text.length > max) throw tooLong(field, max);
    return text;
  }
  let count = 0;
  for (const segment of clusters(text)) {
    if (++count > max) throw tooLong(field, max);
    if (segment.length > MAX_CODE_POINTS_PER_CHARACTER && [...segment].length > MAX_CODE_POINTS_PER_CHARACTER) {
      throw new ValidationError(`A character may stack at most ${MAX_CODE_POINTS_PER_CHARACTER} code points.`, field);
    }
  }
  return text;
}

function tooLong(field: string, max: number): ValidationError {
  return new ValidationError(`At most ${max.toLocaleString("en")} characters (counted as grapheme clusters) are allowed.`, field);
}
