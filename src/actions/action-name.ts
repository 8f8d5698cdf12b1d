import { ACTION_NAMES, type ActionName } from './metadata.generated.js';

export function isActionName(value: string): value is ActionName {
  return (ACTION_NAMES as readonly string[]).includes(value);
}
