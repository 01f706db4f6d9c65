// The normalised request every detector reads. Built in the worker from Kong JSON, combined or ECS lines.
// Values are raw here (detectors must see an injection inside a cookie); redaction happens on the way out.

export interface NamedValue {
  readonly name: string
  readonly value: string
}

export interface RequestRecord {
  readonly line: number
  /** Kong request id, ECS event id, or `line:<n>`. */
  readonly recordId: string
  /** UTC epoch ms. */
  readonly time: number
  readonly method: string
  /** Raw path as sent (no query). */
  readonly path: string
  /** Raw query string as sent (no leading ?), '' when none. */
  readonly rawQuery: string
  readonly query: readonly NamedValue[]
  /** Lower-case names; repeated headers appear once per value. */
  readonly headers: readonly NamedValue[]
  readonly body: string | null
  readonly ip: string | null
  readonly consumer: string | null
  /**
   * The identity an authentication plugin vouched for when it mapped no consumer (Kong's
   * authenticated_entity.id: an OpenID Connect or JWT plugin's subject), so that a customer who is no
   * consumer is still one account across requests; null when a consumer is known or nothing was vouched.
   */
  readonly subject: string | null
  /**
   * The consumer's custom_id (the business's own id of the customer, which Kong passes upstream as
   * X-Consumer-Custom-ID), when the log holds it: an identity the gateway vouches for.
   */
  readonly consumerCustomId?: string | null
  readonly route: string | null
  readonly service: string | null
  readonly status: number | null
  readonly requestBytes: number | null
  readonly responseBytes: number | null
  readonly latencyMs: number | null
  /** Kong answered itself (no upstream): unrouted 404s, auth 401s, rate-limit 429s. */
  readonly fromGateway: boolean
  /**
   * The scheme of the response's WWW-Authenticate challenge, lower case (`basic`, `bearer`, `digest`…),
   * or null. Kong logs the request's Authorization header as "REDACTED", so the challenge is what tells a
   * wrong password (Basic) from an expired token (Bearer, error="invalid_token") in a 401.
   */
  readonly authChallenge: string | null
}
