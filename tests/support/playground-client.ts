/**
 * A client for the local playground over HTTP, as a browser without script uses it: GET a page,
 * POST a form with the page's token, follow the redirect. For tests that check what the server
 * says and stores; tests/playground-browser.test.ts drives a real browser.
 */
import { request as httpRequest } from 'node:http';

export type Page = { status: number; html: string; location: string | null };

export function playgroundClient(port: number) {
  const base = `http://127.0.0.1:${port}`;
  let token: string | undefined;

  async function get(path: string): Promise<Page> {
    const response = await fetch(`${base}${path}`, { redirect: 'manual' });
    const html = await response.text();
    token ??= /name="token" value="([^"]+)"/.exec(html)?.[1];
    return { status: response.status, html, location: response.headers.get('location') };
  }

  async function post(path: string, fields: Record<string, string>, options: { token?: string } = {}) {
    if (token === undefined) await get('/');
    const body = new URLSearchParams({ token: options.token ?? token ?? '', ...fields });
    const response = await fetch(`${base}${path}`, { method: 'POST', body, redirect: 'manual' });
    return {
      status: response.status,
      html: await response.text(),
      location: response.headers.get('location'),
    };
  }

  /** A GET with headers fetch will not send (Host) or a proxy adds. */
  function raw(path: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      req.once('error', reject);
      req.end();
    });
  }

  return { base, get, post, raw, token: () => token };
}

/** The visible text of a fragment of HTML, for assertions that should not depend on markup. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
