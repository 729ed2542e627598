import { z } from 'zod'
import { ProfileSchema, type Profile } from '../../../shared/domain/profile'
import { DocumentError, readVersionedObject, type DocumentCodec } from './document-codec'
import { PROFILE_MIGRATIONS, PROFILES_VERSION } from './profile-migrations'

const StoredProfilesSchema = z.object({
  version: z.literal(PROFILES_VERSION),
  profiles: z.array(ProfileSchema),
})

/** The user's profiles file: `{ version, profiles }`. Secrets are never part of it. */
export const profilesCodec: DocumentCodec<Profile[]> = {
  name: 'profiles',
  label: 'your profiles',
  version: PROFILES_VERSION,
  decode(raw) {
    const read = readVersionedObject(raw, PROFILES_VERSION)
    let doc = read.doc
    const fromVersion = read.version
    for (let v = fromVersion; v < PROFILES_VERSION; v++) {
      const step = PROFILE_MIGRATIONS[v]
      if (!step) throw new DocumentError(`no migration from format ${v}`)
      doc = step(doc)
    }
    const parsed = StoredProfilesSchema.safeParse(doc)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const [, index, ...rest] = issue?.path ?? []
      const which = typeof index === 'number' ? profileLabel(doc, index) : ''
      const where = rest.length > 0 ? ` at ${rest.join('.')}` : ''
      throw new DocumentError(`${which}${where}: ${issue?.message ?? 'does not fit the schema'}`.replace(/^: /, ''))
    }
    const ids = new Set<string>()
    for (const p of parsed.data.profiles) {
      if (ids.has(p.id)) throw new DocumentError(`two profiles share the id “${p.id}”`)
      ids.add(p.id)
    }
    return { value: parsed.data.profiles.map((p) => ({ ...p, builtIn: false })), fromVersion }
  },
  encode: (profiles) => ({ version: PROFILES_VERSION, profiles }),
  empty: () => [],
}

function profileLabel(doc: Record<string, unknown>, index: number): string {
  const list = Array.isArray(doc.profiles) ? doc.profiles : []
  const name = (list[index] as { name?: unknown } | undefined)?.name
  return `profile ${index + 1}${typeof name === 'string' ? ` (“${name}”)` : ''}`
}
