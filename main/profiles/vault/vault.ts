import type { StorageNotice } from '../storage/storage-port'
import type { RecoveringDocument } from '../storage/recovering-document'
import type { SecretCipher } from './cipher'
import type { VaultData } from './vault-codec'

/**
 * Secret values by (profile id, secret name). Values are sealed with the cipher together with
 * their slot, so a value copied into another profile's slot (by editing the file) does not
 * open. Values leave this class only towards the flow engine; the contract sees names.
 */
export class SecretVault {
  /** Slots that hold a value this cipher cannot open (other key, other host, tampered). */
  private readonly unreadable = new Set<string>()

  constructor(
    private readonly doc: RecoveringDocument<VaultData>,
    private readonly cipher: SecretCipher,
    notices: StorageNotice[],
    now: () => number,
  ) {
    for (const [profileId, slots] of Object.entries(doc.value.entries)) {
      for (const [name, sealed] of Object.entries(slots)) {
        if (this.open(profileId, name, sealed) === undefined) this.unreadable.add(slot(profileId, name))
      }
    }
    if (this.unreadable.size > 0) {
      notices.push({
        level: 'warning',
        message: `${this.unreadable.size} stored secret(s) cannot be decrypted on this machine (they were sealed with another key or by the other host). They show as “not set”; enter them again. The sealed values are kept.`,
        at: now(),
      })
    }
  }

  get description(): string {
    return this.cipher.description
  }

  /** Names of the secrets of a profile that are set and readable. */
  names(profileId: string): string[] {
    return Object.keys(this.doc.value.entries[profileId] ?? {}).filter((name) => !this.unreadable.has(slot(profileId, name)))
  }

  has(profileId: string, name: string): boolean {
    return this.names(profileId).includes(name)
  }

  set(profileId: string, name: string, value: string): void {
    const sealed = `${this.cipher.kind}:${this.cipher.encrypt(JSON.stringify({ p: profileId, n: name, v: value }))}`
    const entries = { ...this.doc.value.entries, [profileId]: { ...(this.doc.value.entries[profileId] ?? {}), [name]: sealed } }
    this.doc.write({ cipher: this.cipher.kind, entries })
    this.unreadable.delete(slot(profileId, name))
  }

  clear(profileId: string, name: string): void {
    const slots = { ...(this.doc.value.entries[profileId] ?? {}) }
    if (!(name in slots)) return
    delete slots[name]
    const entries = { ...this.doc.value.entries, [profileId]: slots }
    if (Object.keys(slots).length === 0) delete entries[profileId]
    this.doc.write({ cipher: this.cipher.kind, entries })
    this.unreadable.delete(slot(profileId, name))
  }

  /** Forgets every secret of a profile (when the profile is deleted). */
  clearProfile(profileId: string): void {
    if (!(profileId in this.doc.value.entries)) return
    const entries = { ...this.doc.value.entries }
    delete entries[profileId]
    this.doc.write({ cipher: this.cipher.kind, entries })
    for (const key of [...this.unreadable]) if (key.startsWith(`${profileId}\u0000`)) this.unreadable.delete(key)
  }

  /** The values of a profile's secrets, for the flow engine only. */
  values(profileId: string): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [name, sealed] of Object.entries(this.doc.value.entries[profileId] ?? {})) {
      const value = this.open(profileId, name, sealed)
      if (value !== undefined) out[name] = value
    }
    return out
  }

  private open(profileId: string, name: string, sealed: string): string | undefined {
    const colon = sealed.indexOf(':')
    if (colon < 0 || sealed.slice(0, colon) !== this.cipher.kind) return undefined
    try {
      const parsed = JSON.parse(this.cipher.decrypt(sealed.slice(colon + 1))) as { p?: unknown; n?: unknown; v?: unknown }
      return parsed.p === profileId && parsed.n === name && typeof parsed.v === 'string' ? parsed.v : undefined
    } catch {
      return undefined
    }
  }
}

const slot = (profileId: string, name: string): string => `${profileId}\u0000${name}`
