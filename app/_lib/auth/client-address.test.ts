import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("takes the address the nearest proxy (or Next.js) added: the last one", () => {
    expect(clientAddress("203.0.113.9, 10.0.0.7")).toBe("10.0.0.7");
    expect(clientAddress(["198.51.100.1", "192.0.2.4"])).toBe("192.0.2.4");
  });

  it("treats an IPv4-mapped IPv6 address as the IPv4 address", () => {
    expect(clientAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(clientAddress("::1")).toBe("::1");
  });

  it("gives null when there is no address", () => {
    expect(clientAddress(undefined)).toBeNull();
    expect(clientAddress(" , ")).toBeNull();
  });
});
