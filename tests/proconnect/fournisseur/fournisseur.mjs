// A real OpenID Connect provider (node-oidc-provider) on loopback, standing in for ProConnect
// in the tests: authorization code flow, ID token and userinfo signed RS256 with a key made at
// start, JWKS, discovery, RP-initiated logout (end_session_endpoint).
//
//   node fournisseur.mjs <port> <client_id> <client_secret> <redirect_uris> <post_logout_uris> <comptes.json>
//
// (the URIs comma-separated).
//
// Its own login page asks for an e-mail and whether a second factor was used; the account's
// claims (given_name, usual_name, siret) are read from the JSON file at each sign-in, so a test
// can change them. The `amr` claim says how the person signed in (["pwd"] or ["pwd", "mfa"]),
// as ProConnect's does when the `claims` parameter asks for it.
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

import Provider from "oidc-provider";

const [port, clientId, clientSecret, redirectUri, postLogoutUri, comptesPath] =
  process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: "jwk" }), kid: "cle-de-test", use: "sig", alg: "RS256" };

const comptes = () => JSON.parse(readFileSync(comptesPath, "utf8"));

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUri.split(","),
      post_logout_redirect_uris: postLogoutUri.split(","),
      response_types: ["code"],
      grant_types: ["authorization_code"],
      id_token_signed_response_alg: "RS256",
      userinfo_signed_response_alg: "RS256",
    },
  ],
  jwks: { keys: [jwk] },
  scopes: ["openid", "email", "given_name", "usual_name", "siret", "uid"],
  claims: {
    amr: null,
    email: ["email"],
    given_name: ["given_name"],
    usual_name: ["usual_name"],
    siret: ["siret"],
    uid: ["uid"],
  },
  features: {
    devInteractions: { enabled: false },
    claimsParameter: { enabled: true },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // No confirmation page: ProConnect ends its session at once and redirects back.
      logoutSource: async (ctx, form) => {
        const confirme = form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>');
        ctx.body = `<!doctype html><html><body>${confirme}<script>document.forms[0].submit()</script></body></html>`;
      },
    },
  },
  pkce: { required: () => false },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // Consent is implied, as with ProConnect: the grant covers what the client asks for.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const existing = await ctx.oidc.provider.Grant.find(grantId);
      if (existing) return existing;
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email given_name usual_name siret uid");
    grant.addOIDCClaims(["amr"]);
    await grant.save();
    return grant;
  },
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => {
      const compte = comptes()[sub] || {};
      return { sub, email: sub, uid: sub, ...compte };
    },
  }),
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 60, AuthorizationCode: 30, IdToken: 300 },
});
provider.proxy = false;

const echapper = (texte) => String(texte).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const pageDeConnexion = (uid) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Fournisseur d'identité de test</title></head>
<body><main><h1>Fournisseur d'identité de test</h1>
<form method="post" action="/interaction/${echapper(uid)}">
<label for="email">Adresse e-mail</label> <input id="email" name="email" type="email" required>
<label><input type="checkbox" name="mfa" value="1"> Code à usage unique saisi</label>
<button type="submit">Se connecter</button>
</form></main></body></html>`;

const lireFormulaire = (req) =>
  new Promise((resolve) => {
    let corps = "";
    req.on("data", (morceau) => (corps += morceau));
    req.on("end", () => resolve(new URLSearchParams(corps)));
  });

const traiter = provider.callback();
createServer(async (req, res) => {
  const interaction = req.url.match(/^\/interaction\/([^/?]+)/);
  if (!interaction) return traiter(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "GET") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return res.end(pageDeConnexion(details.uid));
    }
    const formulaire = await lireFormulaire(req);
    const amr = formulaire.get("mfa") ? ["pwd", "mfa"] : ["pwd"];
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: formulaire.get("email"), amr } },
      { mergeWithLastSubmission: false },
    );
  } catch (erreur) {
    res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(String(erreur));
  }
}).listen(Number(port), "127.0.0.1", () => console.log(`pret ${issuer}`));
