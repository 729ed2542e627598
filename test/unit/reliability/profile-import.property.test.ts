import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IMPORT_LIMITS } from '../../../shared/contract/profile-calls'
import { ProfileDraftSchema } from '../../../shared/domain/profile'
import { parseImport } from '../../../main/profiles/import-export'

/**
 * Whatever file a user picks (another app's JSON, a truncated download, a crafted file, a huge
 * export), import answers with a typed result: an error in words, or drafts that fit the
 * profile schema plus what was skipped and why. It never throws, never hangs, and never lets
 * a key like `__proto__` reach an object's prototype.
 */
type Parsed = ReturnType<typeof parseImport>

function checkShape(result: Parsed): void {
  if ('error' in result) {
    expect(Object.keys(result)).toEqual(['error'])
    expect(result.error.length).toBeGreaterThan(10)
    expect(result.error.length).toBeLessThan(400)
    return
  }
  expect(result.drafts.length).toBeLessThanOrEqual(IMPORT_LIMITS.maxProfiles)
  for (const draft of result.drafts) {
    expect(ProfileDraftSchema.safeParse(draft).success).toBe(true)
    expect(Object.getPrototypeOf(draft)).toBe(Object.prototype)
    expect(draft.id).toBeUndefined()
    for (const group of [draft.extraAuthorizeParams, draft.extraTokenParams, draft.extraHeaders, draft.clientHeaders]) {
      expect(Object.getPrototypeOf(group)).toBe(Object.prototype)
      for (const value of Object.values(group)) expect(typeof value).toBe('string')
    }
  }
  for (const skip of result.skipped) {
    expect(skip.reason.length).toBeGreaterThan(0)
    // A name is quoted back to the user: it is cut, however long the file's name field is.
    expect(skip.name.length).toBeLessThanOrEqual(120)
  }
  for (const warning of result.warnings) expect(warning.length).toBeLessThan(2000)
}

function noPollution(): void {
  const probe = {} as Record<string, unknown>
  for (const key of ['polluted', 'isAdmin', 'environment', 'name', 'clientId']) expect(probe[key], `Object.prototype.${key}`).toBeUndefined()
  expect(Object.prototype.toString).toBe(Object.prototype.toString)
}

const ENVIRONMENTS = ['sandbox', 'production', 'custom']
const dangerousKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__')
const unicode = fc.string({ unit: 'grapheme', maxLength: 40 })
const anyKey = fc.oneof(dangerousKey, unicode, fc.constantFrom('client_secret', 'x-secret-key', 'password', 'token'))

