import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { quote, toCurl } from '../../../main/oauth/curl'

/** Runs the command in a real bash with `curl` replaced by a function that prints its arguments. */
function argsOf(command: string, env: Record<string, string>): string[] {
  const out = execFileSync('bash', ['-c', `curl() { printf '%s\\0' "$@"; }\n${command}`], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  return out.toString('utf8').split('\0').slice(0, -1)
}

describe('curl export', () => {
  it('quotes literal text and leaves the known variables to the shell', () => {
    expect(quote("it's", [])).toBe(`'it'\\''s'`)
    expect(quote('Bearer $ACCESS_TOKEN', ['ACCESS_TOKEN'])).toBe(`'Bearer '"$ACCESS_TOKEN"`)
    expect(quote('$ACCESS_TOKENS', ['ACCESS_TOKEN'])).toBe(`'$ACCESS_TOKENS'`)
    expect(quote('$HOME', ['ACCESS_TOKEN'])).toBe(`'$HOME'`)
  })

  it('sends form fields one by one so a variable is never pre-encoded, and expands in bash', () => {
    const curl = toCurl(
      {
        method: 'POST',
        url: 'https://as.example/token',
        headers: { 'user-agent': 'x', accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: '$REFRESH_TOKEN', client_id: "o'brien app" }).toString(),
      },
      { variables: ['REFRESH_TOKEN', 'CLIENT_SECRET'], basic: { user: 'client', password: '$CLIENT_SECRET' } },
    )
    expect(curl).not.toContain('%24')
    expect(curl).not.toContain('user-agent')
    expect(argsOf(curl, { REFRESH_TOKEN: 'rt-value', CLIENT_SECRET: 's3cret' })).toEqual([
      '-sS', '-X', 'POST', 'https://as.example/token',
      '-H', 'accept: application/json',
      '-H', 'content-type: application/x-www-form-urlencoded',
      '-u', 'client:s3cret',
      '--data-urlencode', 'grant_type=refresh_token',
      '--data-urlencode', 'refresh_token=rt-value',
      '--data-urlencode', "client_id=o'brien app",
    ])
  })

  it('keeps a JSON body raw, with the variable inside the string', () => {
    const curl = toCurl(
      { method: 'POST', url: 'https://api.example/v1/auth/oauth/token', headers: { 'content-type': 'application/json', authorization: 'Bearer $ACCESS_TOKEN' }, body: '{"grant_type":"refresh_token","refresh_token":"$REFRESH_TOKEN"}' },
      { variables: ['REFRESH_TOKEN', 'ACCESS_TOKEN'] },
    )
    const args = argsOf(curl, { REFRESH_TOKEN: 'rt', ACCESS_TOKEN: 'at' })
    expect(args).toContain('authorization: Bearer at')
    expect(args.at(-1)).toBe('{"grant_type":"refresh_token","refresh_token":"rt"}')
  })
})
