const GHSA_ALPHABET = '23456789cfghjmpqrvwx';
const GHSA_SPACE = 20n ** 12n;

export function nextId(state: { nextId: number }): number {
  state.nextId += 1;
  return state.nextId;
}

/** A stable, non-sequential-looking GHSA id for the nth advisory. */
export function ghsaIdFor(seq: number): string {
  let value = (BigInt(seq) * 2654435761n + 97531n) % GHSA_SPACE;
  let chars = '';
  for (let i = 0; i < 12; i += 1) {
    chars += GHSA_ALPHABET[Number(value % 20n)];
    value /= 20n;
  }
  return `GHSA-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '');
}
