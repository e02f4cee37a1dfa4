// What to check for each classified failure: the first thing an SRE should look at, in one line.
// Keyed by API/Redis error code; unknown codes get no hint rather than a wrong one.
const HINTS: Record<string, string> = {
  redis_unreachable: "Check the host and port, that redis-server is running, and that a firewall or security group lets this server in (redis-cli -h HOST -p PORT PING).",
  redis_auth_failed: "Check the username and password. With ACLs, the user must exist and be enabled (ACL LIST); without, the password is requirepass.",
  redis_timeout: "No answer in time: the server may be blocked by a slow command or a script, swapping, or the network drops packets. A TLS client talking to a plain port (or the reverse) also just waits.",
  redis_tls_error: "Check that the server speaks TLS on this port, the CA certificate that signed it, and the server name it presents.",
  redis_max_clients: "The server refuses new connections: maxclients is reached. Follow the connection-exhaustion playbook (CLIENT LIST, timeout, pool sizes).",
  redis_busy_script: "A Lua script or function is running past busy-reply-threshold. Follow the lua-busy playbook (SCRIPT KILL or FUNCTION KILL).",
  redis_loading: "The server is loading its dataset from disk and answers LOADING until it finishes.",
  redis_misconf: "The server refuses writes because the last save failed (disk full, permissions). Follow the aof-disk-full playbook.",
  redis_command_disabled: "A command Redline needs is renamed or denied by ACL. Declare renamed commands in the instance settings, or grant the user +@read +info +config|get +slowlog +client|list.",
  redis_error: "Redis answered with an error; the detail above is its own message.",
  store_unavailable: "Redline cannot reach its own database (PostgreSQL restarting or down, or the SQLite disk full). Pages recover by themselves once it is back; nothing already saved is lost.",
  network_error: "The browser cannot reach the Redline server: check that it is running.",
  invalid_params: "Some fields are invalid; each one says what is wrong.",
  conflict: "Another instance already uses this name.",
  not_found: "It may have been deleted by someone else: go back to the fleet.",
};

/** Messages whose cause is clearer than their class. */
const BY_MESSAGE: Array<[RegExp, string]> = [
  [/cluster support disabled/i, "This server is not a cluster node: set Mode to Standalone."],
  [/unknown command .?sentinel/i, "This address is a Redis server, not a Sentinel: set Mode to Standalone, or use a Sentinel's address."],
  [/does not know a master named/i, "Check the master name: it is the name in the Sentinel's configuration (SENTINEL MASTERS lists them)."],
];

export function failureHint(code: string | undefined, detail?: string): string | undefined {
  if (detail) for (const [pattern, hint] of BY_MESSAGE) if (pattern.test(detail)) return hint;
  return code ? HINTS[code] : undefined;
}
