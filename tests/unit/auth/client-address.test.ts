import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  captureClientConnections,
  clientAddressOf,
  currentClientConnection,
  resolveClientAddress,
  trustedProxyHops,
} from "@/lib/platform/auth/client-address";

describe("the counted address from a connection", () => {
  test.each([
    // [socket peer, X-Forwarded-For as received, trusted hops, counted]
    ["10.0.0.5", null, 0, "10.0.0.5"],
    ["10.0.0.5", "203.0.113.9", 0, "10.0.0.5"],
    ["10.0.0.5", "203.0.113.9, 198.51.100.1", 0, "10.0.0.5"],
    ["::ffff:10.0.0.5", "203.0.113.9", 0, "10.0.0.5"],
    ["::1", null, 0, "::1"],
    // one proxy of ours: the entry it appended (rightmost), never the client's own ones to its left
    ["10.0.0.254", "198.51.100.7", 1, "198.51.100.7"],
    ["10.0.0.254", "203.0.113.66, 198.51.100.7", 1, "198.51.100.7"],
    ["10.0.0.254", "spoof, 203.0.113.66,198.51.100.7", 1, "198.51.100.7"],
    // two proxies: the outer one's entry
    ["10.0.0.254", "203.0.113.66, 198.51.100.7, 10.0.0.3", 2, "198.51.100.7"],
    // fewer entries than hops: the leftmost there is
    ["10.0.0.254", "198.51.100.7", 3, "198.51.100.7"],
    ["10.0.0.254", null, 1, "10.0.0.254"],
    // ports and brackets are not part of the address
    ["10.0.0.254", "198.51.100.7:51234", 1, "198.51.100.7"],
    ["10.0.0.254", "[2001:db8::1]:443", 1, "2001:db8::1"],
    ["10.0.0.254", "2001:DB8::1", 1, "2001:db8::1"],
    // what is not an address is not counted as one
    ["10.0.0.254", "not-an-ip", 1, "unknown"],
    ["10.0.0.254", "", 1, "10.0.0.254"],
    [null, "203.0.113.9", 0, "unknown"],
  ])("peer %s, X-Forwarded-For %j, %i hop(s) → %s", (socketAddress, forwardedFor, hops, expected) => {
    expect(resolveClientAddress({ socketAddress, forwardedFor }, hops)).toBe(expected);
  });

  test.each([
    [undefined, 0],
    ["", 0],
    ["0", 0],
    ["1", 1],
    [" 2 ", 2],
    ["-1", 0],
    ["1.5", 0],
    ["many", 0],
    ["99", 0],
  ])("TRUSTED_PROXY_HOPS=%j → %i", (value, hops) => {
    expect(trustedProxyHops(value)).toBe(hops);
  });
});

describe("the capture of a real connection", () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    captureClientConnections();
    server = http.createServer((req, res) => {
      // As Next does before routing: fills X-Forwarded-For from the socket only when the client sent none.
      req.headers["x-forwarded-for"] ??= req.socket.remoteAddress;
      // Deferred, as a route handler runs several awaits after the request arrived.
      setTimeout(() => {
        void Promise.resolve().then(() => {
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ connection: currentClientConnection() ?? null, counted: clientAddressOf(req.headers) }));
        });
      }, 5);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    delete process.env.TRUSTED_PROXY_HOPS;
    await new Promise((resolve) => server.close(resolve));
  });

  test("a handler sees the socket's address and X-Forwarded-For as the client sent it", async () => {
    const body = await (await fetch(url, { headers: { "x-forwarded-for": "203.0.113.9" } })).json();
    expect(body).toEqual({ connection: { socketAddress: "127.0.0.1", forwardedFor: "203.0.113.9" }, counted: "127.0.0.1" });
  });

  test("without X-Forwarded-For the capture records none (Next's own filling does not count as a hop)", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    const body = await (await fetch(url)).json();
    expect(body).toEqual({ connection: { socketAddress: "127.0.0.1", forwardedFor: null }, counted: "127.0.0.1" });
  });

  test("with 1 trusted hop the rightmost entry is counted", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    const body = await (await fetch(url, { headers: { "x-forwarded-for": "203.0.113.9, 198.51.100.7" } })).json();
    expect(body.counted).toBe("198.51.100.7");
  });

  test("installing the capture twice wraps the server only once", () => {
    const before = http.Server.prototype.emit;
    captureClientConnections();
    expect(http.Server.prototype.emit).toBe(before);
  });
});
