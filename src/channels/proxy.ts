/**
 * Which proxy a webhook request goes through, read from the environment passed in, with the rules of
 * @actions/http-client (what the GitHub client and the runner's own tooling use), so one `HTTPS_PROXY` / `NO_PROXY`
 * setting means the same thing for every request a run makes:
 * - https URLs use `https_proxy`, else `HTTPS_PROXY`; http URLs use `http_proxy`, else `HTTP_PROXY` (no fallback
 *   from one scheme to the other);
 * - loopback hosts (`localhost`, `127.*`, `[::1]`) never go through a proxy;
 * - `no_proxy`, else `NO_PROXY`: comma-separated, case-insensitive; `*` matches every host; an entry matches the
 *   host, `host:port`, or any subdomain (`example.com` and `.example.com` both match `hooks.example.com`).
 */

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '[0:0:0:0:0:0:0:1]';
}

function defaultPort(url: URL): number | undefined {
  if (url.port) return Number(url.port);
  if (url.protocol === 'http:') return 80;
  if (url.protocol === 'https:') return 443;
  return undefined;
}

/** True when `NO_PROXY` (or loopback) sends this URL straight to its host. */
export function bypassesProxy(url: URL, env: NodeJS.ProcessEnv): boolean {
  if (!url.hostname) return false;
  if (isLoopback(url.hostname)) return true;
  const noProxy = env.no_proxy || env.NO_PROXY || '';
  if (!noProxy) return false;
  const host = url.hostname.toUpperCase();
  const port = defaultPort(url);
  const names = port === undefined ? [host] : [host, `${host}:${port}`];
  return noProxy
    .split(',')
    .map((entry) => entry.trim().toUpperCase())
    .filter((entry) => entry !== '')
    .some(
      (entry) =>
        entry === '*' ||
        names.some(
          (name) => name === entry || name.endsWith(`.${entry}`) || (entry.startsWith('.') && name.endsWith(entry)),
        ),
    );
}

/**
 * The proxy to send `url` through, or undefined for a direct connection. A value without a scheme (`proxy:3128`) is
 * an http proxy; one with another scheme (`socks5://…`) is not a proxy this client can use, and is ignored.
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | undefined {
  if (bypassesProxy(url, env)) return undefined;
  const value = (
    url.protocol === 'https:' ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY
  )?.trim();
  if (!value) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  try {
    const proxy = new URL(withScheme);
    return (proxy.protocol === 'http:' || proxy.protocol === 'https:') && proxy.hostname ? proxy : undefined;
  } catch {
    return undefined;
  }
}
