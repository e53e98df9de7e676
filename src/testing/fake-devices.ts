/** The devices a "browser" has, shared by every Room of a test: unplug one, plug it back. */
export class FakeDeviceList {
  private readonly list: { kind: string; deviceId: string }[] = [];

  constructor(devices: Partial<Record<'videoinput' | 'audioinput' | 'audiooutput', string[]>> = {}) {
    for (const [kind, ids] of Object.entries(devices)) for (const deviceId of ids ?? []) this.list.push({ kind, deviceId });
  }

  has(kind: string, deviceId: string): boolean {
    return deviceId === 'default' || this.list.some((d) => d.kind === kind && d.deviceId === deviceId);
  }
  unplug(deviceId: string): void {
    const i = this.list.findIndex((d) => d.deviceId === deviceId);
    if (i >= 0) this.list.splice(i, 1);
  }
  plug(kind: string, deviceId: string): void {
    if (!this.has(kind, deviceId)) this.list.push({ kind, deviceId });
  }
  /** Pass as `createCallController({ enumerateDevices })`. */
  readonly enumerate = async () => this.list.map((d) => ({ ...d }));
}
