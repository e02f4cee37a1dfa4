// Shows a command's argv the way you would type it in redis-cli: quoted only where needed.
export function formatArgv(argv: readonly string[]): string {
  return argv.map((a) => (a === "" || /[\s"'\\]/.test(a) ? JSON.stringify(a) : a)).join(" ");
}
