// A failed single sign-on: the code shown on the login page, and a reason for the server's log and
// the audit log (never a token: the messages come from our checks and the library's, not from bodies).
import type { OidcErrorCode } from "./errors";

export class OidcFailure extends Error {
  constructor(
    readonly code: OidcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "OidcFailure";
  }
}
