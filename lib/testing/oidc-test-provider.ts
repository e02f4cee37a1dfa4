// Test helper: a real OpenID Provider (the `oidc-provider` package) on 127.0.0.1 and a free port,
// with one confidential client, the package's development login/consent pages (any login name is
// accepted), and accounts whose `groups` claim the test can change between sign-ins.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Account id → groups claim; edit it to change what the next sign-in says. */
  groups: Record<string, string[]>;
  /** Account id → preferred_username when it should differ from the id. */
  usernames: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestProvider(opts: { redirectUri: string }): Promise<TestProvider> {
  // Listen first, so that the issuer (which must contain the port) is known before the provider exists.
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const groups: Record<string, string[]> = {};
  const usernames: Record<string, string> = {};
  const clientId = "redline-test";
  const clientSecret = "oidc-test-client-secret-5f2c9a";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        // RP-initiated logout returns to Redline's sign-in page on the same origin as the callback.
        post_logout_redirect_uris: [`${new URL(opts.redirectUri).origin}/login`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], profile: ["preferred_username", "name"], groups: ["groups"] },
    scopes: ["openid", "profile", "groups"],
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, preferred_username: usernames[id] ?? id, name: id, groups: groups[id] ?? [] }),
    }),
    cookies: { keys: ["oidc-test-provider-cookie-key"] },
    pkce: { methods: ["S256"], required: () => true },
    features: { devInteractions: { enabled: true } },
    // Explicit lifetimes (seconds) keep the provider from printing a notice for each default one.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    groups,
    usernames,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
