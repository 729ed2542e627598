/** Escapes text for HTML element content and double-quoted attributes. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/** A small server-rendered page (sandbox, loopback answers); `body` must already be escaped HTML. */
export function page(title: string, body: string, brand = 'OAuth Flow Tester'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { max-width: 26rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.45; }
  .brand { font-size: .8rem; letter-spacing: .08em; text-transform: uppercase; opacity: .7; }
  h1 { font-size: 1.4rem; margin: .3rem 0 1rem; }
  label { display: block; margin: .8rem 0 .2rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
  button { margin-top: 1rem; padding: .55rem 1.1rem; font-size: 1rem; cursor: pointer; }
  .hint { background: #fff6d5; color: #3b3000; border: 1px solid #e6d48a; padding: .6rem .8rem; border-radius: 6px; }
  .error { background: #fde2e1; color: #5c0b07; border: 1px solid #f1a7a2; padding: .6rem .8rem; border-radius: 6px; }
  .row { display: flex; gap: .6rem; }
  code { font-size: .95em; }
  ul { padding-left: 1.2rem; }
</style></head>
<body><div class="brand">${escapeHtml(brand)}</div>${body}</body></html>`
}
