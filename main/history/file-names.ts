/** Names of the files the evidence exports save: the profile and the time (UTC) say which run it was. */

/** "Acme production (EU)" → "acme-production-eu". */
export const slugOf = (name: string): string =>
  name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'run'

/** 2026-03-04T10:11:12.345Z → "20260304T101112Z". */
export const utcStamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
