import { ConnectionState, RoomEvent, type RoomConnectOptions } from 'livekit-client';
import { FakeRoom } from './fake-room';

/** A scripted outcome for the next `setE2EEEnabled`: settle after a delay, or reject. */
export type FakeE2EEStep = { delayMs?: number; error?: unknown };

/**
 * What happened on one Room, in order: E2EE asked for, the worker's answer about our own
 * encryption, our toggles (`set*Enabled`, from the participant's `calls`) and our tracks going
 * out (`LocalTrackPublished`), each with whether the worker had confirmed encryption by then.
 */
export interface FakeE2EEEntry {
  what: 'setE2EEEnabled' | 'worker' | 'toggle' | 'published';
  enabled: boolean;
  source?: string;
  /** `room.isE2EEEnabled` at that moment (toggles: when next seen, so look at the order instead). */
  encrypted: boolean;
  state: ConnectionState;
}

/**
 * The Room double built for `RoomOptions.e2ee`, playing livekit-client 2.23 (Room.ts,
 * e2ee/E2eeManager.ts): `setE2EEEnabled` only records the wish (our identity is not known
 * before connect) or posts it to the worker; the worker answers later, which sets
 * `isE2EEEnabled` and emits `ParticipantEncryptionStatusChanged` for the local participant. On
 * connect the manager posts the current wish (SignalConnected).
 */
export class FakeE2EERoom extends FakeRoom {
  isE2EEEnabled = false;
  /** `localParticipant.isE2EEEnabled` in livekit-client: what was asked for. */
  e2eeWanted = false;
  /** How long the stand-in worker takes to answer an enable; `null`: it never does. */
  workerAnswerMs: number | null = 0;
  private readonly e2eeSteps: FakeE2EEStep[] = [];

  private readonly entries: FakeE2EEEntry[] = [];
  private togglesSeen = 0;

  /** Everything in order (see FakeE2EEEntry). */
  get order(): readonly FakeE2EEEntry[] {
    this.syncToggles();
    return this.entries;
  }

  /** The next `setE2EEEnabled` calls follow these steps in order (then resolve at once). */
  scriptE2EE(...steps: FakeE2EEStep[]): this {
    this.e2eeSteps.push(...steps);
    return this;
  }

  async setE2EEEnabled(enabled: boolean): Promise<void> {
    this.record({ what: 'setE2EEEnabled', enabled });
    const step = this.e2eeSteps.shift() ?? {};
    if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (step.error !== undefined) throw step.error;
    this.e2eeWanted = enabled;
    if (this.localParticipant.identity !== '') this.postEnable(enabled);
  }

  override async connect(url: string, token: string, options?: RoomConnectOptions): Promise<void> {
    await super.connect(url, token, options);
    this.postEnable(this.e2eeWanted); // the manager's SignalConnected handler
  }

  /** The worker (or a key provider) failed: for our own tracks (`'local'`), a remote identity, or nobody (the worker's onerror). */
  simulateEncryptionError(error: Error, who?: 'local' | string): void {
    this.emit(RoomEvent.EncryptionError, error, this.participantFor(who));
  }

  /** The worker's answer about a participant's encryption (for `'local'` it also sets `isE2EEEnabled`). */
  simulateEncryptionStatus(encrypted: boolean, who: 'local' | string): void {
    if (who === 'local') {
      this.isE2EEEnabled = encrypted;
      this.record({ what: 'worker', enabled: encrypted });
    }
    this.emit(RoomEvent.ParticipantEncryptionStatusChanged, encrypted, this.participantFor(who));
  }

  simulateParticipantLeft(identity: string): void {
    const participant = this.participantFor(identity);
    this.remoteParticipants.delete(identity);
    this.emit(RoomEvent.ParticipantDisconnected, participant);
  }

  private participantFor(who: 'local' | string | undefined): unknown {
    if (who === undefined) return undefined;
    if (who === 'local') return this.localParticipant;
    return this.remoteParticipants.get(who) ?? { identity: who };
  }

  private postEnable(enabled: boolean): void {
    if (this.workerAnswerMs === null) return;
    setTimeout(() => {
      if (this.state !== ConnectionState.Disconnected) this.simulateEncryptionStatus(enabled, 'local');
    }, this.workerAnswerMs);
  }

  override emit(event: string, ...args: unknown[]): boolean {
    if (event === RoomEvent.LocalTrackPublished) this.record({ what: 'published', enabled: true, source: (args[0] as { source?: string } | undefined)?.source });
    return super.emit(event, ...args);
  }

  private syncToggles(): void {
    const calls = this.localParticipant.calls;
    for (; this.togglesSeen < calls.length; this.togglesSeen++) {
      const { source, enabled } = calls[this.togglesSeen]!;
      this.entries.push({ what: 'toggle', enabled, source, encrypted: this.isE2EEEnabled, state: this.state });
    }
  }

  private record(entry: Pick<FakeE2EEEntry, 'what' | 'enabled' | 'source'>): void {
    this.syncToggles(); // toggles since the last entry came before this one
    this.entries.push({ ...entry, encrypted: this.isE2EEEnabled, state: this.state });
  }
}

/** The Room double as the E2EE one (the factory builds it for `RoomOptions.e2ee`). */
export function asE2EERoom(room: FakeRoom): FakeE2EERoom {
  if (!(room instanceof FakeE2EERoom)) throw new Error('this Room was built without RoomOptions.e2ee');
  return room;
}
