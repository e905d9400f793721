import { readFileSync, writeFileSync } from "node:fs";
import { runAnalytics } from "./lib/analytics-cli";

process.exitCode = runAnalytics(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, "utf8"),
  writeFile: (path, text) => writeFileSync(path, text),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
