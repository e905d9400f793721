import { describe, expect, test } from "vitest";
import { readCsvBytes, readCsvStream } from "@/lib/platform/import/csv-reader";
import { MB } from "@/lib/platform/import/field-spec";

const LIMITS = { maxBytes: 10 * MB, maxRows: 50_000 };
const bytes = (s: string) => new TextEncoder().encode(s);

/** A source that makes up `chunks` chunks of `size` bytes on demand and counts how many were pulled. */
function endless(chunks: number, size: number, header = "name,kind,region\n") {
  const state = { pulled: 0, bytes: 0 };
  const row = bytes("Acme,enterprise,East\n".repeat(Math.ceil(size / 21))).subarray(0, size);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) {
        controller.close();
        return;
      }
      const chunk = state.pulled === 0 ? bytes(header) : row;
      state.pulled++;
      state.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

describe("reading an uploaded CSV as a stream", () => {
  test("UTF-8 with a BOM, CRLF line ends and a quoted delimiter", async () => {
    const result = await readCsvBytes(bytes('\uFEFFname,kind,region\r\n"Acme, Inc",enterprise,East\r\n'), LIMITS);
    expect(result.ok && result.csv.rows).toEqual([["Acme, Inc", "enterprise", "East"]]);
    expect(result.ok && result.csv.headers).toEqual(["name", "kind", "region"]);
    expect(result.ok && result.csv.encoding).toBe("UTF-8");
  });

  test.each([
    ["semicolon", "name;kind;region\nA;individual;East\n", ";"],
    ["tab", "name\tkind\tregion\nA\tindividual\tEast\n", "\t"],
    ["pipe", "name|kind|region\nA|individual|East\n", "|"],
  ])("the %s delimiter is detected", async (_label, text, delimiter) => {
    const result = await readCsvBytes(bytes(text), LIMITS);
    expect(result.ok && result.csv.delimiter).toBe(delimiter);
    expect(result.ok && result.csv.rows[0]).toEqual(["A", "individual", "East"]);
  });

  test("UTF-16 with a BOM is read, even split between chunks in the middle of a character", async () => {
    const text = "name,kind,region\n张伟,个人,华东\n";
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    async function* oddChunks() {
      for (let i = 0; i < utf16.length; i += 3) yield utf16.subarray(i, i + 3);
    }
    const result = await readCsvStream(oddChunks(), LIMITS);
    expect(result.ok && result.csv.rows[0]).toEqual(["张伟", "个人", "华东"]);
    expect(result.ok && result.csv.encoding).toBe("UTF-16LE");
  });

  test.each([
    ["an empty file", new Uint8Array(), "import.errors.empty"],
    ["only blank lines", bytes("\n\n  \n"), "import.errors.empty"],
    ["GBK bytes (not UTF-8)", new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xd5, 0xc5, 0xce, 0xb0]), "import.errors.encoding"],
    ["binary with NUL bytes", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), "import.errors.encoding"],
    ["an unterminated quote", bytes('name,kind,region\n"Acme,enterprise,East\n'), "import.errors.malformed"],
  ])("%s gets a clear message", async (_label, input, code) => {
    const result = await readCsvBytes(input, LIMITS);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.code).toBe(code);
  });

  test("a malformed line is named", async () => {
    const result = await readCsvBytes(bytes('name,kind,region\nA,b,c\nB,c,d\n"C,d,e\n'), LIMITS);
    expect(!result.ok && result.problem).toEqual({ code: "import.errors.malformed", line: 4 });
  });

  test("the byte limit is enforced while reading: the rest of an oversized upload is never pulled", async () => {
    const chunk = 64 * 1024;
    const { stream, state } = endless(10_000, chunk);
    const result = await readCsvStream(stream, { maxBytes: MB, maxRows: 1_000_000 });
    expect(!result.ok && result.problem).toEqual({ code: "import.errors.tooLarge", maxMb: 1 });
    // 640 MB were on offer; reading stopped within one chunk of the limit (and the stream's own read-ahead).
    expect(state.bytes).toBeLessThanOrEqual(MB + 3 * chunk);
  });

  test("the row limit stops reading too", async () => {
    const { stream, state } = endless(10_000, 16 * 1024);
    const result = await readCsvStream(stream, { maxBytes: 1024 * MB, maxRows: 1000 });
    expect(!result.ok && result.problem).toEqual({ code: "import.errors.tooManyRows", max: 1000 });
    expect(state.pulled).toBeLessThan(20);
  });

  test("a file exactly at the limits is read whole", async () => {
    const text = `name,kind,region\n${"A,individual,East\n".repeat(3)}`;
    const result = await readCsvBytes(bytes(text), { maxBytes: bytes(text).length, maxRows: 3 });
    expect(result.ok && result.csv.rows.length).toBe(3);
    expect(result.ok && result.csv.bytes).toBe(bytes(text).length);
  });
});
