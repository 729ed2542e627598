import type { ProfileIssue } from '../../../shared/domain/profile'
import { error, warning, type Rule } from './rule'
import { isHeaderToken, isSecretHeaderName, isSecretParamName } from './secret-words'

/** Parameters the tester sets itself; overriding one is how a tester provokes a failure. */
const AUTHORIZE_OWN = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'nonce', 'scope']
const TOKEN_OWN = ['grant_type', 'code', 'redirect_uri', 'code_verifier', 'client_id']

/** Extra parameters and headers: nothing secret in plain text, and overrides said out loud. */
export const parameterRules: Rule = (p) => {
  const out: ProfileIssue[] = []
  const groups: [string, string, Record<string, string>, string[]][] = [
    ['extraAuthorizeParams', 'authorization request parameter', p.extraAuthorizeParams, AUTHORIZE_OWN],
    ['extraTokenParams', 'token request parameter', p.extraTokenParams, TOKEN_OWN],
  ]
  for (const [field, what, params, own] of groups) {
    for (const name of Object.keys(params)) {
      if (name.trim() === '') {
        out.push(error('params.empty-name', field, `An extra ${what} has no name. Give it one or remove the line.`))
      } else if (isSecretParamName(name)) {
        out.push(error('params.secret-in-profile', `${field}.${name}`, `“${name}” would be stored in plain text in the profile. Use client authentication (client_secret_post / secret headers) so the value lives in the vault.`))
      } else if (own.includes(name)) {
        out.push(warning('params.override', `${field}.${name}`, `“${name}” replaces the value the tester computes. Keep it only to provoke a failure on purpose.`))
      }
    }
  }
  const headerGroups: [string, Record<string, string>][] = [
    ['extraHeaders', p.extraHeaders],
    ['testRequest.headers', p.testRequest?.headers ?? {}],
  ]
  for (const [field, headers] of headerGroups) {
    for (const name of Object.keys(headers)) {
      if (!isHeaderToken(name)) {
        out.push(error('params.header-name', field, `“${name}” is not a valid header name: use letters, digits and “-” only.`))
      } else if (isSecretHeaderName(name)) {
        out.push(
          error(
            'params.secret-in-profile',
            `${field}.${name}`,
            name.toLowerCase() === 'authorization' && field === 'testRequest.headers'
              ? 'Remove the Authorization header: the test request sends the run’s access token as Bearer itself.'
              : `“${name}” would be stored in plain text in the profile. Use client authentication with a secret header so the value lives in the vault.`,
          ),
        )
      }
    }
  }
  return out
}
