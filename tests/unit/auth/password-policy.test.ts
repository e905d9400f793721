import { describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "@/lib/platform/auth/demo-users";
import { firstAdminSchema, passwordProblem } from "@/lib/platform/auth/password-policy";

const PERSON = { email: "ada.lovelace@example.com", name: "Ada Lovelace" };

describe("the password policy", () => {
  test.each([
    ["short", "Tr0ub4dor&3", "passwordPolicy.tooShort"],
    ["one character repeated", "aaaaaaaaaaaaaaaa", "passwordPolicy.tooSimple"],
    ["few distinct characters", "abababababababab", "passwordPolicy.tooSimple"],
    ["the published demo password", DEMO_PASSWORD, "passwordPolicy.common"],
    ["the demo password in other case", DEMO_PASSWORD.toUpperCase(), "passwordPolicy.common"],
    ["a common word with digits", "password123456", "passwordPolicy.common"],
    ["a common word with punctuation around", "!!Welcome2026!!", "passwordPolicy.common"],
    ["the product's name", "SummitCRM-2026", "passwordPolicy.common"],
    ["the email's local part", "ada.lovelace-rules", "passwordPolicy.personal"],
    ["a part of the name", "my name is lovelace", "passwordPolicy.personal"],
    ["too long to ever sign in with", "x".repeat(150) + "y".repeat(51) + "abc", "validation.tooLong"],
  ])("%s is refused", (_label, password, problem) => {
    expect(passwordProblem(password, PERSON)).toBe(problem);
  });

  test.each([["correct horse battery staple"], ["Kx9#mQ2$vL7&"], ["晨光照在长城的砖上也照在海上"], ["a".repeat(100) + "bcdef"]])("%s is accepted", (password) => {
    expect(passwordProblem(password, PERSON)).toBeNull();
  });

  test("the setup form needs the token, the same password twice, and a valid email", () => {
    const ok = { token: "t", email: "Root@Example.com ", name: " Root ", password: "correct horse battery staple", confirm: "correct horse battery staple" };
    expect(firstAdminSchema.parse(ok)).toMatchObject({ email: "root@example.com", name: "Root" });
    const issues = (input: Record<string, string>) =>
      Object.fromEntries(firstAdminSchema.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]) ?? []);
    expect(issues({ ...ok, confirm: "correct horse battery stapler" })).toEqual({ confirm: "passwordPolicy.mismatch" });
    expect(issues({ ...ok, token: "" })).toEqual({ token: "setup.errors.token" });
    expect(issues({ ...ok, email: "not-an-email" })).toEqual({ email: "validation.email" });
    expect(issues({ ...ok, password: "short", confirm: "short" })).toEqual({ password: "passwordPolicy.tooShort" });
  });
});
