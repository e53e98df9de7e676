import { startDemo } from './start-demo';

// `make demo`: everything on 127.0.0.1; Ctrl-C stops it all.
async function main() {
  const started = Date.now();
  const demo = await startDemo();
  console.log(`\n  redux-livekit-call demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n\n  ➜  ${demo.url}\n\n  Open it in two tabs to make a two-person call. Ctrl-C stops everything.\n`);
  const stop = async () => {
    await demo.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
