import { scrub } from './redact'

/**
 * Replaces known secret values in every string of plain data (a run record, a bundle), raw and
 * in the encodings a secret travels in (URL-encoded, base64). The last guard before anything
 * is stored or leaves main; the field rules of `redact.ts` do the real work before it.
 */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  const forms = secretForms(secrets)
  if (forms.length === 0) return value
  return walk(value, forms, forms.at(-1)!.length) as T
}

export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (secret.length < 4) continue
    forms.add(secret)
    forms.add(encodeURIComponent(secret))
    forms.add(Buffer.from(secret).toString('base64'))
    forms.add(Buffer.from(secret).toString('base64url'))
  }
  // Longest first, so a secret inside a longer one is not cut in half.
  return [...forms].sort((a, b) => b.length - a.length)
}

/** `shortest` is the shortest form: most strings of a record (labels, times, ids) are shorter. */
function walk(value: unknown, forms: readonly string[], shortest: number): unknown {
  if (typeof value === 'string') return value.length < shortest ? value : scrub(value, forms)
  if (Array.isArray(value)) return value.map((item) => walk(item, forms, shortest))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, forms, shortest)]))
  }
  return value
}
