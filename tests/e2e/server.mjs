// A static server on 127.0.0.1 and a random port, by default for the fixture pages:
//   /<name>       tests/e2e/pages/<name>  (or <root>/<name>)
//   /csp/<name>   the same file, sent with `Content-Security-Policy: script-src 'self'`
//   /slow/<name>  the same file, its second half sent SLOW_MS after its first (a page that loads slowly)
//   routes[path]  generated pages: `startServer(root, {routes: {'/x.html': () => html}})`
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES = fileURLToPath(new URL('./pages/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};
export const STRICT_CSP = "script-src 'self'";
/** How long a /slow/ page keeps loading. */
export const SLOW_MS = 4000;

export async function startServer(root = PAGES, { routes = {} } = {}) {
  root = root.endsWith('/') ? root : root + '/';
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (Object.hasOwn(routes, path)) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(await routes[path]());
      return;
    }
    const csp = path.startsWith('/csp/');
    if (csp) path = path.slice(4);
    const slow = path.startsWith('/slow/');
    if (slow) path = path.slice(5);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      if (csp) headers['content-security-policy'] = STRICT_CSP;
      if (slow) {
        const half = Math.floor(body.length / 2);
        res.writeHead(200, headers);
        res.write(body.subarray(0, half));
        setTimeout(() => res.end(body.subarray(half)), SLOW_MS);
        return;
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: (p) => `http://127.0.0.1:${port}/${p.replace(/^\//, '')}`, close: () => new Promise((r) => server.close(r)) };
}
