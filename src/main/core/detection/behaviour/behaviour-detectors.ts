// Every behaviour detector over sliding windows, run in one pass per request. Each is bounded in memory
// by its own capacity, so a million distinct addresses cannot exhaust the worker.
import { errorText } from '../error-text'
import { createBruteforceBehaviour, type BruteforceOptions } from '../bruteforce'
import type { RequestRecord } from '../request-record'
import type { BehaviourDetector, BehaviourSignal } from './behaviour-signal'
import { createAccountFarmingDetector, DEFAULT_ACCOUNT_FARMING } from './account-farming'
import { createAccountLookupDetector, DEFAULT_ACCOUNT_LOOKUP } from './account-lookup'
import { createDistributedLoginDetector, DEFAULT_SLOW_DISTRIBUTED_LOGIN } from './distributed-login'
import { createFundingChangeDetector, DEFAULT_FUNDING_CHANGE } from './funding-change'
import {
  createEnumerationDetector,
  DEFAULT_CONSUMER_ENUMERATION,
  DEFAULT_SLOW_ENUMERATION,
} from './enumeration'
import { createLatencySpikeDetector } from './latency-spike'
import { createPasswordSprayingDetector } from './password-spraying'
import {
  createRateSpikeDetector,
  DEFAULT_CONSUMER_RATE_SPIKE,
  DEFAULT_RATE_SPIKE,
  DEFAULT_ROUTE_RATE_SPIKE,
} from './rate-spike'
import {
  createRateLimitedBurstDetector,
  createServerErrorBurstDetector,
  DEFAULT_RATE_LIMITED_SUSTAINED,
} from './status-burst'
import { AppKeys } from './app-keys'
import { createAgentRotationDetector } from './agent-rotation'
import { createClientListHarvestDetector } from './client-list-harvest'
import { createSmsPumpingDetector } from './sms-pumping'
import { createWebhookForgeryDetector } from './webhook-forgery'
import { createAccountSpreadDetector } from './account-spread'
import { createRewardCodeGuessingDetector } from './reward-code-guessing'
import { createNumberWalkDetector } from './number-walk'
import { createKeyGuessingDetector } from './key-guessing'
import { createStoppedAtSecondFactorDetector } from './stopped-at-second-factor'
import { createClientSwapDetector, DEFAULT_CLIENT_SWAP } from './client-swap'
import { createKeyConfusionDetector } from './key-confusion'
import { createKeyValidationDetector } from './key-validation'
import { createLockoutCyclingDetector } from './lockout-cycling'
import { createObjectWalkDetector, DEFAULT_OBJECT_WALK } from './object-walk'
import {
  createHarvestDetector,
  createListingWalkDetector,
  DEFAULT_LISTING_WALK,
  DEFAULT_MARKET_DATA_HARVEST,
  DEFAULT_PROFILE_HARVEST,
  DEFAULT_RESEARCH_HARVEST,
  INSTRUMENTS,
  RESEARCH,
} from './record-harvest'
import { createDistributedWalkDetector } from './distributed-walk'
import { createSecondFactorDetector } from './second-factor'
import { createPushFatigueDetector } from './push-fatigue'
import { createPumpRotationDetector, DEFAULT_PUMP_ROTATION } from './pump-rotation'
import { createOrderLayeringDetector, DEFAULT_ORDER_LAYERING } from './order-layering'
import { createAllocationFarmingDetector, DEFAULT_ALLOCATION_FARMING } from './allocation-farming'
import { createSyntheticIdentitiesDetector } from './synthetic-identities'
import {
  createPayoutChangeSellOffDetector,
  DEFAULT_PAYOUT_CHANGE_SELL_OFF,
} from './payout-change-sell-off'
import { createReferralRingDetector } from './referral-ring'
import {
  BANK_ACCOUNTS,
  createCardTestingDetector,
  DEFAULT_BANK_ACCOUNT_TESTING,
  DEFAULT_SLOW_CARD_TESTING,
  PAYMENT_HANDLES,
  SLOW_CARDS,
} from './card-testing'
import { createDeviceFarmingDetector } from './device-farming'
import { createSecurityChangeDetector, DEFAULT_SECURITY_CHANGE } from './security-change'
import { createMovedSessionDetector, DEFAULT_MOVED_SESSION } from './moved-session'
import { createSessionAfterLogoutDetector } from './session-after-logout'
import {
  createMultiAccountCashoutDetector,
  DEFAULT_MULTI_ACCOUNT_CASHOUT,
} from './multi-account-cashout'
import {
  createStuffingPoolDetector,
  DEFAULT_SLOW_STUFFING_POOL,
  DEFAULT_STUFFING_POOL,
  Newcomers,
} from './stuffing-pool'
import { createPassThroughDetector, DEFAULT_PASS_THROUGH } from './pass-through'
import { createCardCashOutDetector, DEFAULT_CARD_CASH_OUT } from './card-cash-out'
import { createSharedEgress } from './shared-egress'
import { createSplitWalkDetector } from './split-walk'
import { createTokenSpreadDetector, DEFAULT_TOKEN_SPREAD } from './token-spread'

