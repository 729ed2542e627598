/**
 * The renderer's Content-Security-Policy, the same in both hosts except for where the page
 * may connect: nowhere in Electron (all network goes through main), its own origin in the
 * web host (the contract is bound over HTTP there).
 */
export function rendererCsp(connectSrc: "'none'" | "'self'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ')
}
