import { mkdirSync } from 'node:fs'
import type { Clock } from '../../clock'
import { StoredProfiles, type ProfileRepository } from '../profile-repository'
import type { SecretCipher } from '../vault/cipher'
import { ephemeralCipher, openKeyFileCipher } from '../vault/key-file-cipher'
import { SecretVault } from '../vault/vault'
import { vaultCodec } from '../vault/vault-codec'
import { confBackend } from './conf-backend'
import { memoryBackend } from './memory-backend'
import { profilesCodec } from './profiles-codec'
import { RecoveringDocument } from './recovering-document'
import type { StorageBackend, StorageNotice } from './storage-port'

/** What a host hands to `createService`: where documents live and how secrets are sealed. */
export interface StorageOptions {
  backend: StorageBackend
  cipher: SecretCipher
  /** Things the host already found while opening (a widened key file, a plain-text keyring). */
  notices?: StorageNotice[]
  /** If the files cannot be opened at all: keep profiles in memory and say so, instead of failing. */
  fallbackToMemory?: boolean
}

export interface ProfileStorage {
  location: string
  profiles: StoredProfiles
  vault: SecretVault
  /** Everything the user must be told about their data since the app started. */
  notices: StorageNotice[]
}

export function openStorage(opts: StorageOptions, clock: Clock, base?: ProfileRepository): ProfileStorage {
  try {
    return open(opts, clock, base)
  } catch (error) {
    if (!opts.fallbackToMemory) throw error
    const message = `Profiles cannot be kept in ${opts.backend.location} (${(error as Error).message}). This session keeps them in memory only; fix the folder and restart.`
    return open({ ...memoryStorage(), notices: [...(opts.notices ?? []), { level: 'error', message, at: clock.now() }] }, clock, base)
  }
}

function open(opts: StorageOptions, clock: Clock, base?: ProfileRepository): ProfileStorage {
  const notices = opts.notices ?? []
  const now = (): number => clock.now()
  const profiles = new StoredProfiles(RecoveringDocument.open(opts.backend, profilesCodec, clock, notices), base)
  const vaultDoc = RecoveringDocument.open(opts.backend, vaultCodec(opts.cipher.kind), clock, notices)
  return { location: opts.backend.location, profiles, vault: new SecretVault(vaultDoc, opts.cipher, notices, now), notices }
}

/** The web host's and the tests' storage: conf files plus a key-file vault in one folder. */
export function fileStorage(dir: string, clock: Clock): StorageOptions {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const notices: StorageNotice[] = []
  return { backend: confBackend(dir), cipher: openKeyFileCipher(dir, notices, () => clock.now()), notices }
}

/** Nothing on disk: the default when a host gives no storage. */
export const memoryStorage = (): StorageOptions => ({ backend: memoryBackend(), cipher: ephemeralCipher() })
