import type { Cause } from '../../../shared/domain/diagnosis'
import { isWellFormedBearer } from '../../oauth/bearer'
import { cause } from './evidence'

/** Shows the scheme and shape of an Authorization value, never the credential itself. */
export function describeAuthorization(value: string): string {
  const scheme = /^\S*/.exec(value)?.[0] ?? ''
  const spaces = /^\S+(\s+)/.exec(value)?.[1]?.length ?? 0
  return `scheme "${scheme}", ${spaces} space(s) after it, ${value.length} characters`
}

/** What exactly is wrong with an Authorization header that should be `Bearer <token>` (RFC 6750 §2.1). */
export function bearerProblem(value: string | undefined): string | undefined {
  if (value === undefined) return 'no Authorization header at all'
  if (/^Bearer (undefined|null)?$/i.test(value.trim())) return 'no token after "Bearer"'
  if (isWellFormedBearer(value)) return undefined
  const scheme = /^\S*/.exec(value)?.[0] ?? ''
  const rest = value.slice(scheme.length)
  if (scheme === '') return 'the value starts with a space'
  if (!/^bearer$/i.test(scheme)) return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(scheme) || rest === '' ? 'the token was sent without the `Bearer ` scheme' : `the scheme is "${scheme}", not "Bearer"`
  if (/^\s{2,}/.test(rest)) return 'more than one space after "Bearer"'
  if (/^\s*Bearer\s/i.test(rest)) return '"Bearer" appears twice'
  if (/["']/.test(rest)) return 'the token is wrapped in quotes'
  if (/\s$/.test(rest)) return 'whitespace or a line break after the token'
  if (scheme !== 'Bearer') return `the scheme is written "${scheme}"; many servers accept only "Bearer"`
  return 'the token contains characters a Bearer token cannot have'
}

/** A resource call whose Authorization header is not exactly `Bearer <token>`. */
export function bearerFormatCause(value: string | undefined, id = 'api.bearer_format'): Cause | undefined {
  const problem = bearerProblem(value)
  if (problem === undefined) return undefined
  return cause(id, `The Authorization header is not exactly \`Bearer <token>\`: ${problem}.`, 'confirmed', [
    { label: 'Authorization sent', value: value === undefined ? '(none)' : describeAuthorization(value) },
    { label: 'problem', value: problem },
  ])
}
