import { describe, expect, test } from "vitest";
import { safeCallback } from "@/lib/platform/auth/safe-callback";

const ORIGIN = "https://crm.example.com";

/**
 * Where the sign-in form sends the browser afterwards. Every attack string here is one a browser (or a
 * server that decodes the path once more) would turn into another origin, a script URL, or a path the
 * app does not own; each must fall back to the home page.
 */
describe("the post-sign-in destination", () => {
  test.each([
    ["a backslash the browser reads as a slash", "/\\evil.example"],
    ["a backslash after the slash, path-like", "/\\/evil.example"],
    ["a tab the URL parser strips", "/\t/evil.example"],
    ["a newline the URL parser strips", "/\n/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["a NUL", "/\u0000/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["four slashes", "////evil"],
    ["encoded slashes without a leading slash", "%2F%2Fevil"],
    ["an encoded slash after the slash", "/%2F/evil.example"],
    ["an encoded backslash", "/%5Cevil"],
    ["a doubly encoded backslash", "/%255Cevil"],
    ["an encoded tab", "/%09/evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["an absolute URL elsewhere", "https://evil"],
    ["an absolute URL to the app itself (never needed: the app links by path)", "https://crm.example.com/customers"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a relative path without a slash", "evil.example"],
    ["whitespace before the slashes", " //evil.example"],
    ["broken percent-encoding", "/%E0%A4%A"],
    ["empty", ""],
    ["missing", null],
  ])("%s → home", (_label, value) => {
    expect(safeCallback(value, ORIGIN)).toBe("/");
  });

  test.each([
    ["/", "/"],
    ["/customers", "/customers"],
    ["/customers?page=2&sort=name", "/customers?page=2&sort=name"],
    ["/customers/12#notes", "/customers/12#notes"],
    ["/leads?q=chen%20rui", "/leads?q=chen%20rui"],
    ["/opportunities/../dashboards/value", "/dashboards/value"],
  ])("%s stays in the app as %s", (value, expected) => {
    expect(safeCallback(value, ORIGIN)).toBe(expected);
  });
});
