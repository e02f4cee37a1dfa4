// Parser for the CONFIG GET reply into a name → value map.
import { neverThrow, putOwn, replyPairs, replyText } from "./reply";

/** Accepts the RESP2 flat `[name, value, …]` array and the RESP3 map shape (plain object or Map). */
export function parseConfigGet(reply: unknown): Record<string, string> {
  return neverThrow(
    () => ({}),
    () => {
      const config: Record<string, string> = {};
      for (const [name, raw] of replyPairs(reply)) {
        const value = replyText(raw);
        if (name && value !== undefined) putOwn(config, name, value);
      }
      return config;
    },
  );
}
