/**
 * How many gateway workers `auto` means: the CPUs the process may be scheduled
 * on, capped by a cgroup CPU quota read from fake cgroup trees.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { cgroupCpuQuota, gatewayWorkerCount, usableCpus } from './workers.js';

describe('usableCpus', () => {
  const roots: string[] = [];
  after(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });
  /** A cgroup mount with these files (paths relative to it). */
  function cgroup(files: Record<string, string>): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'vidhub-cgroup-'));
    roots.push(root);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return root;
  }

  test('cgroup v2: "max" is no quota, a quota caps the CPUs (rounded down, at least 1)', () => {
    assert.equal(cgroupCpuQuota(cgroup({ 'cpu.max': 'max 100000\n' })), undefined);
    assert.equal(usableCpus({ cgroupRoot: cgroup({ 'cpu.max': 'max 100000\n' }), parallelism: 8 }), 8);
    assert.equal(cgroupCpuQuota(cgroup({ 'cpu.max': '150000 100000\n' })), 1.5);
    assert.equal(usableCpus({ cgroupRoot: cgroup({ 'cpu.max': '200000 100000\n' }), parallelism: 8 }), 2);
    assert.equal(usableCpus({ cgroupRoot: cgroup({ 'cpu.max': '150000 100000\n' }), parallelism: 8 }), 1);
    assert.equal(usableCpus({ cgroupRoot: cgroup({ 'cpu.max': '50000 100000\n' }), parallelism: 8 }), 1);
    // A quota above what the process may be scheduled on does not add CPUs.
    assert.equal(usableCpus({ cgroupRoot: cgroup({ 'cpu.max': '800000 100000\n' }), parallelism: 2 }), 2);
  });

  test('cgroup v1: -1 is no quota; cpu/ or cpu,cpuacct/ holds the quota and period', () => {
    assert.equal(usableCpus({ cgroupRoot: cgroup({ 'cpu/cpu.cfs_quota_us': '-1\n', 'cpu/cpu.cfs_period_us': '100000\n' }), parallelism: 4 }), 4);
    assert.equal(usableCpus({ cgroupRoot: cgroup({ 'cpu/cpu.cfs_quota_us': '300000\n', 'cpu/cpu.cfs_period_us': '100000\n' }), parallelism: 4 }), 3);
    assert.equal(usableCpus({ cgroupRoot: cgroup({ 'cpu,cpuacct/cpu.cfs_quota_us': '100000\n', 'cpu,cpuacct/cpu.cfs_period_us': '50000\n' }), parallelism: 4 }), 2);
  });

  test('no cgroup files: the CPUs the process may be scheduled on', () => {
    assert.equal(usableCpus({ cgroupRoot: cgroup({}), parallelism: 3 }), 3);
    assert.equal(usableCpus({ cgroupRoot: path.join(os.tmpdir(), 'vidhub-no-such-cgroup'), parallelism: 1 }), 1);
  });

  test('GATEWAY_WORKERS: a number is taken as it is, auto is at least 1', () => {
    assert.equal(gatewayWorkerCount(3), 3);
    assert.ok(gatewayWorkerCount('auto') >= 1);
    assert.ok(gatewayWorkerCount('auto') <= os.availableParallelism());
  });
});
