import type { RunResult } from '../harness/run-action.js';

export interface TimelineEntry {
  readonly at: string;
  readonly actor: string;
  readonly did: string;
  readonly deadline?: string;
}

const WIDTH = { at: 17, actor: 22 };

/** Prints the demo's timeline as it goes: time, who acted, what happened, the deadline it met or missed. */
export class Timeline {
  readonly entries: TimelineEntry[] = [];

  constructor(private readonly pauseMs: number) {}

  heading(title: string): void {
    console.log(`\n=== ${title} ===\n`);
    console.log(`${'time (UTC)'.padEnd(WIDTH.at)}  ${'action'.padEnd(WIDTH.actor)}  what happened`);
    console.log(`${'-'.repeat(WIDTH.at)}  ${'-'.repeat(WIDTH.actor)}  ${'-'.repeat(60)}`);
  }

  async add(entry: TimelineEntry): Promise<void> {
    this.entries.push(entry);
    const at = entry.at.slice(0, 16).replace('T', ' ');
    console.log(`${at.padEnd(WIDTH.at)}  ${entry.actor.padEnd(WIDTH.actor)}  ${entry.did}`);
    if (entry.deadline) console.log(`${''.padEnd(WIDTH.at + WIDTH.actor + 4)}  deadline: ${entry.deadline}`);
    if (this.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
  }
}

/** Fails the demo loudly when an action did not do what the step needs. */
export function expectSuccess(action: string, result: RunResult): void {
  if (result.exitCode === 0) return;
  const errors = result.errors.map((e) => e.message).join('\n  ');
  throw new Error(`${action} exited ${result.exitCode}:\n  ${errors || result.stderr || result.stdout.slice(-2000)}`);
}

export function jsonOutput<T>(result: RunResult, name: string, fallback: T): T {
  const raw = result.outputs[name];
  return raw === undefined || raw === '' ? fallback : (JSON.parse(raw) as T);
}

interface SweepEntry {
  readonly id: string;
  readonly steps: readonly { readonly step: string }[];
}

/** What an sla-check sweep reported, from its outputs: each report's breached and due-soon steps. */
export function sweepFindings(result: RunResult): string {
  const list = (name: string): string => {
    const entries = jsonOutput<SweepEntry[]>(result, name, []);
    return entries.length === 0
      ? 'none'
      : entries.map((e) => `${e.id} ${e.steps.map((s) => s.step).join('+')}`).join(', ');
  };
  return `breached: ${list('breached')}; due soon: ${list('due-soon')}; all clear: ${result.outputs['all-clear']}`;
}
