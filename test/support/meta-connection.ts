/** The environment that points the Facebook and Instagram providers at a fake Graph API. */
export function fakeMetaEnv(
  graphUrl: string,
  clientId: string,
  clientSecret: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const prefix of ['FACEBOOK', 'INSTAGRAM']) {
    env[`${prefix}_CLIENT_ID`] = clientId;
    env[`${prefix}_CLIENT_SECRET`] = clientSecret;
    env[`${prefix}_API_BASE_URL`] = graphUrl;
    env[`${prefix}_AUTH_URL`] = `${graphUrl}/v21.0/dialog/oauth`;
    env[`${prefix}_TOKEN_URL`] = `${graphUrl}/v21.0/oauth/access_token`;
  }
  return env;
}
