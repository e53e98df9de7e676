// `media-setup-across-reconnects` (issue 18): a step as one line (the record's detail) and the
// steps of every subject as the console's table (pure: unit-tested).
import { stepProblems, type MediaSetupStep } from './media-setup-judge';
import { formatCapture } from './media-setup-capture-judge';

/** `yes`, `no`, or `n/a` where the engine has no screen to share (the reason is in `skipped`). */
const shareSays = (s: MediaSetupStep) => (s.screenShare ? 'yes' : s.skipped?.screenShare ? 'n/a' : 'no');

/** `server-leave: back 812 ms, gUM +0 gDM +0, devices kept, unmarked 0/143, volume 0.35, share yes, same camera,microphone,screenShare` */
export function formatStep(s: MediaSetupStep): string {
  if (s.notPlayed) return `${s.step}: n/a (${s.played})`;
  const na = Object.entries(s.devices).filter(([, d]) => d === 'n/a').map(([kind]) => kind);
  const devices = `${Object.values(s.devices).every((d) => d === 'kept' || d === 'n/a') ? 'devices kept' : `devices ${s.deviceValues}`}${na.length ? ` (n/a: ${na.join(',')})` : ''}`;
  const problems = stepProblems(s);
  return `${s.step}: ${s.back ? `back ${s.recoveryMs ?? '?'} ms` : 'NOT back'}, gUM +${s.extraGetUserMedia ?? '?'}${s.sdkRestarts ? ` (${s.sdkRestarts} by the SDK's restartTrack)` : ''} gDM +${s.extraGetDisplayMedia ?? '?'}, ${devices}, unmarked ${s.unmarkedFrames}/${s.unmarkedFrames + s.markedFrames}${s.placeholderFrames ? ` (+${s.placeholderFrames} placeholder)` : ''}, volume ${s.volume ?? 'unset'}, share ${shareSays(s)}, same ${s.sameTracks.join(',') || 'none'}${s.capture ? `, ${formatCapture(s.capture)}` : ''}${problems.length ? ` [FAILS: ${problems.join('; ')}]` : ' [ok]'}`;
}

/** The capture steps' camera: `published, e2e-marker, step gUM +1, live 1` / `held back, lost camera, live 0`; '–' for the others. */
function cameraNow(s: MediaSetupStep): string {
  const c = s.capture;
  if (!c) return '–';
  const state = c.cameraPublished ? `published, ${c.cameraProcessor ?? 'no processor'}` : 'not published';
  return `${state}, lost ${c.lostProcessors.join(',') || 'none'}, step gUM +${c.stepGetUserMedia}, live ${c.liveCameraCaptures}`;
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
    '| engine | run | subject | step | back (ms) | extra getUserMedia / getDisplayMedia | camera / mic / speaker | unmarked / checked frames | volume | screen share | same LocalTracks | camera now |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    for (const s of r.mediaSetup!) {
      if (s.notPlayed) {
        out.push(`| ${r.engine} | ${r.run} | ${r.subject} | ${s.step} |${' n/a |'.repeat(8)}`);
        continue;
      }
      out.push(`| ${r.engine} | ${r.run} | ${r.subject} | ${s.step} | ${s.back ? (s.recoveryMs ?? '?') : 'not back'} | ${s.extraGetUserMedia ?? '?'} / ${s.extraGetDisplayMedia ?? '?'} | ${s.devices.camera} / ${s.devices.microphone} / ${s.devices.speaker} | ${s.unmarkedFrames} / ${s.unmarkedFrames + s.markedFrames} | ${s.volume ?? 'unset'} | ${shareSays(s)} | ${s.sameTracks.join(', ') || 'none'} | ${cameraNow(s)} |`);
    }
  }
  return out.join('\n');
}
