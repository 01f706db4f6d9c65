// Configuration file schema (config.json in the data folder). Secrets are never stored in clear here:
// a secret field holds `secret:<name>` (in the secret store), `env:NAME` or `file:PATH`.
import { z } from 'zod'
import { parseCidr } from './cidr'

export const secretRef = z
  .string()
  .regex(/^(secret:[A-Za-z0-9._-]{1,64}|env:[A-Z_][A-Z0-9_]{0,63}|file:\/.{1,1024})$/, {
    message: 'a secret is a reference: secret:<name>, env:NAME or file:/absolute/path',
  })

const url = z.url({ protocol: /^https?$/ })

export const configSchema = z.strictObject({
  version: z.literal(1).default(1),
  kong: z
    .strictObject({
      adminUrl: url,
      metricsUrl: url.optional(),
      token: secretRef.optional(),
      workspace: z.string().max(128).optional(),
    })
    .optional(),
  prometheus: z.strictObject({ url, token: secretRef.optional() }).optional(),
  elasticsearch: z
    .strictObject({
      node: url,
      index: z.string().min(1).max(256).default('kong-*'),
      apiKey: secretRef.optional(),
      username: z.string().max(256).optional(),
      password: secretRef.optional(),
    })
    .optional(),
  redis: z
    .strictObject({ url: z.string().regex(/^rediss?:\/\//), password: secretRef.optional() })
    .optional(),
  files: z
    .array(
      z.strictObject({
        path: z.string().min(1).max(4096),
        format: z.enum(['auto', 'kong', 'combined', 'ecs']).default('auto'),
      }),
    )
    .max(64)
    .default([]),
  rulesDir: z.string().max(4096).optional(),
  detection: z
    .strictObject({
      // Load balancers in front of the gateway that it does not resolve itself (no trusted_ips /
      // real_ip_header): requests from them are attributed to the client in X-Forwarded-For.
      trustedProxies: z
        .array(
          z.string().refine((s) => parseCidr(s) !== null, {
            message:
              'a trusted proxy is an IP address or a CIDR block (10.40.0.0/16, 2001:db8::/32)',
          }),
        )
        .max(256)
        .default([]),
    })
    .default({ trustedProxies: [] }),
  ui: z
    .strictObject({
      theme: z.enum(['dark', 'light']).default('dark'),
      language: z.enum(['en', 'ja']).default('en'),
      timeZone: z.string().max(64).default('local'),
    })
    .default({ theme: 'dark', language: 'en', timeZone: 'local' }),
})

export type VigilConfig = z.infer<typeof configSchema>

/** True when no live source is configured, so the app runs on the built-in demo source. */
export function isDemoConfig(c: VigilConfig): boolean {
  return !c.kong && !c.prometheus && !c.elasticsearch && c.files.length === 0
}
