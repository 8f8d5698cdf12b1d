// Probe: @actions/exec (loaded by @actions/core's `platform` export).
import * as exec from '@actions/exec';
export const probe = [exec];
