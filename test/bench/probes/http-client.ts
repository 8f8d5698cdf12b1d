// Probe: @actions/http-client (with undici and tunnel).
import * as httpClient from '@actions/http-client';
export const probe = [httpClient];
