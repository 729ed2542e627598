import type { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { calls } from '../../../shared/contract/calls'
import { TesterEventSchema } from '../../../shared/contract/events'
import { createDispatcher, type Handlers } from '../../../main/contract-dispatch'
import { CALL_NAMES } from '../../../shared/contract/names'
import { ok } from '../../../shared/contract/result'
import { BUILT_IN_PROFILES } from '../../../main/profiles/builtin'

/** Fields that hold the *names* of secrets (header names, "secrets to enter"), never values. */
const NAME_LISTS = new Set(['secretHeaders', 'secretsToEnter'])
const SECRETISH = /secret|password|passwd|passphrase|otp|private/i

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType; out?: z.ZodType }
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def

/** Every path in a schema that can hold free text (a string that is not an enum or literal). */
function textPaths(schema: z.ZodType, path: string[] = [], seen = new Set<z.ZodType>()): string[][] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const def = defOf(schema)
  switch (def.type) {
    case 'string':
      return [path]
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([k, v]) => textPaths(v, [...path, k], seen))
    case 'array':
      return textPaths(def.element!, [...path, '[]'], seen)
    case 'record':
      return textPaths(def.valueType!, [...path, '{}'], seen)
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return textPaths(def.innerType!, path, seen)
    case 'union':
      return (def.options ?? []).flatMap((o) => textPaths(o, path, new Set(seen)))
    case 'pipe':
      return textPaths(def.out!, path, seen)
    default:
      return []
  }
}

describe('no output of the contract can carry a secret', () => {
  const outputs: [string, z.ZodType][] = [...Object.entries(calls).map(([name, spec]) => [`${name} →`, spec.output] as [string, z.ZodType]), ['event', TesterEventSchema]]

  it('has no free-text field named like a secret in any call output or event', () => {
    const offending: string[] = []
    let checked = 0
    for (const [where, schema] of outputs) {
      for (const path of textPaths(schema)) {
        checked++
        const named = path.filter((p) => p !== '[]' && p !== '{}')
        if (named.some((k) => NAME_LISTS.has(k))) continue
        if (named.some((k) => SECRETISH.test(k))) offending.push(`${where} ${path.join('.')}`)
      }
    }
    expect(offending).toEqual([])
    // The walk must reach real fields (profile names, endpoints, messages…) to mean anything.
    expect(checked).toBeGreaterThan(100)
  })

  it('secret state is an enum: set or not set', () => {
    const summary = calls.getProfile.output
    const secrets = defOf(summary).shape!.secrets!
    expect(defOf(defOf(secrets).valueType!).type).toBe('enum')
  })

  it('strips a secret a handler might add by mistake before the answer leaves main', async () => {
    const notUsed = async () => {
      throw new Error('not used')
    }
    const handlers = Object.fromEntries(CALL_NAMES.map((n) => [n, notUsed])) as unknown as Handlers
    const planted = { ...BUILT_IN_PROFILES[0]!, secrets: { clientSecret: 'set' as const }, issues: [], clientSecret: 'PLANTED-SECRET', password: 'PLANTED-PW' }
    handlers.getProfile = async () => ok(planted)
    const answer = await createDispatcher(handlers)('getProfile', { id: 'local-sandbox' })
    expect(answer.ok).toBe(true)
    expect(JSON.stringify(answer)).not.toContain('PLANTED')
  })
})
