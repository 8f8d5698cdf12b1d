/**
 * `npm run test:mutation -- --survivors`: re-runs, of the last report, only what the tests may now decide otherwise
 * (the way Stryker's own --incremental would, had every chunk run from one incremental file): each survivor at its
 * exact place, and in a file changed since the report the mutants of the lines that changed. Every other result stands:
 * tests were only added since, and a test that killed a mutant still kills it while neither changed.
 *
 * planSurvivorRerun gives the mutate ranges and the report with each changed file's mutants moved to their new lines;
 * mergeRerun puts the re-run's results over it, mutant by mutant.
 */

const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** 1-based lines of `before` that are unchanged in `after`, with their line there (a longest common subsequence). */
export function unchangedLines(before, after) {
  const common = Array.from({ length: before.length + 1 }, () => new Int32Array(after.length + 1));
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      common[i][j] = before[i] === after[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const lines = new Map();
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    if (before[i] === after[j]) lines.set((i += 1), (j += 1));
    else if (common[i + 1][j] >= common[i][j + 1]) i += 1;
    else j += 1;
  }
  return lines;
}

/** Moves a changed file's mutants to their new lines; those on or around a changed line are dropped, to re-run. */
function moveMutants(entry, source, file, ranges) {
  const before = entry.source.split('\n');
  const after = source.split('\n');
  const lines = unchangedLines(before, after);
  const kept = new Set(lines.values());
  for (let line = 1; line <= after.length; line += 1) if (!kept.has(line)) ranges.push(`${file}:${line}-${line}`);
  const changed = (start, end) => {
    for (let line = start; line <= end; line += 1) {
      if (!lines.has(line) || (line < end && lines.get(line + 1) !== lines.get(line) + 1)) return true;
    }
    return false;
  };
  const newLineAtOrBefore = (line) => {
    while (line > 0 && !lines.has(line)) line -= 1;
    return line > 0 ? lines.get(line) : 1;
  };
  const newLineAtOrAfter = (line) => {
    while (line <= before.length && !lines.has(line)) line += 1;
    return line <= before.length ? lines.get(line) : after.length;
  };
  const mutants = [];
  for (const mutant of entry.mutants) {
    const { start, end } = mutant.location;
    if (changed(start.line, end.line)) {
      ranges.push(`${file}:${newLineAtOrBefore(start.line)}-${newLineAtOrAfter(end.line)}`);
      continue;
    }
    const moved = { start: { ...start, line: lines.get(start.line) }, end: { ...end, line: lines.get(end.line) } };
    mutants.push({ ...mutant, location: moved });
  }
  return { ...entry, source, mutants };
}

/**
 * The ranges to re-run (Stryker's `file:line:column-line:column`, columns 0-based there and 1-based in the report,
 * taken one column wider on each side: a survivor's range holds it and the mutants inside it, which are re-run too)
 * and the report moved to the current sources.
 * `sourceOf(file)` is the file's current text, or undefined when it is gone; the files `chosen` rejects are kept as
 * they are in the report.
 */
export function planSurvivorRerun(report, sourceOf, chosen = () => true) {
  const ranges = [];
  const files = {};
  const rerun = [];
  for (const [file, entry] of Object.entries(report.files)) {
    const source = sourceOf(file);
    if (source === undefined) continue;
    if (!chosen(file)) {
      files[file] = entry;
      continue;
    }
    const current = source === entry.source ? entry : moveMutants(entry, source, file, ranges);
    files[file] = current;
    rerun.push(file);
    for (const { status, location } of current.mutants) {
      if (!UNDETECTED.has(status)) continue;
      const { start, end } = location;
      ranges.push(`${file}:${start.line}:${Math.max(0, start.column - 2)}-${end.line}:${end.column}`);
    }
  }
  return { ranges: [...new Set(ranges)], report: { ...report, files }, files: rerun };
}

const identity = ({ location: { start, end }, mutatorName, replacement }) =>
  `${start.line}:${start.column}-${end.line}:${end.column} ${mutatorName} ${replacement}`;

/**
 * The planned report with the re-run's results in place: a mutant re-run replaces the one at the same place with the
 * same mutator and replacement (keeping its id), a new one is added. Returns the report and how statuses changed,
 * counting the survivors of `rerunFiles` (the plan's) that were not re-run.
 */
export function mergeRerun(planned, rerun, rerunFiles = Object.keys(planned.files)) {
  const files = { ...planned.files };
  const changes = {};
  const count = (key) => (changes[key] = (changes[key] ?? 0) + 1);
  for (const [file, fresh] of Object.entries(rerun.files)) {
    const byIdentity = new Map(fresh.mutants.map((mutant) => [identity(mutant), mutant]));
    const mutants = (planned.files[file]?.mutants ?? []).map((mutant) => {
      const again = byIdentity.get(identity(mutant));
      if (!again) return mutant;
      byIdentity.delete(identity(mutant));
      if (again.status !== mutant.status) count(`${mutant.status} → ${again.status}`);
      return { ...again, id: mutant.id };
    });
    for (const mutant of byIdentity.values()) {
      count(`new, ${mutant.status}`);
      mutants.push(mutant);
    }
    files[file] = { ...fresh, mutants };
  }
  // A survivor the ranges missed would keep its old status unseen: counted, so the run says so.
  for (const file of rerunFiles) {
    const mutants = planned.files[file]?.mutants ?? [];
    const rerunOfFile = new Set((rerun.files[file]?.mutants ?? []).map(identity));
    for (const mutant of mutants) {
      if (UNDETECTED.has(mutant.status) && !rerunOfFile.has(identity(mutant))) count(`${mutant.status}, not re-run`);
    }
  }
  return { report: { ...rerun, files }, changes };
}
