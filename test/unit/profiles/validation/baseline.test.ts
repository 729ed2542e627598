import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BUILT_IN_PROFILES } from '../../../../main/profiles/builtin'
import { draft, issues } from './helpers'

const rulesDir = new URL('../../../../main/profiles/validation/', import.meta.url).pathname
const testsDir = new URL('./', import.meta.url).pathname

describe('validation baseline', () => {
  it('finds nothing wrong with a complete profile or with the built-in local sandbox', () => {
    expect(issues(draft())).toEqual([])
    for (const p of BUILT_IN_PROFILES) expect(issues(p)).toEqual([])
  })

  it('lists errors before warnings, each with a field and a message that says what to do', () => {
    const found = issues(draft({ name: '', environment: 'production', issuer: 'http://idp.example.com', scopes: 'openid openid' }))
    const severities = found.map((i) => i.severity)
    expect(severities).toEqual([...severities].sort())
    for (const i of found) {
      expect(i.field).not.toBe('')
      expect(i.message.length).toBeGreaterThan(30)
    }
  })

  it('has a unit test for every rule it defines', () => {
    const defined = new Set<string>()
    for (const file of readdirSync(rulesDir)) {
      const text = readFileSync(rulesDir + file, 'utf8')
      for (const m of text.matchAll(/(?:error|warning|missing)\(\s*'([a-z-]+\.[a-z-]+)'/g)) defined.add(m[1]!)
    }
    expect(defined.size).toBeGreaterThan(40)
    const tests = readdirSync(testsDir).filter((f) => f.endsWith('.test.ts') && f !== 'baseline.test.ts').map((f) => readFileSync(testsDir + f, 'utf8')).join('\n')
    const untested = [...defined].filter((rule) => !tests.includes(`'${rule}'`))
    expect(untested).toEqual([])
  })
})
