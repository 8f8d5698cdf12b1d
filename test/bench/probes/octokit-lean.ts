// Probe: an alternative client without @actions/*: @octokit/core, pagination, retry, throttling (bottleneck light).
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
export const probe = [Octokit, paginateRest, retry, throttling, Bottleneck];
