import type { E2EEOptions, ReconnectPolicy, Room, RoomConnectOptions, RoomOptions, TokenSourceConfigurable } from 'livekit-client';
import { defaultReachabilityProbe, type ReachabilityProbe } from '../connection/reachability';
import { FastReconnectPolicy } from '../connection/sdk-reconnect-policy';
import { FIREFOX_SDK_ATTEMPTS, FIREFOX_SDK_RECONNECT_TIMEOUT_MS, delaysFailedWebSockets } from '../connection/firefox-defaults';
import type { CallAlert, CallLogger } from '../errors/types';
import type { CallRoom } from '../connection/room-surface';
import { withE2EE } from '../e2ee/e2ee-room';
import type { VideoProfileName } from '../call/types';

/** Anything with livekit-client's configurable `fetch(options, force?)`. */
export type CallTokenSource = Pick<TokenSourceConfigurable, 'fetch'>;

export interface CallControllerConfig {
  tokenSource: CallTokenSource;
  createRoom?: (options: RoomOptions) => Room | CallRoom;
  /**
   * livekit-client `E2EEOptions` (`{ keyProvider, worker }`), given to every Room the controller builds;
   * each Room's encryption is on before it is used, or the call fails (`e2ee-failed` / `e2ee-unsupported`).
   */
  e2ee?: E2EEOptions;
  refreshLeadMs?: number;
  reconnectCooldownMs?: number;
  maxReconnectAttempts?: number;
  negotiationWindowMs?: number;
  negotiationThreshold?: number;
  toggleSettleMs?: number;
  reapplyGapMs?: number;
  videoProfiles?: Partial<Record<VideoProfileName, RoomOptions>>;
  connectOptions?: RoomConnectOptions;
  onAlert?: (alert: CallAlert) => void;
  /** Where the library's own lines go (redacted); default `console`. */
  logger?: CallLogger;
  /** A token fetch that takes longer than this is abandoned and retried. */
  tokenFetchTimeoutMs?: number;
  /** Longest wait between two forced reconnects once backoff has grown. */
  maxReconnectDelayMs?: number;
  /** Entries kept by `exportDiagnostics()`. */
  diagnosticsLimit?: number;
  /** An SDK resume/restart still going after this long is ended and replaced by a controlled reconnect (default 30 s; 10 s in Firefox, see firefox-defaults.ts). */
  sdkReconnectTimeoutMs?: number;
  /**
   * The SDK's own resume schedule for every Room the controller builds (`RoomOptions.reconnectPolicy`);
   * default `FastReconnectPolicy`: at once, 0.25, 0.5, 1 s, then every 1.5 s for `sdkReconnectTimeoutMs` (in Firefox at
   * most 6 attempts: it holds back WebSockets after failures, see firefox-defaults.ts). A profile's
   * own `reconnectPolicy` in `videoProfiles` wins.
   */
  reconnectPolicy?: ReconnectPolicy;
  /**
   * While the server does not answer, a cheap check between retries; when it answers again the
   * next retry goes at once. Default: a HEAD to the server URL in browsers, none elsewhere.
   * `false` turns it off.
   */
  reachabilityProbe?: ReachabilityProbe | false;
  /** How long a controlled reconnect keeps trying to reach a server or token endpoint that does not answer before `failed`. */
  reconnectGiveUpMs?: number;
  /** Watch subscribed remote video and the published camera for media that stopped while the call says connected (health/). Default on. */
  mediaWatchdog?: boolean;
  /** A watched track with no new frame (remote) or no bytes sent (camera) this long is stale. */
  staleMediaMs?: number;
  /** How often each watched track's stats are read (one `getStats` a track; paused while the page is hidden). */
  mediaSampleMs?: number;
  /** Least time between two reconnects the watchdog asks for (a stream that keeps dying does not loop the call). */
  mediaReconnectCooldownMs?: number;
  /** Local connection quality poor (or lost) this long on `hd` switches to `stable` (reason `quality`). */
  poorQualityMs?: number;
  /** `stable` chosen for quality, healthy (good/excellent) this long: HD is offered back (or tried, see `hdRetry`). Doubles after each return that failed. */
  hdRetryAfterMs?: number;
  /** `offer` (default): put `call/hdOffered` and let the user choose; `auto`: go back to HD by itself. */
  hdRetry?: 'offer' | 'auto';
  /** Lists the devices when they change, to notice a chosen one going away and coming back. Default: `navigator.mediaDevices.enumerateDevices` where it exists. */
  enumerateDevices?: () => Promise<readonly { kind: string; deviceId: string }[]>;
}