export interface BehaviourDetectors {
  /** Signals the request tipped, in detector order. */
  observe(r: RequestRecord): readonly BehaviourSignal[]
  /** Entities held per detector, for the snapshot and the memory benchmark. */
  sizes(): Record<string, number>
  /** What the detectors have learnt, by detector name (see BehaviourDetector.save). */
  save(): Record<string, unknown>
  /**
   * Takes back what save() returned into fresh detectors. Names it does not know (a detector since
   * removed) are skipped; a damaged entry throws.
   */
  load(data: Readonly<Record<string, unknown>>): void
}

const NONE: readonly BehaviourSignal[] = Object.freeze([])

/** Creates the standard set; brute force first, as its findings are the most often read. */
export function createBehaviourDetectors(
  opts: { readonly bruteforce?: BruteforceOptions } = {},
): BehaviourDetectors {
  // Which addresses carry many accounts (proxies, NATs): noted from every request before the detectors
  // that ask it run, so it comes first and reports nothing of its own.
  const egress = createSharedEgress()
  // What the fast and the slow stuffing pools know of each address, kept once for both.
  // Consumers that are an app's key for all its users (learnt by token-spread, read by the pools).
  const appKeys = new AppKeys()
  const newcomers = new Newcomers(DEFAULT_STUFFING_POOL.maxAddresses, appKeys)
  const detectors: Record<string, BehaviourDetector> = {
    sharedEgress: {
      observe(r) {
        egress.see(r)
        return null
      },
      get size() {
        return egress.size
      },
    },
    bruteforce: createBruteforceBehaviour(opts.bruteforce),
    enumeration: createEnumerationDetector(),
    slowEnumeration: createEnumerationDetector(DEFAULT_SLOW_ENUMERATION),
    consumerEnumeration: createEnumerationDetector(DEFAULT_CONSUMER_ENUMERATION),
    objectWalk: createObjectWalkDetector(DEFAULT_OBJECT_WALK, appKeys),
    distributedWalk: createDistributedWalkDetector(),
    splitWalk: createSplitWalkDetector(),
    profileHarvest: createHarvestDetector(DEFAULT_PROFILE_HARVEST, appKeys),
    marketDataHarvest: createHarvestDetector(DEFAULT_MARKET_DATA_HARVEST, appKeys, INSTRUMENTS),
    listingWalk: createListingWalkDetector(DEFAULT_LISTING_WALK, appKeys),
    researchHarvest: createHarvestDetector(DEFAULT_RESEARCH_HARVEST, appKeys, RESEARCH),
    accountLookup: createAccountLookupDetector(DEFAULT_ACCOUNT_LOOKUP, egress),
    accountFarming: createAccountFarmingDetector(DEFAULT_ACCOUNT_FARMING, egress),
    referralRing: createReferralRingDetector(),
    deviceFarming: createDeviceFarmingDetector(),
    cardTesting: createCardTestingDetector(),
    slowCardTesting: createCardTestingDetector(DEFAULT_SLOW_CARD_TESTING, SLOW_CARDS),
    bankAccountTesting: createCardTestingDetector(DEFAULT_BANK_ACCOUNT_TESTING, BANK_ACCOUNTS),
    paymentHandleTesting: createCardTestingDetector(DEFAULT_BANK_ACCOUNT_TESTING, PAYMENT_HANDLES),
    distributedLogin: createDistributedLoginDetector(),
    slowDistributedLogin: createDistributedLoginDetector(DEFAULT_SLOW_DISTRIBUTED_LOGIN),
    passwordSpraying: createPasswordSprayingDetector(),
    lockoutCycling: createLockoutCyclingDetector(),
    secondFactor: createSecondFactorDetector(),
    pushFatigue: createPushFatigueDetector(),
    keyValidation: createKeyValidationDetector(),
    stuffingPool: createStuffingPoolDetector(DEFAULT_STUFFING_POOL, newcomers),
    slowStuffingPool: createStuffingPoolDetector(DEFAULT_SLOW_STUFFING_POOL, newcomers),
    tokenSpread: createTokenSpreadDetector(DEFAULT_TOKEN_SPREAD, egress, appKeys),
    fundingChange: createFundingChangeDetector(DEFAULT_FUNDING_CHANGE, egress, appKeys),
    securityChange: createSecurityChangeDetector(DEFAULT_SECURITY_CHANGE, appKeys),
    movedSession: createMovedSessionDetector(DEFAULT_MOVED_SESSION, egress),
    sessionAfterLogout: createSessionAfterLogoutDetector(),
    multiAccountCashout: createMultiAccountCashoutDetector(DEFAULT_MULTI_ACCOUNT_CASHOUT, egress),
    passThrough: createPassThroughDetector(DEFAULT_PASS_THROUGH, egress),
    cardCashOut: createCardCashOutDetector(DEFAULT_CARD_CASH_OUT, egress),
    keyConfusion: createKeyConfusionDetector(),
    clientSwap: createClientSwapDetector(DEFAULT_CLIENT_SWAP, egress),
    agentRotation: createAgentRotationDetector(),
    clientListHarvest: createClientListHarvestDetector(),
    smsPumping: createSmsPumpingDetector(),
    webhookForgery: createWebhookForgeryDetector(),
    accountSpread: createAccountSpreadDetector(),
    rewardCodeGuessing: createRewardCodeGuessingDetector(),
    numberWalk: createNumberWalkDetector(),
    keyGuessing: createKeyGuessingDetector(),
    stoppedAtSecondFactor: createStoppedAtSecondFactorDetector(),
    pumpRotation: createPumpRotationDetector(DEFAULT_PUMP_ROTATION, appKeys),
    orderLayering: createOrderLayeringDetector(DEFAULT_ORDER_LAYERING, appKeys),
    syntheticIdentities: createSyntheticIdentitiesDetector(),
    allocationFarming: createAllocationFarmingDetector(DEFAULT_ALLOCATION_FARMING, appKeys),
    payoutChangeSellOff: createPayoutChangeSellOffDetector(DEFAULT_PAYOUT_CHANGE_SELL_OFF, appKeys),
    serverErrors: createServerErrorBurstDetector(),
    rateLimited: createRateLimitedBurstDetector(),
    rateLimitedSustained: createRateLimitedBurstDetector(
      DEFAULT_RATE_LIMITED_SUSTAINED,
      'behaviour.rate-limited-sustained',
    ),
    rateSpike: createRateSpikeDetector(DEFAULT_RATE_SPIKE, 'ip'),
    consumerRateSpike: createRateSpikeDetector(DEFAULT_CONSUMER_RATE_SPIKE, 'consumer'),
    routeRateSpike: createRateSpikeDetector(DEFAULT_ROUTE_RATE_SPIKE, 'route'),
    latencySpike: createLatencySpikeDetector(),
  }
  const list = Object.values(detectors)
  return {
    observe(r) {
      // Nearly every request tips nothing: no array is made for those.
      let out: BehaviourSignal[] | null = null
      for (const d of list) {
        const s = d.observe(r)
        if (s) (out ??= []).push(s)
      }
      return out ?? NONE
    },
    sizes: () => Object.fromEntries(Object.entries(detectors).map(([k, d]) => [k, d.size])),
    save() {
      const out: Record<string, unknown> = {}
      for (const [name, d] of Object.entries(detectors)) if (d.save) out[name] = d.save()
      return out
    },
    load(data) {
      for (const [name, saved] of Object.entries(data)) {
        const d = Object.hasOwn(detectors, name) ? detectors[name] : undefined
        if (!d?.load) continue
        try {
          d.load(saved)
        } catch (err) {
          throw new Error(`${name}: ${errorText(err)}`, { cause: err })
        }
      }
    },
  }
}
