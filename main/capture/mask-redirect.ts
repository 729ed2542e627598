import { maskToken } from '../../shared/mask'

const MASKED = new Set(['code', 'access_token', 'id_token', 'refresh_token'])

/** The redirect as it arrived, fit to show: codes and tokens masked in query and fragment. */
export function maskRedirect(url: string): string {
  const maskPart = (part: string): string =>
    part
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=')
        if (eq < 0) return pair
        const name = pair.slice(0, eq)
        return MASKED.has(name) ? `${name}=${maskToken(safeDecode(pair.slice(eq + 1)))}` : pair
      })
      .join('&')
  const hashAt = url.indexOf('#')
  const beforeHash = hashAt >= 0 ? url.slice(0, hashAt) : url
  const fragment = hashAt >= 0 ? `#${maskPart(url.slice(hashAt + 1))}` : ''
  const queryAt = beforeHash.indexOf('?')
  if (queryAt < 0) return `${beforeHash.includes('=') ? maskPart(beforeHash) : beforeHash}${fragment}`
  return `${beforeHash.slice(0, queryAt)}?${maskPart(beforeHash.slice(queryAt + 1))}${fragment}`
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
