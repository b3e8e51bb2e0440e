// What both pages share: HTML escaping, the HTML response, and the options the app gives them.
export interface PageOptions {
  /** Filled in for "try it" and the explorer's first attempt; absent when the fake runs without auth. */
  credentials?: { userName: string; password: string };
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const htmlResponse = (html: string) =>
  new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' } });
