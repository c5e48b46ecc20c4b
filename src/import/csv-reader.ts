/**
 * Reading a CSV file as it streams in, record by record, with the line each record starts on:
 * what every import reads (rosters, OneRoster bundles, the holiday calendar).
 *
 * csv-parse does the parsing; this file decides what csv-parse cannot: that the bytes are UTF-8
 * (a spreadsheet saved as "CSV" in Windows-1252 or as "Unicode text" is refused with the line of
 * the first wrong byte, never read as garbage), and the separator. Dutch spreadsheets save with
 * semicolons, because the comma is the decimal separator (`5,5`): the header line decides which,
 * and after that a comma in a cell is just a comma.
 */
import { type CsvError, type Info, parse } from 'csv-parse';

/** A record of the file: its cells, and the line of the file it starts on (1 is the first line). */
export type CsvRecord = { line: number; cells: string[] };

/** Why a file cannot be read at all, at a line: the records before it were read. */
export class CsvReadError extends Error {
  constructor(
    readonly line: number,
    readonly key: string,
  ) {
    super(`${key} at line ${line}`);
    this.name = 'CsvReadError';
  }
}

const SEPARATORS = [';', ',', '\t'] as const;

/** The separator the header line uses most; a comma when it has none (a file of one column). */
export function separatorOf(headerLine: string): string {
  let best: string = ',';
  let most = 0;
  for (const separator of SEPARATORS) {
    const count = headerLine.split(separator).length - 1;
    if (count > most) {
      most = count;
      best = separator;
    }
  }
  return best;
}

const countNewlines = (text: string) => {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
};

/**
 * The text of a stream of bytes, decoded strictly as UTF-8 (a byte-order mark is dropped): the
 * first byte that is not UTF-8 throws `roster.file.encoding` at its line. A UTF-16 file (its own
 * byte-order mark, or NUL bytes) is named as such.
 */
async function* utf8Text(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 0;
  let first = true;
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    if (chunk.length === 0) continue;
    if (first) {
      first = false;
      const utf16 =
        (chunk[0] === 0xff && chunk[1] === 0xfe) ||
        (chunk[0] === 0xfe && chunk[1] === 0xff) ||
        chunk.subarray(0, 200).includes(0);
      if (utf16) throw new CsvReadError(1, 'roster.file.utf16');
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      // The line of the first wrong byte: the chunk decoded leniently, up to its first replacement.
      const lenient = new TextDecoder('utf-8').decode(chunk);
      const bad = lenient.indexOf('\uFFFD');
      throw new CsvReadError(
        lines + 1 + countNewlines(lenient.slice(0, Math.max(0, bad))),
        'roster.file.encoding',
      );
    }
    lines += countNewlines(text);
    if (text.length > 0) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest.length > 0) yield rest;
  } catch {
    throw new CsvReadError(lines + 1, 'roster.file.encoding');
  }
}

/** The message key of a csv-parse failure: quotes that do not close or open where they should. */
function keyOf(error: CsvError): string {
  return error.code === 'CSV_QUOTE_NOT_CLOSED' ||
    error.code === 'CSV_INVALID_CLOSING_QUOTE' ||
    error.code === 'INVALID_OPENING_QUOTE'
    ? 'roster.file.quotes'
    : 'roster.file.unreadable';
}

/**
 * Reads `source` (a file's bytes, streamed) and hands each record that has a cell with text to
 * `onRecord`, in order, as it is parsed: memory holds a chunk of the file, not the file. When
 * `onRecord` returns a promise (an import writing what it staged), reading waits for it. Throws
 * a CsvReadError for a file that is not UTF-8 or whose quotes do not match, after handing over
 * the records before that line.
 */
export async function readCsv(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  onRecord: (record: CsvRecord) => void | Promise<void>,
): Promise<void> {
  const text = utf8Text(source);
  // The header line decides the separator: gather text until it is complete.
  let head = '';
  let next = await text.next();
  while (!next.done) {
    head += next.value;
    if (head.includes('\n')) break;
    next = await text.next();
  }
  if (head.startsWith('\uFEFF')) head = head.slice(1);
  if (head.length === 0) return;
  const end = head.indexOf('\n');
  const separator = separatorOf(end < 0 ? head : head.slice(0, end));

  async function* all(): AsyncGenerator<string> {
    yield head;
    if (next.done) return;
    for (let piece = await text.next(); !piece.done; piece = await text.next()) yield piece.value;
  }

  const parser = parse({
    delimiter: separator,
    info: true,
    relax_column_count: true,
    // A quote inside a cell that does not start with one (`Jansen "Mimi"`) is just a quote.
    relax_quotes: true,
    skip_empty_lines: true,
  });
  // A record's `info.lines` is the line it ends on; it starts after the previous record and the empty lines between.
  let endOfPrevious = 0;
  let emptyBefore = 0;
  // The parser runs ahead by one piece of text at most: its records wait here for `onRecord`.
  const parsed: CsvRecord[] = [];
  let failure: unknown;
  let ended = false;
  parser.on('data', ({ record, info }: { record: string[]; info: Info }) => {
    const line = endOfPrevious + 1 + (info.empty_lines - emptyBefore);
    endOfPrevious = info.lines;
    emptyBefore = info.empty_lines;
    if (record.some((cell) => cell.trim() !== '')) parsed.push({ line, cells: record });
  });
  parser.on('error', (error: CsvError) => {
    failure ??=
      typeof error.code === 'string' && typeof error.lines === 'number'
        ? new CsvReadError(error.lines, keyOf(error))
        : error;
  });
  parser.on('end', () => {
    ended = true;
  });
  // The parser emits what it parsed (and its errors) on the next turns of the event loop.
  const settled = () => new Promise<void>((resolve) => setImmediate(resolve));
  const handOver = async () => {
    for (let record = parsed.shift(); record; record = parsed.shift()) {
      const done = onRecord(record);
      if (done) await done;
    }
  };

  try {
    await settled();
    for await (const piece of all()) {
      parser.write(piece);
      await settled();
      await handOver();
      if (failure) throw failure;
    }
    parser.end();
    while (!ended && !failure) await settled();
    await handOver();
    if (failure) throw failure;
  } finally {
    if (!ended) parser.destroy();
  }
}
