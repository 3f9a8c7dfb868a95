import { describe, expect, it } from "vitest";
import { limitBody } from "@/lib/security/limit-body";

const url = "http://localhost/api/cron/probes";

/** A body streamed in chunks with no content-length, as a chunked upload arrives. */
function streamedRequest(chunks: number, chunkSize: number, pulled: { count: number }): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      sent += 1;
      pulled.count += 1;
      controller.enqueue(new Uint8Array(chunkSize));
    },
  });
  return new Request(url, { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("limitBody", () => {
  it("accepts a request without a body", async () => {
    expect(await limitBody(new Request(url), 1024)).toEqual({ ok: true });
  });

  it("judges by content-length when the request states one", async () => {
    expect(await limitBody(new Request(url, { headers: { "content-length": "1024" } }), 1024)).toEqual({ ok: true });
    expect(await limitBody(new Request(url, { headers: { "content-length": "1025" } }), 1024)).toMatchObject({ ok: false, status: 413 });
  });

  it("refuses a content-length that is not a byte count", async () => {
    for (const value of ["-1", "1.5", "lots", "99999999999999999999"]) {
      expect(await limitBody(new Request(url, { headers: { "content-length": value } }), 1024)).toMatchObject({ ok: false, status: 413 });
    }
  });

  it("reads a body without content-length only until it passes the cap", async () => {
    const pulled = { count: 0 };
    const result = await limitBody(streamedRequest(100, 512, pulled), 1024);
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(pulled.count).toBeLessThanOrEqual(4);
  });

  it("accepts a small body without content-length, and leaves its stream unlocked", async () => {
    const pulled = { count: 0 };
    const request = streamedRequest(2, 100, pulled);
    expect(await limitBody(request, 1024)).toEqual({ ok: true });
    expect(request.body?.locked).toBe(false);
  });

  it("accepts a body of exactly the cap, declared or streamed, and an empty declared one", async () => {
    expect(await limitBody(new Request(url, { headers: { "content-length": "0" } }), 1024)).toEqual({ ok: true });
    expect(await limitBody(streamedRequest(2, 512, { count: 0 }), 1024)).toEqual({ ok: true });
    expect(await limitBody(streamedRequest(3, 512, { count: 0 }), 1024)).toMatchObject({ ok: false, status: 413 });
  });
});
