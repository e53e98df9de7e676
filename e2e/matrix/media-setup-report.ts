// `media-setup-across-reconnects` (issue 18): a step as one line (the record's detail) and the
// steps of every subject as the console's table (pure: unit-tested).
import { stepProblems, type MediaSetupStep } from './media-setup-judge';

/** `yes`, `no`, or `n/a` where the engine has no screen to share (the reason is in `skipped`). */
const shareSays = (s: MediaSetupStep) => (s.screenShare ? 'yes' : s.skipped?.screenShare ? 'n/a' : 'no');

/** `server-leave: back 812 ms, gUM +0 gDM +0, devices kept, unmarked 0/143, volume 0.35, share yes, same camera,microphone,screenShare` */
export function formatStep(s: MediaSetupStep): string {
  const na = Object.entries(s.devices).filter(([, d]) => d === 'n/a').map(([kind]) => kind);
  const devices = `${Object.values(s.devices).every((d) => d === 'kept' || d === 'n/a') ? 'devices kept' : `devices ${s.deviceValues}`}${na.length ? ` (n/a: ${na.join(',')})` : ''}`;
  const problems = stepProblems(s);
  return `${s.step}: ${s.back ? `back ${s.recoveryMs ?? '?'} ms` : 'NOT back'}, gUM +${s.extraGetUserMedia ?? '?'}${s.sdkRestarts ? ` (${s.sdkRestarts} by the SDK's restartTrack)` : ''} gDM +${s.extraGetDisplayMedia ?? '?'}, ${devices}, unmarked ${s.unmarkedFrames}/${s.unmarkedFrames + s.markedFrames}${s.placeholderFrames ? ` (+${s.placeholderFrames} placeholder)` : ''}, volume ${s.volume ?? 'unset'}, share ${shareSays(s)}, same ${s.sameTracks.join(',') || 'none'}${problems.length ? ` [FAILS: ${problems.join('; ')}]` : ' [ok]'}`;
}

interface Recorded {
  engine: string;
  subject: string;
  run: number;
  mediaSetup?: MediaSetupStep[];
}

/** Library vs plain page, step by step (the console table; matrix.json keeps the steps in each record). */
export function mediaSetupTable(records: Recorded[]): string {
  const rows = records.filter((r) => r.mediaSetup?.length);
  if (!rows.length) return '';
  const out = [
    '| engine | run | subject | step | back (ms) | extra getUserMedia / getDisplayMedia | camera / mic / speaker | unmarked / checked frames | volume | screen share | same LocalTracks |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    for (const s of r.mediaSetup!) {
      out.push(`| ${r.engine} | ${r.run} | ${r.subject} | ${s.step} | ${s.back ? (s.recoveryMs ?? '?') : 'not back'} | ${s.extraGetUserMedia ?? '?'} / ${s.extraGetDisplayMedia ?? '?'} | ${s.devices.camera} / ${s.devices.microphone} / ${s.devices.speaker} | ${s.unmarkedFrames} / ${s.unmarkedFrames + s.markedFrames} | ${s.volume ?? 'unset'} | ${shareSays(s)} | ${s.sameTracks.join(', ') || 'none'} |`);
    }
  }
  return out.join('\n');
}
