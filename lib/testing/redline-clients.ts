// The connections Redline holds on a server, as CLIENT LIST shows them: Redline names each one
// `redline:<role>` with CLIENT SETNAME as its first command. Both command recorders (one node in an
// integration test, every lab server during the e2e run) attribute commands by these addresses.
import { parseClientList, type ClientInfo } from "@/lib/parse/client-list";

export function redlineClients(clientList: unknown): ClientInfo[] {
  return parseClientList(clientList).filter((c) => c.name.startsWith("redline:"));
}
