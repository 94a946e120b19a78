/*
 * The text form of values sent through Redis (published states, shared cache entries): JSON that keeps `Date`s
 * (the model's timestamps) as dates — `{"$date": <ms>}` on the wire — so a state received from another instance is
 * the same value its poller would have read itself.
 */

/** A value as text (Dates tagged). */
export function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: Number.isNaN(raw.getTime()) ? null : raw.getTime() };
    return v;
  });
}

/** The value of {@link encode}'s text (Dates restored); throws SyntaxError for text that is not JSON. */
export function decode<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const date = (v as { $date?: unknown }).$date;
      if (keys.length === 1 && keys[0] === '$date' && (typeof date === 'number' || date === null))
        return date === null ? new Date(Number.NaN) : new Date(date);
    }
    return v;
  }) as T;
}
