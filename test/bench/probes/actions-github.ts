// Probe: @actions/github (octokit core, REST endpoint methods, pagination, @actions/http-client, undici).
import { getOctokit } from '@actions/github';
export const probe = [getOctokit];
