import { getRequiredInput } from '../common/inputs.js';

export async function main(): Promise<void> {
  getRequiredInput('token');
  throw new Error('not implemented yet');
}
