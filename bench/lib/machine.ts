/** What a figure was measured on: printed with every benchmark, since numbers mean nothing without it. */
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
