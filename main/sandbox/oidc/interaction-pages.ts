import { escapeHtml, page as basePage } from '../../html/page'
import { DEMO_USERS } from './demo-users'

const page = (title: string, body: string): string => basePage(title, body, 'OAuth Flow Tester · local sandbox')

export function loginPage(uid: string, clientId: string, error?: string): string {
  const users = DEMO_USERS.map(
    (u) => `<li><code>${escapeHtml(u.login)}</code> / <code>${escapeHtml(u.password)}</code></li>`,
  ).join('')
  return page(
    'Sign in · local sandbox',
    `<h1>Sign in</h1>
<p><code>${escapeHtml(clientId)}</code> asks you to sign in.</p>
<div class="hint" data-testid="demo-credentials">Demo users of this local sandbox:<ul>${users}</ul></div>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
  <label for="login">Username</label><input id="login" name="login" autofocus required>
  <label for="password">Password</label><input id="password" name="password" type="password" required>
  <div class="row"><button type="submit">Sign in</button></div>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Cancel</button></form>`,
  )
}

export function consentPage(uid: string, clientId: string, scopes: string[], userName: string): string {
  const list = scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')
  return page(
    'Allow access · local sandbox',
    `<h1>Allow access?</h1>
<p>Signed in as <strong>${escapeHtml(userName)}</strong>.</p>
<p><code>${escapeHtml(clientId)}</code> asks for:</p><ul>${list || '<li>no scopes</li>'}</ul>
<div class="row">
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Deny</button></form>
</div>`,
  )
}

export function errorPage(title: string, detail: string): string {
  return page(`${title} · local sandbox`, `<h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(detail)}</p>`)
}
