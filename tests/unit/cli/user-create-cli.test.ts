import { describe, expect, test } from "vitest";
import { parseUserCreateArgs, UsageError } from "@/scripts/lib/user-create-cli";

describe("npm run user:create arguments", () => {
  test.each([
    [["--admin", "--email", "a@b.c", "--name", "Ada"], { role: "ADMIN", email: "a@b.c", name: "Ada", team: null, passwordStdin: false }],
    [["--admin", "--email=a@b.c", "--name=Ada Admin", "--password-stdin"], { role: "ADMIN", email: "a@b.c", name: "Ada Admin", team: null, passwordStdin: true }],
    [["--role", "rep", "--team", "East", "--email", "r@b.c", "--name", "Rui"], { role: "REP", email: "r@b.c", name: "Rui", team: "East", passwordStdin: false }],
  ])("%j", (argv, expected) => {
    expect(parseUserCreateArgs(argv)).toEqual(expected);
  });

  test.each([
    [["--email", "a@b.c", "--name", "Ada"], /--admin or --role/],
    [["--admin", "--name", "Ada"], /--email is required/],
    [["--admin", "--email", "a@b.c"], /--name is required/],
    [["--admin", "--email", "--name", "Ada"], /--email needs a value/],
    [["--admin", "--role", "REP", "--email", "a@b.c", "--name", "Ada"], /one role/],
    [["--role", "OWNER", "--email", "a@b.c", "--name", "Ada"], /--role must be one of/],
    [["--admin", "--team", "East", "--email", "a@b.c", "--name", "Ada"], /no team/],
    [["--admin", "--email", "a@b.c", "--name", "Ada", "--password", "hunter2"], /shell history/],
    [["--admin=yes", "--email", "a@b.c", "--name", "Ada"], /takes no value/],
    [["--admin", "--email", "a@b.c", "--name", "Ada", "extra"], /unknown argument/],
  ])("%j is refused", (argv, message) => {
    expect(() => parseUserCreateArgs(argv)).toThrow(UsageError);
    expect(() => parseUserCreateArgs(argv)).toThrow(message);
  });
});
