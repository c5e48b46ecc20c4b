/**
 * Splits a `/koers …` line into tokens. It only recognises shapes (quotes, options, mentions,
 * dates); deciding what a word means is left to the command parser, so words keep their case and
 * accents exactly as typed.
 */
import { type DateWords, parseDateWords } from '../domain/calendar-words.ts';

export type Token =
  | { kind: 'word'; text: string; quoted: boolean }
  | { kind: 'option'; name: string; text: string }
  | { kind: 'mention'; text: string; userId?: string; label?: string }
  | { kind: 'date'; text: string; date: DateWords };

type Word = Extract<Token, { kind: 'word' }>;

/** Opening quote → the characters that may close it; phone keyboards mix straight and curly. */
const closingQuotes: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ['“', '”“'],
  ['‘', '’‘'],
  ['„', '”“'],
]);

const slackMention = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/y;
const teamsMention = /<at(?:\s[^>]*)?>([\s\S]*?)<\/at>/iy;
// Smart-punctuation settings (macOS, iOS, Slack) turn a typed `--` into an en or em dash.
const optionStart = /^(?:--|–|—)\p{L}/u;
// Dutch elisions such as `'s-Hertogenbosch`, `'t Zandt`, `'n boek` start with an apostrophe
// that is not a quote.
const elision = /['‘’][stn](?![\p{L}\p{N}'‘’])/uy;

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/u.test(char);
}

function matchAt(pattern: RegExp, input: string, position: number): RegExpExecArray | null {
  pattern.lastIndex = position;
  return pattern.exec(input);
}

function mentionAt(input: string, position: number): { token: Token; end: number } | null {
  if (input[position] !== '<') return null;
  const slack = matchAt(slackMention, input, position);
  if (slack) {
    const [text, userId, label] = slack;
    const token: Token = label ? { kind: 'mention', text, userId, label } : { kind: 'mention', text, userId };
    return { token, end: position + text.length };
  }
  const teams = matchAt(teamsMention, input, position);
  if (teams) {
    const [text, rawLabel = ''] = teams;
    const label = rawLabel.trim();
    const token: Token = label ? { kind: 'mention', text, label } : { kind: 'mention', text };
    return { token, end: position + text.length };
  }
  return null;
}

/**
 * A closing quote normally has to be followed by whitespace, so `'Jan's boek'` stays one phrase;
 * failing that, the first closing character ends it, and failing that the quote runs to the end.
 */
function quotedAt(input: string, position: number): { token: Word | null; end: number } | null {
  const opening = input[position];
  const closers = opening === undefined ? undefined : closingQuotes.get(opening);
  if (closers === undefined || matchAt(elision, input, position)) return null;

  const start = position + 1;
  let firstCloser = -1;
  for (let i = start; i < input.length; i++) {
    if (!closers.includes(input[i] ?? '')) continue;
    if (i + 1 === input.length || isSpace(input[i + 1])) return quotedWord(input.slice(start, i), i + 1);
    if (firstCloser === -1) firstCloser = i;
  }
  if (firstCloser !== -1) return quotedWord(input.slice(start, firstCloser), firstCloser + 1);
  // The user never marked where an unclosed quote ends, so trailing whitespace is not theirs.
  return quotedWord(input.slice(start).trimEnd(), input.length);
}

/** Empty quotes say nothing, and every token must carry text. */
function quotedWord(text: string, end: number): { token: Word | null; end: number } {
  return { token: text ? { kind: 'word', text, quoted: true } : null, end };
}

/** A bare run ends at whitespace or where a complete mention begins, e.g. `<@U1><@U2>`. */
function bareEnd(input: string, position: number): number {
  let end = position + 1;
  while (end < input.length && !isSpace(input[end]) && !mentionAt(input, end)) end++;
  return end;
}

/** `--tot=15-12` splits into the option and whatever follows `=`, read as separate tokens. */
function bareAt(input: string, position: number): { token: Token; end: number } {
  const end = bareEnd(input, position);
  const text = input.slice(position, end);
  if (!optionStart.test(text)) return { token: { kind: 'word', text, quoted: false }, end };

  const equals = text.indexOf('=');
  const optionText = equals === -1 ? text : text.slice(0, equals);
  const name = optionText.slice(optionText.startsWith('--') ? 2 : 1).toLowerCase();
  return {
    token: { kind: 'option', name, text: optionText },
    end: equals === -1 ? end : position + equals + 1,
  };
}

function scan(input: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < input.length) {
    if (isSpace(input[position])) {
      position++;
      continue;
    }
    const next = mentionAt(input, position) ?? quotedAt(input, position) ?? bareAt(input, position);
    if (next.token) tokens.push(next.token);
    position = next.end;
  }
  return tokens;
}

function isBareWord(token: Token | undefined): token is Word {
  return token?.kind === 'word' && !token.quoted;
}

/** Longest first, so `15 december 2026` is one date rather than a date and a stray year. */
const dateSpans = [3, 2, 1] as const;

/** Dates may span several words (`15 dec 2026`, `december 15, 2026`); each part must be bare. */
function dateAt(tokens: readonly Token[], index: number): { token: Token; length: number } | null {
  for (const length of dateSpans) {
    const parts = tokens.slice(index, index + length);
    if (parts.length !== length || !parts.every(isBareWord)) continue;
    const text = parts.map((part) => part.text).join(' ');
    const date = parseDateWords(text);
    if (date) return { token: { kind: 'date', text, date }, length };
  }
  return null;
}

function joinDates(tokens: readonly Token[]): Token[] {
  const joined: Token[] = [];
  let index = 0;
  while (index < tokens.length) {
    const date = dateAt(tokens, index);
    if (date) {
      joined.push(date.token);
      index += date.length;
      continue;
    }
    const token = tokens[index];
    if (token) joined.push(token);
    index++;
  }
  return joined;
}

export function tokenize(input: string): Token[] {
  return joinDates(scan(input));
}

export function tokenText(token: Token): string {
  return token.text;
}
