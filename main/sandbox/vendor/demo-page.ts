import { escapeHtml, page } from '../../html/page'
import type { RequestContext } from './context'
import { REGIONS, regionLabel } from './environments'
import { pendingOtp } from './otp'
import type { Reply } from './replies'

/**
 * `GET /_simulator`: everything a tester needs to drive this local server by hand: keys,
 * users and passwords, the OTP codes "sent by SMS", the redirect rules, lifetimes and the log.
 * Showing secrets here is the point: nothing on this page is valid anywhere else.
 */
export function demoPage(ctx: RequestContext): Reply {
  const { config, core } = ctx.env
  const o = core.options
  const sections = REGIONS.map((region) => {
    const store = core.stores[config.name][region]
    const keys = config.clients[region]
      .map((k) => `<tr><td><code>${escapeHtml(k.clientKey)}</code></td><td><code>${escapeHtml(k.secretKey)}</code></td><td>${escapeHtml(k.note)}</td></tr>`)
      .join('')
    const users = config.users[region]
      .map((u) => {
        const otp = pendingOtp(store, u.userId, ctx.now)
        const otpCell = u.otp ? (otp ? `<code data-testid="otp-${escapeHtml(u.email)}">${otp.code}</code>` : 'none sent yet') : 'no OTP'
        return `<tr><td><code>${escapeHtml(u.email)}</code></td><td><code>${escapeHtml(u.password)}</code></td><td>${otpCell}</td><td>${escapeHtml(u.note)}</td></tr>`
      })
      .join('')
    return `<h2>${escapeHtml(regionLabel(region))}${region === 'us' ? ' (send <code>x-us-env: true</code>)' : ''}</h2>
<table><thead><tr><th>x-client-key (client_id)</th><th>x-secret-key</th><th></th></tr></thead><tbody>${keys}</tbody></table>
<table><thead><tr><th>Email</th><th>Password</th><th>Last OTP sent</th><th></th></tr></thead><tbody>${users}</tbody></table>`
  }).join('')
  const r = config.redirect
  const redirects = [
    ...r.exact.map((u) => `<li><code>${escapeHtml(u)}</code> (exact)</li>`),
    ...r.approvedCustom.map((u) => `<li><code>${escapeHtml(u)}</code> (approved custom scheme)</li>`),
    r.loopbackAnyPort ? '<li><code>http://127.0.0.1:&lt;any port&gt;/callback</code> (loopback, RFC 8252 §7.3; a simulator convenience)</li>' : '',
    r.httpsOnly ? '<li>http redirect URIs are refused (https rules)</li>' : '',
  ].join('')
  const log = core.log.entries
    .filter((e) => e.environment === config.name)
    .slice(-30)
    .reverse()
    .map(
      (e) =>
        `<li><code>${new Date(e.at).toISOString()}</code> ${escapeHtml(e.region)} ${escapeHtml(e.event)} ${escapeHtml(
          [e.method, e.path, e.status, e.reason, e.email, e.otpCode, e.detail].filter((x) => x !== undefined).join(' '),
        )}</li>`,
    )
    .join('')
  const body = `<h1>${escapeHtml(config.label)} environment</h1>
<p>Base URL <code>${escapeHtml(ctx.env.baseUrl)}</code>. Every call needs <code>x-client-key</code>.</p>
${sections}
<h2>Redirect URIs</h2><ul>${redirects}</ul>
<h2>Lifetimes and rules</h2>
<ul><li>session ${o.lifetimes.sessionSeconds} s, code ${o.lifetimes.codeSeconds} s (single use), login token ${o.lifetimes.loginTokenSeconds} s,
access token ${o.lifetimes.accessTokenSeconds} s, refresh token ${o.lifetimes.refreshTokenSeconds} s, OTP ${o.lifetimes.otpSeconds} s</li>
<li>login errors: ${o.loginErrors}; x-secret-key required: ${o.secretKey}; refresh rotation: ${o.rotateRefreshTokens ? 'on' : 'off'};
OTP sends: ${o.otpSendLimit.max} per ${o.otpSendLimit.windowSeconds} s</li></ul>
<h2>Log (newest first)</h2><ul data-testid="simulator-log">${log}</ul>`
  return { status: 200, html: page(`${config.label} · local vendor simulator`, `<style>body{max-width:60rem} td,th{text-align:left;padding:.2rem .5rem;vertical-align:top}</style>${body}`, 'OAuth Flow Tester · local vendor simulator') }
}
