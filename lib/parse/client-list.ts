// Parser for CLIENT LIST output: one client per line, space-separated `key=value` fields.
import { getOwn, inputText, neverThrow, parseNumber, putOwn, splitHostPort, splitLines } from "./reply";

export interface ClientInfo {
  id: number;
  addr: string;
  /** Without brackets for IPv6 (`::1`); the socket path for unix-socket clients. */
  host: string;
  port: number;
  laddr: string;
  name: string;
  age: number;
  idle: number;
  flags: string;
  db: number;
  sub: number;
  psub: number;
  /** Commands queued in MULTI; Redis reports -1 outside a transaction. */
  multi: number;
  qbuf: number;
  obl: number;
  oll: number;
  omem: number;
  totMem: number;
  cmd: string;
  user: string;
  libName: string;
  libVer: string;
  /** Every field as Redis wrote it, including ones this interface does not model (ssub, rbs, resp, redir…). */
  raw: Record<string, string>;
}

function parseLine(line: string): Record<string, string> {
  const raw: Record<string, string> = {};
  let last: string | undefined;
  for (const token of line.split(" ")) {
    if (!token) continue;
    const eq = token.indexOf("=");
    if (eq <= 0) {
      // Real Redis never prints a value with a space (SETNAME rejects them); if a fork or proxy does, glue it back rather than drop it.
      if (last !== undefined) putOwn(raw, last, `${raw[last]} ${token}`);
      continue;
    }
    // Only the first `=` separates: `name=a=b` is a client named `a=b` (CLIENT SETNAME accepts `=`).
    const key = token.slice(0, eq);
    if (Object.hasOwn(raw, key)) {
      last = undefined;
      continue;
    }
    putOwn(raw, key, token.slice(eq + 1));
    last = key;
  }
  return raw;
}

export function parseClientList(text: unknown): ClientInfo[] {
  return neverThrow(
    () => [],
    () => {
      const clients: ClientInfo[] = [];
      for (const line of splitLines(inputText(text))) {
        const raw = parseLine(line.trim());
        if (!Object.hasOwn(raw, "id") && !Object.hasOwn(raw, "addr")) continue;
        const str = (key: string) => getOwn(raw, key) ?? "";
        const int = (key: string) => parseNumber(str(key)) ?? 0;
        const addr = str("addr");
        const { host, port } = splitHostPort(addr);
        clients.push({
          id: int("id"),
          addr,
          host,
          port,
          laddr: str("laddr"),
          name: str("name"),
          age: int("age"),
          idle: int("idle"),
          flags: str("flags"),
          db: int("db"),
          sub: int("sub"),
          psub: int("psub"),
          multi: int("multi"),
          qbuf: int("qbuf"),
          obl: int("obl"),
          oll: int("oll"),
          omem: int("omem"),
          totMem: int("tot-mem"),
          cmd: str("cmd"),
          user: str("user"),
          libName: str("lib-name"),
          libVer: str("lib-ver"),
          raw,
        });
      }
      return clients;
    },
  );
}
