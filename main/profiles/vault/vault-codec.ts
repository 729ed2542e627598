import { z } from 'zod'
import { DocumentError, type DocumentCodec } from '../storage/document-codec'

/** Sealed values by profile id, then by secret name. Only ciphertext; names are not secret. */
export interface VaultData {
  cipher: string
  entries: Record<string, Record<string, string>>
}

const VaultSchema = z.object({
  version: z.literal(1),
  cipher: z.string(),
  entries: z.record(z.string(), z.record(z.string(), z.string())),
})

export const vaultCodec = (cipherKind: string): DocumentCodec<VaultData> => ({
  name: 'secrets',
  label: 'your stored secrets (encrypted)',
  version: 1,
  decode(raw) {
    const parsed = VaultSchema.safeParse(raw)
    if (!parsed.success) throw new DocumentError(`it does not look like a vault (${parsed.error.issues[0]?.message ?? 'schema'})`)
    return { value: { cipher: parsed.data.cipher, entries: parsed.data.entries }, fromVersion: 1 }
  },
  encode: (data) => ({ version: 1, cipher: data.cipher, entries: data.entries }),
  empty: () => ({ cipher: cipherKind, entries: {} }),
})