export interface ResolvedCallOptions extends Required<Omit<CallControllerConfig, 'connectOptions' | 'onAlert' | 'videoProfiles' | 'logger' | 'reachabilityProbe' | 'enumerateDevices' | 'e2ee'>> {
  e2ee: E2EEOptions | undefined;
  enumerateDevices: CallControllerConfig['enumerateDevices'];
  reachabilityProbe: ReachabilityProbe | undefined;
  connectOptions: RoomConnectOptions | undefined;
  onAlert: ((alert: CallAlert) => void) | undefined;
  videoProfiles: Partial<Record<VideoProfileName, RoomOptions>>;
  logger: CallLogger;
}

export const DEFAULT_OPTIONS = {
  refreshLeadMs: 120_000,
  reconnectCooldownMs: 15_000,
  maxReconnectAttempts: 5,
  negotiationWindowMs: 60_000,
  negotiationThreshold: 2,
  toggleSettleMs: 700,
  reapplyGapMs: 0,
  tokenFetchTimeoutMs: 10_000,
  maxReconnectDelayMs: 60_000,
  diagnosticsLimit: 500,
  sdkReconnectTimeoutMs: 30_000,
  reconnectGiveUpMs: 300_000,
  staleMediaMs: 4_000,
  mediaSampleMs: 1_000,
  mediaReconnectCooldownMs: 60_000,
  poorQualityMs: 10_000,
  hdRetryAfterMs: 600_000,
} as const;

const browserDeviceList = () => {
  const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  return typeof media?.enumerateDevices === 'function' ? () => media.enumerateDevices() : undefined;
};

export function resolveOptions(config: CallControllerConfig, defaultCreateRoom: (options: RoomOptions) => CallRoom): ResolvedCallOptions {
  if (!config || typeof config.tokenSource?.fetch !== 'function') {
    throw new TypeError('createCallController: `tokenSource` with a fetch(options, force?) method is required');
  }
  const pick = <K extends keyof typeof DEFAULT_OPTIONS>(key: K, fallback: number = DEFAULT_OPTIONS[key]): number => {
    const value = config[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  const firefox = delaysFailedWebSockets();
  const sdkReconnectTimeoutMs = pick('sdkReconnectTimeoutMs', firefox ? FIREFOX_SDK_RECONNECT_TIMEOUT_MS : DEFAULT_OPTIONS.sdkReconnectTimeoutMs);
  return {
    tokenSource: config.tokenSource,
    // One place for every Room the controller builds: each gets `e2ee` (see e2ee/e2ee-room.ts).
    createRoom: config.e2ee ? withE2EE(config.createRoom ?? defaultCreateRoom, config.e2ee) : (config.createRoom ?? defaultCreateRoom),
    e2ee: config.e2ee,
    refreshLeadMs: pick('refreshLeadMs'),
    reconnectCooldownMs: pick('reconnectCooldownMs'),
    maxReconnectAttempts: pick('maxReconnectAttempts'),
    negotiationWindowMs: pick('negotiationWindowMs'),
    negotiationThreshold: Math.max(1, pick('negotiationThreshold')),
    toggleSettleMs: pick('toggleSettleMs'),
    reapplyGapMs: pick('reapplyGapMs'),
    tokenFetchTimeoutMs: pick('tokenFetchTimeoutMs'),
    maxReconnectDelayMs: pick('maxReconnectDelayMs'),
    diagnosticsLimit: pick('diagnosticsLimit'),
    sdkReconnectTimeoutMs,
    reconnectGiveUpMs: pick('reconnectGiveUpMs'),
    mediaWatchdog: config.mediaWatchdog !== false,
    staleMediaMs: Math.max(500, pick('staleMediaMs')),
    mediaSampleMs: Math.max(100, pick('mediaSampleMs')),
    mediaReconnectCooldownMs: pick('mediaReconnectCooldownMs'),
    poorQualityMs: pick('poorQualityMs'),
    hdRetryAfterMs: pick('hdRetryAfterMs'),
    hdRetry: config.hdRetry === 'auto' ? 'auto' : 'offer',
    reconnectPolicy: config.reconnectPolicy ?? new FastReconnectPolicy(sdkReconnectTimeoutMs, Math.random, firefox ? FIREFOX_SDK_ATTEMPTS : Number.POSITIVE_INFINITY),
    reachabilityProbe: config.reachabilityProbe === false ? undefined : (config.reachabilityProbe ?? defaultReachabilityProbe),
    videoProfiles: config.videoProfiles ?? {},
    connectOptions: config.connectOptions,
    onAlert: config.onAlert,
    logger: config.logger ?? console,
    enumerateDevices: config.enumerateDevices ?? browserDeviceList(),
  };
}
