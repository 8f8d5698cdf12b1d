// Probe: @actions/core as the actions import it (its index loads oidc-utils -> @actions/http-client -> undici, and platform -> @actions/exec).
import * as core from '@actions/core';
export const probe = [core];
