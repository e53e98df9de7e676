import type { TokenLife } from './token-clock';

/**
 * The live token and server URL. They stay here, in a closure, and never enter Redux,
 * actions or logs: the store only learns exp, identity and room name.
 */
export interface Credentials {
  serverUrl: string;
  token: string;
  /** exp of `token`, epoch ms. */
  expiresAt: number;
  /** When it stops being usable, on the monotonic clock. */
  life: TokenLife;
}

export interface CredentialStore {
  get(): Credentials | undefined;
  set(credentials: Credentials | undefined): void;
}

export function createCredentialStore(): CredentialStore {
  let current: Credentials | undefined;
  return {
    get: () => current,
    set(credentials) {
      current = credentials;
    },
  };
}
