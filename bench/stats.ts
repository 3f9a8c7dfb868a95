export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? NaN) * 100) / 100;
}

/** One benchmark figure as one JSON line on stdout. */
export function report(figure: Record<string, unknown>): void {
  console.log(JSON.stringify(figure));
}
