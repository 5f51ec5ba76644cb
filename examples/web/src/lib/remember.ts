/**
 * Keeps a value for a while in this process: for what every page shows and rarely changes (the navigation's topics),
 * so a page costs the API one request fewer. A failure is not kept.
 */
export function remember<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let kept: { until: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!kept || now >= kept.until) {
      const value = load();
      kept = { until: now + ttlMs, value };
      value.catch(() => {
        kept = undefined;
      });
    }
    return kept.value;
  };
}
