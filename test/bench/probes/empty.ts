// Probe: an empty bundle (the ncc runtime only).
export const probe: unknown[] = [];
