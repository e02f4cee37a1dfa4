// A brand-new TCP connection that sends PING and reads the raw reply. Against a full server Redis
// accepts the connection, writes "-ERR max number of clients reached" and closes it; ioredis only
// reports "Connection is closed." then, so the exact text needs the bytes off the socket.
import "server-only";
import net from "node:net";
import type { LabEndpoint } from "../../lab-client";

export interface FreshConnectionResult {
  /** The first reply line without its type byte: "PONG", or the error text. */
  reply: string;
  isError: boolean;
}

export interface FreshConnectionOptions {
  sourceAddress?: string;
  timeoutMs?: number;
}

function resp(argv: string[]): string {
  return `*${argv.length}\r\n${argv.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;
}

export function pingFreshConnection(endpoint: LabEndpoint, opts: FreshConnectionOptions = {}): Promise<FreshConnectionResult> {
  const commands = [...(endpoint.password === undefined ? [] : [["AUTH", endpoint.password]]), ["PING"]];
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: endpoint.host, port: endpoint.port, localAddress: opts.sourceAddress });
    let data = "";
    const finish = (err?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      const lines = data.split("\r\n").filter(Boolean);
      // The refusal comes first, in place of the AUTH reply; otherwise the PING reply is last.
      const line = lines.find((l) => l.startsWith("-")) ?? lines[commands.length - 1];
      if (line) resolve({ reply: line.slice(1), isError: line.startsWith("-") });
      else reject(err ?? new Error(`no reply from ${endpoint.host}:${endpoint.port}`));
    };
    const timer = setTimeout(() => finish(new Error("timed out")), opts.timeoutMs ?? 2_000);
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(commands.map(resp).join("")));
    socket.on("data", (chunk: string) => {
      data += chunk;
      if (data.split("\r\n").filter(Boolean).length >= commands.length || data.startsWith("-")) finish();
    });
    // The server may close right after its error: the reply is still in `data`.
    socket.on("close", () => finish());
    socket.on("error", (err) => finish(err));
  });
}

export const MAX_CLIENTS_REPLY = /^ERR max number of clients reached/;
