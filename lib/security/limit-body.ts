export type BodyLimitResult = { ok: true } | { ok: false; status: 413; message: string };

/**
 * Refuses a request whose body is larger than `maxBytes`: by its `content-length` when it states one, else
 * by reading it and stopping at the first chunk past `maxBytes`, so a chunked body without a length is never read whole.
 * Reads (and so consumes) the body only in that second case; meant for routes that take no body.
 */
export async function limitBody(request: Request, maxBytes: number): Promise<BodyLimitResult> {
  const tooLarge: BodyLimitResult = { ok: false, status: 413, message: `The request body is larger than ${maxBytes} bytes.` };
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const length = Number(declared);
    return Number.isSafeInteger(length) && length >= 0 && length <= maxBytes ? { ok: true } : tooLarge;
  }
  if (!request.body) return { ok: true };

  const reader = request.body.getReader();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { ok: true };
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        return tooLarge;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
