/**
 * The vault's cipher port. Electron host: the OS keychain through `safeStorage`. Web host and
 * tests: AES-256-GCM with a key file only the user can read. Either way the vault file holds
 * ciphertext only.
 */
export interface SecretCipher {
  /** Stable id written into the vault file, so a vault is never read with the wrong cipher. */
  readonly kind: string
  /** How secrets are protected, in words for the storage status. */
  readonly description: string
  encrypt(plain: string): string
  /** Throws when the text was not sealed by this cipher (or with this key). */
  decrypt(sealed: string): string
}
