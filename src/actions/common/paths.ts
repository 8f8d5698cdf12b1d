/**
 * Where the files an action reads and writes may be. A path input names a file of the checked-out repository: it is
 * resolved against `GITHUB_WORKSPACE`, symbolic links followed (`realpath`), and refused unless it is inside the
 * workspace, so `../../etc/hostname` or a link out of the checkout cannot be rendered into a tracking issue. A file
 * the action writes goes into the workspace or the runner's temporary directory (`RUNNER_TEMP`), never elsewhere.
 * Outside a runner (no `GITHUB_WORKSPACE`) the workspace is the working directory.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigurationError } from '../../domain/errors.js';

/** The workspace as the runner names it, or the working directory outside a runner. */
function workspaceRoot(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_WORKSPACE || process.cwd();
}

/** The path with every symbolic link of it resolved; undefined when it does not exist. */
function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Whether `path` is `root` or below it (both already resolved). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A directory's real path, or the path as given when it does not exist (nothing can be inside it then). */
function realRoot(path: string): string {
  return realPath(path) ?? resolve(path);
}

/**
 * A file a path input names, in the workspace: its real path (links followed), or undefined when there is no such
 * file. A path that leads outside the workspace, however it gets there, is a ConfigurationError naming the input.
 */
export function workspaceFile(inputName: string, path: string, env: NodeJS.ProcessEnv): string | undefined {
  const root = workspaceRoot(env);
  const given = isAbsolute(path) ? path : join(root, path);
  const real = realPath(given);
  if (real === undefined) {
    // A file that does not exist is judged by where it would be, so a missing file is reported as missing.
    const lexical = resolve(given);
    if (!isInside(lexical, resolve(root)) && !isInside(lexical, realRoot(root)))
      throw outsideWorkspace(inputName, path);
    return undefined;
  }
  if (!isInside(real, realRoot(root))) throw outsideWorkspace(inputName, path);
  return real;
}

function outsideWorkspace(inputName: string, path: string): ConfigurationError {
  return new ConfigurationError(
    `Input "${inputName}" names ${path}, which is outside the workspace (GITHUB_WORKSPACE; symbolic links are followed). Name a file of the checked-out repository, by its path from the repository root.`,
    inputName,
  );
}

/** The places an action may write a file: the workspace and the runner's temporary directory. */
function writableRoots(env: NodeJS.ProcessEnv): string[] {
  return [workspaceRoot(env), ...(env.RUNNER_TEMP ? [env.RUNNER_TEMP] : [])].map(realRoot);
}

/**
 * Where to write a file a path input (or the action itself) names: relative paths are in the workspace; the file (or,
 * when it does not exist yet, its directory), links followed, must be inside the workspace or `RUNNER_TEMP`.
 */
export function outputFile(inputName: string, path: string, env: NodeJS.ProcessEnv): string {
  const given = isAbsolute(path) ? path : join(workspaceRoot(env), path);
  const directory = realPath(dirname(given));
  const real = realPath(given) ?? (directory ? join(directory, basename(given)) : undefined);
  const places = env.RUNNER_TEMP
    ? 'the workspace (GITHUB_WORKSPACE) or the runner temporary directory (RUNNER_TEMP)'
    : 'the workspace (GITHUB_WORKSPACE)';
  if (real === undefined) {
    throw new ConfigurationError(
      `Input "${inputName}" names ${path}, in a directory that does not exist: name a file in an existing directory of ${places}.`,
      inputName,
    );
  }
  if (!writableRoots(env).some((root) => isInside(real, root))) {
    throw new ConfigurationError(
      `Input "${inputName}" names ${path}, which is outside ${places} (symbolic links are followed): the action writes files only there. Name a path inside ${env.RUNNER_TEMP ? 'one of them' : 'it'}.`,
      inputName,
    );
  }
  return real;
}
