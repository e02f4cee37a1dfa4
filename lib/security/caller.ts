// Who is calling: a signed-in person, an API token, or the bootstrap token. Put on every handler ctx.
import type { Role } from "./roles";

export interface Caller {
  id: string;
  name: string;
  role: Role;
  via: "session" | "token" | "bootstrap";
}
