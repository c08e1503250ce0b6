/** What a figure was measured on: printed with every benchmark, since numbers mean nothing without it. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  /** cores this process may use (cgroup/affinity limits), when Node can tell */
  availableParallelism: number;
  memoryGiB: number;
  platform: string;
  arch: string;
  node: string;
  loadAverage1m: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() || 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    node: process.version,
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function describeMachine(m: MachineInfo): string {
  return [
    `cpu:  ${m.cpuModel} (${m.cores} cores, ${m.availableParallelism} available)`,
    `node: ${m.node} on ${m.platform} ${m.arch}, ${m.memoryGiB} GiB RAM, load ${m.loadAverage1m} at start`,
  ].join('\n');
}

/** The file system type of a folder, from /proc/mounts (longest matching mount point); 'unknown' elsewhere. */
export function fileSystemOf(path: string): string {
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' '))
      .filter((f) => f.length > 2);
    const inside = mounts.filter((f) => path === f[1] || path.startsWith(f[1] === '/' ? '/' : `${f[1]}/`));
    const best = inside.sort((a, b) => (b[1] as string).length - (a[1] as string).length)[0];
    return best?.[2] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
