/**
 * Reads an uploaded CSV as a stream: bytes are counted as they arrive and reading stops at the first
 * byte over the limit (the rest of the upload is never pulled), the text is decoded chunk by chunk
 * (UTF-8, or UTF-16 with a byte-order mark; anything else is refused with advice rather than read as
 * mojibake), the delimiter is taken from the header line, and csv-parse turns the text into records
 * as it goes, stopping at the row limit. Every problem is a message key, never an exception.
 */
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { CsvError, type Info, type Parser, parse } from "csv-parse";
import { type ImportLimits, type ImportProblem, MB } from "./field-spec";

/** `lines[i]` is the file line where `rows[i]` ends (the header is line 1), for error reports. */
export type ParsedCsv = { headers: string[]; rows: string[][]; lines: number[]; delimiter: string; encoding: string; bytes: number };
export type CsvReadResult = { ok: true; csv: ParsedCsv } | { ok: false; problem: ImportProblem; bytes: number };

class ReadProblem extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.code);
  }
}

const DELIMITERS = [",", ";", "\t", "|"];

/** The delimiter that splits the header line into the most columns (comma when none splits it). */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n|\r/, 1)[0] ?? "";
  let best = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    // Delimiters inside quotes do not split; a rough count outside quotes is enough to choose.
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Chunks of a web stream; returning early (break, throw) cancels the stream, so the rest is never read. */
export async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The decoder for the file's first bytes, and how many bytes of byte-order mark to skip. */
function decoderFor(head: Uint8Array): { decoder: TextDecoder; skip: number; encoding: string } {
  if (head[0] === 0xff && head[1] === 0xfe) return { decoder: new TextDecoder("utf-16le", { fatal: true }), skip: 2, encoding: "UTF-16LE" };
  if (head[0] === 0xfe && head[1] === 0xff) return { decoder: new TextDecoder("utf-16be", { fatal: true }), skip: 2, encoding: "UTF-16BE" };
  // ignoreBOM false: a UTF-8 byte-order mark (Excel's "CSV UTF-8") is dropped by the decoder.
  return { decoder: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }), skip: 0, encoding: "UTF-8" };
}

/**
 * The file as text, chunk by chunk. Throws ReadProblem on the first byte over the limit and on bytes
 * that are not text in the detected encoding (including NUL, which real CSV text never contains).
 */
async function* decodeChunks(source: AsyncIterable<Uint8Array>, limits: ImportLimits, state: { bytes: number; encoding: string }): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let head: Uint8Array = new Uint8Array(0);
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    let text: string;
    try {
      text = decoder!.decode(bytes, { stream });
    } catch {
      throw new ReadProblem({ code: "import.errors.encoding" });
    }
    if (text.includes("\u0000")) throw new ReadProblem({ code: "import.errors.encoding" });
    return text;
  };
  for await (const chunk of source) {
    state.bytes += chunk.byteLength;
    if (state.bytes > limits.maxBytes) throw new ReadProblem({ code: "import.errors.tooLarge", maxMb: limits.maxBytes / MB });
    let bytes = chunk;
    if (!decoder) {
      head = concat(head, chunk);
      if (head.length < 2) continue;
      const found = decoderFor(head);
      decoder = found.decoder;
      state.encoding = found.encoding;
      bytes = head.subarray(found.skip);
    }
    const text = decode(bytes, true);
    if (text) yield text;
  }
  if (state.bytes === 0) throw new ReadProblem({ code: "import.errors.empty" });
  if (!decoder) {
    const found = decoderFor(head);
    decoder = found.decoder;
    state.encoding = found.encoding;
    const text = decode(head.subarray(found.skip), true);
    if (text) yield text;
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest) yield rest;
}

type CsvRecord = { record: string[]; info: Info };

/**
 * Reads a CSV upload within `limits`. `source` is the request body (a web stream) or any async
 * iterable of byte chunks; it is not read past the first problem.
 */
export async function readCsvStream(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, limits: ImportLimits): Promise<CsvReadResult> {
  const state = { bytes: 0, encoding: "UTF-8" };
  const records: string[][] = [];
  const lines: number[] = [];
  let delimiter = ",";
  let parser: Parser | null = null;
  let tooMany = false;
  let parseError: unknown = null;

  const open = (firstText: string): Parser => {
    delimiter = detectDelimiter(firstText);
    const p = parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true });
    p.on("data", ({ record, info }: CsvRecord) => {
      // The header plus maxRows data rows are allowed; one more and the file is refused.
      if (records.length > limits.maxRows) {
        tooMany = true;
        return;
      }
      records.push(record);
      lines.push(info.lines);
    });
    p.on("error", (error) => {
      parseError ??= error;
    });
    return p;
  };
  const write = async (p: Parser, text: string): Promise<void> => {
    if (p.destroyed) return;
    if (!p.write(text)) await Promise.race([once(p, "drain"), once(p, "close")]).catch(() => undefined);
  };

  const iterable = source instanceof ReadableStream ? chunksOf(source) : source;
  try {
    let pending = "";
    for await (const text of decodeChunks(iterable, limits, state)) {
      if (!parser) {
        pending += text;
        // The delimiter is chosen on the whole header line, so wait for its end (or 64 KB of it).
        if (!/[\r\n]/.test(pending) && pending.length < 65_536) continue;
        parser = open(pending);
        await write(parser, pending);
        pending = "";
      } else await write(parser, text);
      // Leaving the loop returns the decoder and the source: the rest of the upload is not read.
      if (tooMany || parseError) break;
    }
    if (!parser) {
      if (!pending.trim()) return { ok: false, problem: { code: "import.errors.empty" }, bytes: state.bytes };
      parser = open(pending);
      await write(parser, pending);
    }
    if (tooMany || parseError) parser.destroy();
    else {
      parser.end();
      await finished(parser).catch((error: unknown) => {
        parseError ??= error;
      });
    }
  } catch (error) {
    parser?.destroy();
    if (error instanceof ReadProblem) return { ok: false, problem: error.problem, bytes: state.bytes };
    throw error;
  }
  if (tooMany) return { ok: false, problem: { code: "import.errors.tooManyRows", max: limits.maxRows }, bytes: state.bytes };
  if (parseError) {
    const line = parseError instanceof CsvError && typeof parseError.lines === "number" ? parseError.lines : 0;
    return { ok: false, problem: { code: "import.errors.malformed", line }, bytes: state.bytes };
  }
  if (records.length === 0) return { ok: false, problem: { code: "import.errors.empty" }, bytes: state.bytes };
  const [header, ...rows] = records;
  return {
    ok: true,
    csv: { headers: header.map((h) => h.trim()), rows, lines: lines.slice(1), delimiter, encoding: state.encoding, bytes: state.bytes },
  };
}

/** The same for bytes already in memory (tests, benchmarks, command-line tools). */
export function readCsvBytes(bytes: Uint8Array, limits: ImportLimits): Promise<CsvReadResult> {
  async function* one(): AsyncGenerator<Uint8Array> {
    if (bytes.length > 0) yield bytes;
  }
  return readCsvStream(one(), limits);
}
