/**
 * Plays the user's browser through an authorization code flow: follows redirects with a cookie
 * jar, signs in as `login` on the authorization server's login form and accepts its consent
 * form, and returns the `code` delivered to `redirectUri` (which nothing needs to serve).
 */
export async function authorizeHeadlessly(
  authorizationUrl: URL,
  redirectUri: string,
  login: string,
): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (res: Response): void => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  };
  const cookie = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

  let url = authorizationUrl.href;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step += 1) {
    if (url.startsWith(redirectUri)) {
      const params = new URL(url).searchParams;
      const code = params.get('code');
      if (!code) throw new Error(`authorization failed: ${params.toString()}`);
      return code;
    }
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: cookie(),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form?.toString(),
    });
    remember(res);
    form = undefined;
    const location = res.headers.get('location');
    if (location) {
      await res.body?.cancel();
      url = new URL(location, url).href;
      continue;
    }
    // A page: the login form (field `login`) or the consent form; submit it like a user would.
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action)
      throw new Error(
        `unexpected page (${res.status}) at ${url}: ${html
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(-300)}`,
      );
    form = new URLSearchParams({ prompt });
    if (prompt === 'login') form.set('login', login);
    url = new URL(action, url).href;
  }
  throw new Error('too many redirects');
}
