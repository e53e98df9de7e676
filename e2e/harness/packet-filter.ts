// Packet loss for the health scenarios: iptables rules in a chain of our own, inside the matrix's
// private network namespace (scripts/in-netns.sh). Why iptables and not `tc netem`: this kernel has
// no netem qdisc and no tc actions; legacy iptables has `statistic` (random drop) and `u32`
// (match bytes of the packet). Rules sit on INPUT: a drop in OUTPUT returns EPERM to the sending
// socket, which a browser may take for a socket error instead of loss on the wire.
import { execFileSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';

const CHAIN = 'RLC_E2E';
const IPTABLES = process.env.RLC_E2E_IPTABLES ?? 'iptables-legacy';

export interface PacketFilter {
  /** Drops each UDP packet to `dport` with this probability (0–1). */
  dropRandom(rule: { dport: number; probability: number }): void;
  /** Drops every RTP/RTCP-sized UDP packet whose RTP SSRC is `ssrc` (the stream into one receiver). */
  dropRtpSsrc(ssrc: number): void;
  /** SSRCs `dropRtpSsrc` is dropping now. */
  droppedSsrcs(): number[];
  /** Packets and bytes each rule has dropped so far (`iptables -L -v -x`), for the run's detail. */
  counters(): { rule: string; packets: number; bytes: number }[];
  /** Removes every rule (the chain stays, empty). */
  clear(): void;
}

/**
 * Refuses to run anywhere but in the namespace in-netns.sh made: the env var it sets, and a
 * network with no interface but loopback and the namespace's own veth pair (`RLC_E2E_VETH`, both
 * ends inside it: Firefox gathers no ICE candidate with `lo` alone). A host has other interfaces,
 * so a mistake can never reach the host's firewall.
 */
export function insideTestNamespace(): boolean {
  const ours = new Set(['lo', ...(process.env.RLC_E2E_VETH ?? '').split(',').filter(Boolean)]);
  const foreign = Object.keys(networkInterfaces()).filter((name) => !ours.has(name));
  return Boolean(process.env.RLC_E2E_NETNS) && foreign.length === 0;
}

function iptables(...args: string[]): string {
  return execFileSync(IPTABLES, ['-w', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The chain, empty, jumped to from INPUT once. */
export function openPacketFilter(): PacketFilter {
  if (!insideTestNamespace()) {
    throw new Error(`packet filter: not inside the e2e network namespace (RLC_E2E_NETNS=${process.env.RLC_E2E_NETNS ?? 'unset'}, interfaces: ${Object.keys(networkInterfaces()).join(',')}); run the matrix with \`npm run e2e\` (scripts/in-netns.sh)`);
  }
  try {
    iptables('-N', CHAIN);
  } catch {
    // exists from an earlier open in this namespace
  }
  try {
    iptables('-C', 'INPUT', '-j', CHAIN);
  } catch {
    iptables('-A', 'INPUT', '-j', CHAIN);
  }
  iptables('-F', CHAIN);
  const ssrcs = new Set<number>();
  return {
    dropRandom({ dport, probability }) {
      if (!(probability > 0 && probability <= 1)) throw new Error(`dropRandom: probability ${probability}`);
      iptables('-A', CHAIN, '-p', 'udp', '--dport', String(dport), '-m', 'statistic', '--mode', 'random', '--probability', probability.toFixed(4), '-j', 'DROP');
    },
    dropRtpSsrc(ssrc) {
      if (ssrcs.has(ssrc)) return;
      ssrcs.add(ssrc);
      // u32: `0>>22&0x3C` is the IP header length in bytes; `@16` moves past it and reads 4 bytes at
      // 16 = UDP header (8) + the RTP header's SSRC offset (8). SRTP leaves the header in clear.
      const hex = `0x${(ssrc >>> 0).toString(16)}`;
      iptables('-A', CHAIN, '-p', 'udp', '-m', 'u32', '--u32', `0>>22&0x3C@16=${hex}`, '-m', 'comment', '--comment', `ssrc ${ssrc >>> 0}`, '-j', 'DROP');
    },
    droppedSsrcs: () => [...ssrcs],
    counters() {
      const lines = iptables('-L', CHAIN, '-v', '-x', '-n').split('\n').slice(2).filter((l) => l.trim());
      return lines.map((line) => {
        const [packets, bytes] = line.trim().split(/\s+/);
        return { rule: line.trim().split(/\s+/).slice(2).join(' '), packets: Number(packets), bytes: Number(bytes) };
      });
    },
    clear() {
      iptables('-F', CHAIN);
      ssrcs.clear();
    },
  };
}
