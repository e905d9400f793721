import { connectAppDatabase, type Database, setDatabase } from "@/lib/platform/db/client";
import { runUserCreate, UsageError } from "./lib/user-create-cli";
import { exitWhenDone } from "@/lib/platform/cli";

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003" || ch === "\u0004") {
          finish();
          reject(new UsageError("cancelled"));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    process.stderr.write(question);
    stdin.setEncoding("utf8");
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  // One trailing line break is the pipe's, not the password's.
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) return readStdin();
  const first = await promptHidden("Password (12 characters or more): ");
  const second = await promptHidden("Repeat it: ");
  if (first !== second) throw new UsageError("the two passwords differ");
  return first;
}

async function main(): Promise<number> {
  let db: Database | undefined;
  try {
    // The embedded database is locked by a running server: stop it first (the error says which process).
    db = await connectAppDatabase();
    setDatabase(db);
    return await runUserCreate(process.argv.slice(2), {
      readPassword,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
  } catch (error) {
    console.error(`user:create: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (db) await db.close();
  }
}

exitWhenDone(main);
