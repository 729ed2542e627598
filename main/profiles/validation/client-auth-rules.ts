import type { ProfileIssue } from '../../../shared/domain/profile'
import { CLIENT_SECRET, headerKey, isOptionalSecret, secretNamesOf } from '../../../shared/domain/secret-names'
import { error, filled, warning, type Rule } from './rule'
import { isHeaderToken, isSecretHeaderName } from './secret-words'

/** Client authentication: the secrets it needs are set, the ones it does not use are flagged. */
export const clientAuthRules: Rule = (p, ctx) => {
  const out: ProfileIssue[] = []
  const needed = secretNamesOf(p)
  // An embedded server's demo client may work without the secret (a scenario decides), so
  // there a missing secret is worth a warning, not a refusal to run.
  const missing = p.embedded === undefined ? error : warning
  for (const name of needed) {
    if (ctx.secretsSet.has(name) || isOptionalSecret(name)) continue
    // The simulator hands its own secret key to the run when the vault has none.
    if (p.embedded === 'vendor-simulator' && name !== CLIENT_SECRET) continue
    out.push(
      name === CLIENT_SECRET
        ? missing('auth.secret-missing', `secrets.${name}`, `Enter the client secret: ${p.clientAuth} sends it on every token request. If the client is public, choose “none” instead.`)
        : missing('auth.secret-missing', `secrets.${name}`, `Enter the value of the secret header ${name}; it is kept in the vault, never in the profile.`),
    )
  }
  for (const name of ctx.secretsSet) {
    if (needed.includes(name)) continue
    out.push(
      name === CLIENT_SECRET && p.clientAuth === 'none'
        ? warning('auth.secret-unused', `secrets.${name}`, 'A client secret is stored, but client authentication is “none”, so it is never sent. Clear the secret, or choose client_secret_basic or client_secret_post.')
        : warning('auth.secret-unused', `secrets.${name}`, `The secret “${name}” is stored but this profile no longer uses it. Clear it, or add it back to the profile.`),
    )
  }
  if (p.clientAuth !== 'headers') {
    if (Object.keys(p.clientHeaders).length > 0 || p.secretHeaders.length > 0) {
      out.push(warning('auth.headers-ignored', 'clientHeaders', `Client headers are sent only with the “headers” authentication; with ${p.clientAuth} they are ignored. Remove them or switch to “headers”.`))
    }
    return out
  }
  const plain = Object.keys(p.clientHeaders)
  if (plain.length === 0 && p.secretHeaders.length === 0) {
    out.push(error('auth.headers-empty', 'clientHeaders', 'Header authentication needs at least one header, e.g. x-client-key (public) and x-secret-key (secret).'))
  }
  const secretKeys = new Set(p.secretHeaders.map(headerKey))
  for (const name of [...plain, ...p.secretHeaders]) {
    if (!isHeaderToken(name)) {
      out.push(error('auth.header-name', 'clientHeaders', `“${name}” is not a valid header name: use letters, digits and “-” only, e.g. x-client-key.`))
    }
  }
  for (const [name, value] of Object.entries(p.clientHeaders)) {
    if (secretKeys.has(headerKey(name))) {
      out.push(error('auth.header-twice', `clientHeaders.${name}`, `${name} is listed both as a plain and as a secret header. Keep it under secret headers only.`))
    } else if (isSecretHeaderName(name)) {
      out.push(error('auth.secret-in-profile', `clientHeaders.${name}`, `${name} looks secret, but plain header values are stored in the profile file. Move it to the secret headers so its value lives in the vault.`))
    }
    if (!filled(value)) out.push(error('auth.header-value', `clientHeaders.${name}`, `Enter the value of ${name}.`))
  }
  if (new Set(p.secretHeaders.map(headerKey)).size !== p.secretHeaders.length) {
    out.push(warning('auth.header-duplicate', 'secretHeaders', 'A secret header is listed twice (header names ignore case). Remove the duplicate.'))
  }
  return out
}
