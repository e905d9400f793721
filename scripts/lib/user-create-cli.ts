/**
 * `npm run user:create -- --admin --email a@b.c --name "Ada Admin" [--password-stdin]`
 * (or `--role MANAGER|REP|AGENT [--team NAME]` instead of `--admin`).
 *
 * Creates an account with a password its person chose, for a database started without demo data:
 * the password is prompted for (twice, not echoed) on a terminal, or read from stdin (piped, or with
 * --password-stdin), never from the command line, where it would land in the shell history and the
 * process list. Written against an injected I/O object so tests run it in-process. Exit codes: 0
 * created, 2 bad usage, 1 refused (weak password, taken email, unknown team) or failed.
 */
import { ROLES } from "@/lib/platform/auth/permissions";
import { createAccountFromCli } from "@/lib/platform/auth/accounts";
import { RuleError } from "@/lib/platform/errors";
import { messagesFor } from "@/lib/i18n/messages";

type Role = (typeof ROLES)[number];

export type UserCreateArgs = { role: Role; email: string; name: string; team: string | null; passwordStdin: boolean };

export interface UserCreateIo {
  /** Prompts twice on a terminal (and refuses a mismatch) or reads stdin, as `fromStdin` says. */
  readPassword(fromStdin: boolean): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = 'usage: npm run user:create -- (--admin | --role MANAGER|REP|AGENT [--team NAME]) --email EMAIL --name "NAME" [--password-stdin]';

export function parseUserCreateArgs(argv: string[]): UserCreateArgs {
  let role: Role | undefined;
  let email: string | undefined;
  let name: string | undefined;
  let team: string | null = null;
  let passwordStdin = false;
  const setRole = (value: Role) => {
    if (role !== undefined && role !== value) throw new UsageError(`give one role (${USAGE})`);
    role = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) throw new UsageError(`${flag} needs a value (${USAGE})`);
      return v;
    };
    const noValue = () => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value (${USAGE})`);
    };
    switch (flag) {
      case "--admin":
        noValue();
        setRole("ADMIN");
        break;
      case "--role": {
        const v = value().toUpperCase();
        if (!(ROLES as readonly string[]).includes(v)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
        setRole(v as Role);
        break;
      }
      case "--email":
        email = value();
        break;
      case "--name":
        name = value();
        break;
      case "--team":
        team = value();
        break;
      case "--password-stdin":
        noValue();
        passwordStdin = true;
        break;
      case "--password":
        throw new UsageError("a password on the command line ends up in the shell history: type it at the prompt or pipe it with --password-stdin");
      default:
        throw new UsageError(`unknown argument "${arg}" (${USAGE})`);
    }
  }
  if (role === undefined) throw new UsageError(`say --admin or --role (${USAGE})`);
  if (email === undefined) throw new UsageError(`--email is required (${USAGE})`);
  if (name === undefined) throw new UsageError(`--name is required (${USAGE})`);
  if (role === "ADMIN" && team !== null) throw new UsageError("an administrator belongs to no team");
  return { role, email, name, team, passwordStdin };
}

/** The English text of an i18n key, with its {placeholders} as given. */
function english(key: string): string {
  const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messagesFor("en"));
  return typeof text === "string" ? text : key;
}

export async function runUserCreate(argv: string[], io: UserCreateIo): Promise<number> {
  let args: UserCreateArgs;
  try {
    args = parseUserCreateArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`user:create: ${error.message}\n`);
    return 2;
  }
  try {
    const password = await io.readPassword(args.passwordStdin);
    const user = await createAccountFromCli({ email: args.email, name: args.name, password }, args.role, args.team);
    io.stdout(`Created ${user.role} ${user.email} (id ${user.id}). They can sign in now at /login.\n`);
    return 0;
  } catch (error) {
    if (error instanceof RuleError) {
      io.stderr(`user:create: ${error.field ? `${error.field}: ` : ""}${english(error.message)}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      io.stderr(`user:create: ${error.message}\n`);
      return 2;
    }
    io.stderr(`user:create: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
