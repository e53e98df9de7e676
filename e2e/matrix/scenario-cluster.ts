import { RoomServiceClient } from 'livekit-server-sdk';
import { startFaultProxy } from '../harness/fault-proxy';
import { API_KEY, API_SECRET, startLiveKitServer, type LiveKitServer } from '../harness/livekit-server';
import { startRedis } from '../harness/redis';
import { startTokenServer } from '../harness/token-server';
import { PORT_OFFSET, waitFor } from '../harness/proc';
import type { E2EEnv } from '../env';
import type { Scenario } from './scenarios';
import { assess, openTrio, samplesOf, status, type Subject, type Trio } from './subjects';
import { framesFlowing } from './measure';

async function back(trio: Trio, subject: Subject, faultEnd: number, timeoutMs: number): Promise<boolean> {
  return waitFor(`${subject.identity} back`, async () => (await status(subject)) === 'connected' && framesFlowing(await samplesOf(trio.watcher, Math.max(faultEnd, Date.now() - 3_000)), subject.identity, Date.now()), timeoutMs, 250).then(
    () => true,
    () => false,
  );
}

/**
 * Two livekit-server nodes sharing Redis. The caller reaches node A through the proxy (standing in
 * for a load balancer); SIGKILL node A and the balancer sends new connections to node B.
 */
export const twoNodes: Scenario = {
  name: 'two-nodes-sigkill',
  libraryShouldRecover: true,
  async run(env, run) {
    const redis = await startRedis();
    const nodeA = await startLiveKitServer({ name: 'node-a', port: 17880 + PORT_OFFSET, udpPort: 17882 + PORT_OFFSET, redisAddress: redis.address });
    let nodeB: LiveKitServer | undefined;
    const proxy = await startFaultProxy(17880 + PORT_OFFSET);
    const tokens = await startTokenServer(proxy.wsUrl);
    const cluster: E2EEnv = { ...env, proxy, tokens, rooms: new RoomServiceClient(`http://127.0.0.1:${17890 + PORT_OFFSET}`, API_KEY, API_SECRET) };
    let trio: Trio | undefined;
    try {
      // Node B starts only once the subjects are in: the room can only live on node A.
      trio = await openTrio(cluster, `cluster-${run}-${Date.now().toString(36)}`, `ws://127.0.0.1:${17890 + PORT_OFFSET}`, ['library', 'baseline'], async () => {
        nodeB = await startLiveKitServer({ name: 'node-b', port: 17890 + PORT_OFFSET, udpPort: 17892 + PORT_OFFSET, redisAddress: redis.address });
      });
      await nodeA.kill();
      proxy.setTarget(17890 + PORT_OFFSET);
      const faultEnd = Date.now();
      const libraryBack = await back(trio, trio.library, faultEnd, 60_000);
      const baselineBack = await back(trio, trio.baseline, faultEnd, 20_000);
      const participants = await cluster.rooms.listParticipants(trio.room).catch(() => []);
      const here = participants.filter((p) => p.identity === trio!.library.identity).length;
      const records = [
        await assess(this.name, run, trio, trio.library, faultEnd, libraryBack && here === 1 ? { detail: `on node B: ${here}` } : { recovered: false, detail: `on node B: ${here}` }),
        await assess(this.name, run, trio, trio.baseline, faultEnd, baselineBack ? {} : { recovered: false }),
      ];
      return records;
    } finally {
      await trio?.close();
      await tokens.close();
      await proxy.close();
      await nodeB?.stop();
      await nodeA.stop();
      await redis.stop();
    }
  },
};
