// Why a single sign-on failed, as a short code in /login?error=<code> and a sentence on the login
// page. Codes only: the provider's own error text, tokens and secrets never travel in the URL.
export const OIDC_ERRORS = {
  oidc_not_configured: "Single sign-on is not configured on this server.",
  oidc_unavailable: "The identity provider could not be reached. Try again, or sign in with a local account.",
  oidc_state: "The sign-in took too long or was started in another window. Please try again.",
  oidc_denied: "The identity provider did not sign you in (access denied or cancelled).",
  oidc_failed: "The identity provider's answer could not be verified, so you were not signed in.",
} as const;

export type OidcErrorCode = keyof typeof OIDC_ERRORS;

export function oidcErrorMessage(code: string | undefined): string | undefined {
  return code && Object.hasOwn(OIDC_ERRORS, code) ? OIDC_ERRORS[code as OidcErrorCode] : undefined;
}