/** A JSON object text whose keys may be `__proto__` and friends (JSON.stringify would not write them as own keys). */
const objectText = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.array(fc.tuple(anyKey, value), { maxLength: 6 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`)

const garbage = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null')
const nested = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, garbage, objectText(tie('node') as fc.Arbitrary<string>), fc.array(tie('node') as fc.Arbitrary<string>, { maxLength: 3 }).map((a) => `[${a.join(',')}]`)),
})).node

/** A profile-shaped object: right keys, values of the right type or not, hostile keys inside. */
const profileText = fc
  .record(
    {
      name: fc.oneof(unicode, fc.string({ maxLength: 300 }), fc.constant(123 as unknown as string)).map((v) => JSON.stringify(v)),
      environment: fc.oneof(fc.constantFrom(...ENVIRONMENTS), unicode).map((v) => JSON.stringify(v)),
      clientId: fc.oneof(unicode, fc.integer().map(String)).map((v) => JSON.stringify(v)),
      flow: fc.constantFrom('"standard"', '"vendor-api"', '"vendor-hosted"', '"nope"', '7', 'null'),
      scopes: fc.oneof(unicode.map((v) => JSON.stringify(v)), fc.constant('["openid"]')),
      endpoints: objectText(fc.oneof(fc.webUrl().map((u) => JSON.stringify(u)), garbage)),
      extraAuthorizeParams: objectText(fc.oneof(unicode.map((v) => JSON.stringify(v)), nested)),
      extraHeaders: objectText(unicode.map((v) => JSON.stringify(v))),
      capture: objectText(garbage),
      lifetimes: objectText(fc.oneof(fc.integer().map(String), fc.constant('1e308'), fc.constant('-0'))),
      __proto__: objectText(fc.constant('"yes"')),
      constructor: objectText(garbage),
      extra: nested,
    },
    { requiredKeys: ['name', 'environment', 'clientId'] },
  )
  .map((fields) => `{${Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`)

const versionText = fc.oneof(
  fc.integer({ min: -1e15, max: 1e15 }).map(String),
  fc.constantFrom('1', '2', '3', '0', '-1', '1.5', '1e308', '-1e308', '"1"', 'null', '[]', '{}'),
)

/** Export-like documents, bare lists and single objects. */
const documentText = fc.oneof(
  fc
    .tuple(fc.array(fc.oneof(profileText, nested), { maxLength: 8 }), fc.option(versionText, { nil: undefined }))
    .map(([profiles, version]) => `{"format":"oauth-flow-tester/profiles",${version !== undefined ? `"version":${version},` : ''}"profiles":[${profiles.join(',')}],"__proto__":{"polluted":"yes"}}`),
  fc.array(fc.oneof(profileText, nested), { maxLength: 8 }).map((list) => `[${list.join(',')}]`),
  profileText,
)

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  garbage,
  nested,
  documentText,
  // Cut anywhere: a download that stopped half way.
  fc.tuple(documentText, fc.nat()).map(([doc, at]) => doc.slice(0, at % (doc.length + 1))),
)

describe('profile import, whatever the file holds', () => {
  it('answers every input with a typed result, clear messages, and no polluted prototype', () => {
    fc.assert(
      fc.property(text, (input) => {
        const result = parseImport(input)
        checkShape(result)
        noPollution()
      }),
      { numRuns: 2000 },
    )
  })

  it('imports the well-formed profiles of a document and skips the others, each named with its reason', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }), (goodOrBad) => {
        const list = goodOrBad.map((good, i) => (good ? { name: `P${i}`, environment: 'sandbox', clientId: `c${i}` } : { name: `P${i}`, environment: 42, clientId: `c${i}` }))
        const result = parseImport(JSON.stringify({ format: 'oauth-flow-tester/profiles', version: 2, profiles: list }))
        if ('error' in result) throw new Error(result.error)
        expect(result.drafts.map((d) => d.name)).toEqual(list.filter((_, i) => goodOrBad[i]).map((p) => p.name))
        expect(result.skipped.map((s) => s.name)).toEqual(list.filter((_, i) => !goodOrBad[i]).map((p) => p.name))
        expect(result.skipped.every((s) => s.reason.startsWith('environment:'))).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('never lets a `__proto__` key reach a prototype: the profile keeps its own values, the key is dropped', () => {
    const result = parseImport('[{"name":"P","environment":"sandbox","clientId":"c","__proto__":{"environment":"production","polluted":"yes"},"extraHeaders":{"__proto__":"x","constructor":"y"}}]')
    if ('error' in result) throw new Error(result.error)
    const [draft] = result.drafts
    expect(draft?.environment).toBe('sandbox')
    expect(Object.getPrototypeOf(draft)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(draft!.extraHeaders)).toBe(Object.prototype)
    expect(Object.keys(draft!.extraHeaders)).toEqual(['constructor'])
    // An object where a header value belongs is refused, not merged into anything.
    const objectValue = parseImport('[{"name":"Q","environment":"sandbox","clientId":"c","extraHeaders":{"__proto__":{"polluted":"yes"}}}]')
    expect('drafts' in objectValue && objectValue.drafts.every((d) => Object.getPrototypeOf(d.extraHeaders) === Object.prototype)).toBe(true)
    noPollution()
  })

  it('refuses a version it cannot read, however odd the number, without looping over it', () => {
    for (const version of ['-1000000000000000', '-1e308', '0', '1.5', '-1', '"2"', 'null', '[]']) {
      const result = parseImport(`{"version":${version},"profiles":[{"name":"P","environment":"sandbox","clientId":"c"}]}`)
      expect(result, `version ${version}`).toMatchObject({ error: expect.stringMatching(/format version/) })
    }
    for (const version of ['3', '1e308']) expect(parseImport(`{"version":${version},"profiles":[]}`)).toMatchObject({ error: expect.stringContaining('newer version') })
    expect(parseImport('{"profiles":[{"name":"P","environment":"sandbox","clientId":"c"}]}')).toMatchObject({ drafts: [{ name: 'P' }] })
  })
})

describe('import limits (README: Profiles and secrets)', () => {
  const profile = (i: number) => ({ name: `Profile ${i}`, environment: 'sandbox', clientId: `client-${i}`, description: 'x'.repeat(100) })

  it(`refuses a file over ${IMPORT_LIMITS.maxChars.toLocaleString('en')} characters before reading it, whatever it holds`, () => {
    // 10 MB: valid JSON with thousands of profiles, and junk.
    const many = JSON.stringify(Array.from({ length: 40_000 }, (_, i) => profile(i)))
    expect(many.length).toBeGreaterThan(6_000_000)
    for (const input of [many, 'x'.repeat(10 * 1024 * 1024), `[${'['.repeat(5_000_000)}`]) {
      const result = parseImport(input)
      expect(result).toEqual({ error: expect.stringMatching(/larger than 2 MB.*split/i) })
    }
  })

  it(`refuses more than ${IMPORT_LIMITS.maxProfiles.toLocaleString('en')} profiles in one file, and takes exactly that many`, () => {
    const over = JSON.stringify(Array.from({ length: IMPORT_LIMITS.maxProfiles + 1 }, (_, i) => ({ name: `P${i}`, environment: 'sandbox', clientId: 'c' })))
    expect(over.length).toBeLessThan(IMPORT_LIMITS.maxChars)
    expect(parseImport(over)).toEqual({ error: expect.stringMatching(/1,001 profiles.*at most 1,000/) })
    const at = JSON.stringify(Array.from({ length: IMPORT_LIMITS.maxProfiles }, (_, i) => ({ name: `P${i}`, environment: 'sandbox', clientId: 'c' })))
    const result = parseImport(at)
    expect('drafts' in result && result.drafts).toHaveLength(IMPORT_LIMITS.maxProfiles)
  })

  it('reads JSON nested 200,000 deep without a stack overflow, and skips it as no profile', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`
    expect(parseImport(deep(200_000))).toEqual({ drafts: [], skipped: [{ name: 'profile 1', reason: 'not a profile object' }], warnings: [] })
    const inField = parseImport(`[{"name":"P","environment":"sandbox","clientId":"c","extraHeaders":${deep(200_000)}}]`)
    expect(inField).toMatchObject({ drafts: [], skipped: [{ name: 'P', reason: expect.stringContaining('extraHeaders') }] })
  })
})
