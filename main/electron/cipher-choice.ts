/**
 * Which cipher the desktop vault uses, decided from what `safeStorage` reports. Pure, so it is
 * tested without Electron.
 */
export interface SafeStorageFacts {
  platform: NodeJS.Platform
  available: boolean
  /** Linux only: `basic_text` means no keyring, so safeStorage would use a hard-coded key. */
  linuxBackend?: string
}

export type CipherChoice = { use: 'safe-storage'; warning?: string } | { use: 'key-file'; warning: string }

export function chooseCipher(facts: SafeStorageFacts): CipherChoice {
  if (!facts.available) {
    return {
      use: 'key-file',
      warning: 'The system keychain is not available, so secrets are sealed with a key file in the app’s folder that only you can read. Anyone who can read your files as you can read them.',
    }
  }
  if (facts.platform === 'linux' && (facts.linuxBackend === 'basic_text' || facts.linuxBackend === 'unknown')) {
    return {
      use: 'safe-storage',
      warning: 'No keyring (GNOME Keyring, KWallet) was found, so Electron can only obscure secrets with a fixed key: anyone who copies the app’s folder can read them. Install or unlock a keyring and restart the app to protect them properly.',
    }
  }
  return { use: 'safe-storage' }
}
