import { escapeHtml, page } from '../../../html/page'
import type { Region } from '../../../../shared/domain/profile'
import { regionLabel, type EnvironmentConfig } from '../environments'
import type { VendorUser } from '../users'

/**
 * The hosted sign-in pages. Every page says which environment and region it belongs to, and
 * production looks nothing like sandbox (DESIGN: production must never be mistaken for it).
 */
export interface PageFrame {
  env: EnvironmentConfig
  region: Region
}

function banner({ env, region }: PageFrame): string {
  const production = env.name === 'production'
  const style = production
    ? 'background:#8b0000;color:#fff;border:2px solid #ff6b6b'
    : 'background:#e6f0ff;color:#0b2e6b;border:1px solid #9dbcf0'
  return `<p data-testid="environment-banner" role="note" style="${style};padding:.5rem .8rem;border-radius:6px;font-weight:700">${escapeHtml(
    `${production ? 'PRODUCTION-LIKE' : env.label} · ${regionLabel(region)}`,
  )}</p>`
}

const frame = (f: PageFrame, title: string, body: string): string =>
  page(`${title} · ${f.env.label} · local vendor simulator`, `${banner(f)}${body}`, 'OAuth Flow Tester · local vendor simulator')

const hidden = (flowId: string): string => `<input type="hidden" name="flow" value="${escapeHtml(flowId)}">`
const alert = (error?: string): string => (error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '')

export function loginPage(f: PageFrame, flowId: string, clientKey: string, users: readonly VendorUser[], error?: string, email = ''): string {
  const list = users
    .map((u) => `<li><code>${escapeHtml(u.email)}</code> / <code>${escapeHtml(u.password)}</code>: ${escapeHtml(u.note)}</li>`)
    .join('')
  return frame(
    f,
    'Sign in',
    `<h1>Sign in</h1>
<p><code>${escapeHtml(clientKey)}</code> asks you to sign in and allow access.</p>
<div class="hint" data-testid="demo-credentials">Demo users of this environment and region:<ul>${list}</ul></div>
${alert(error)}
<form method="post" action="/hosted/login" autocomplete="off">${hidden(flowId)}
  <label for="email">Email</label><input id="email" name="email" type="email" value="${escapeHtml(email)}" autofocus required>
  <label for="password">Password</label><input id="password" name="password" type="password" required>
  <div class="row"><button type="submit">Sign in</button></div>
</form>`,
  )
}

export function otpPage(f: PageFrame, flowId: string, user: VendorUser, sentCode: string | undefined, error?: string): string {
  const sms = sentCode
    ? `<div class="hint" data-testid="sent-otp">Simulator: the SMS to ${escapeHtml(user.phoneNumber)} carries <code>${escapeHtml(sentCode)}</code> (also shown on <code>/_simulator</code> and in its log).</div>`
    : ''
  return frame(
    f,
    'Enter the code',
    `<h1>Enter the code</h1>
<p>We sent a 6-digit code to ${escapeHtml(user.phoneNumber)}.</p>
${sms}${alert(error)}
<form method="post" action="/hosted/otp" autocomplete="off">${hidden(flowId)}
  <label for="otpCode">Code</label><input id="otpCode" name="otpCode" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autofocus required>
  <div class="row"><button type="submit">Verify</button></div>
</form>
<form method="post" action="/hosted/otp/resend">${hidden(flowId)}<button type="submit">Send a new code</button></form>`,
  )
}

export function consentPage(f: PageFrame, flowId: string, clientKey: string, user: VendorUser): string {
  return frame(
    f,
    'Allow access',
    `<h1>Allow access?</h1>
<p>Signed in as <strong>${escapeHtml(user.email)}</strong>.</p>
<p><code>${escapeHtml(clientKey)}</code> asks to act on your behalf.</p>
<form method="post" action="/hosted/consent">${hidden(flowId)}
  <div class="row"><button type="submit" name="decision" value="allow" autofocus>Allow</button>
  <button type="submit" name="decision" value="deny">Deny</button></div>
</form>`,
  )
}

export function errorPage(f: PageFrame | undefined, title: string, detail: string): string {
  const body = `<h1>${escapeHtml(title)}</h1><p class="error" role="alert">${escapeHtml(detail)}</p>`
  return f ? frame(f, title, body) : page(`${title} · local vendor simulator`, body, 'OAuth Flow Tester · local vendor simulator')
}
