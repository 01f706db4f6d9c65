import { FuseV1Options } from '@electron/fuses'
import { describe, expect, it } from 'vitest'
import { VIGIL_FUSES } from './fuses'

describe('fuse map', () => {
  it('sets every fuse this @electron/fuses knows, so a new one cannot slip in unset', () => {
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number')
    for (const f of known) expect(VIGIL_FUSES, `fuse ${FuseV1Options[f]}`).toHaveProperty(String(f))
    expect(VIGIL_FUSES.strictlyRequireAllFuses).toBe(true)
  })

  it('closes the ways to run foreign code in the signed app', () => {
    expect(VIGIL_FUSES[FuseV1Options.RunAsNode]).toBe(false)
    expect(VIGIL_FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false)
    expect(VIGIL_FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
    expect(VIGIL_FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true)
    expect(VIGIL_FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true)
    expect(VIGIL_FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false)
    expect(VIGIL_FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true)
  })
})
