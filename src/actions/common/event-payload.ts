/**
 * Reading the payload of the event that started the run (the runner's `GITHUB_EVENT_PATH`, parsed once by
 * core-runner.ts `readEvent`): typed fields by their path, and one error for a field the event must have, naming it.
 */
import { ConfigurationError } from '../../domain/errors.js';

export type Json = Record<string, unknown>;

/** An object of the payload, or {} for anything else (absent, null, a list, a scalar): its fields read as missing. */
export function jsonObject(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** `The issues event payload has no issue number.`: a field the event must have is missing or of another type. */
export function missingPayloadField(eventName: string, field: string): ConfigurationError {
  return new ConfigurationError(`The ${eventName} event payload has no ${field}.`, 'GITHUB_EVENT_PATH');
}

/** The payload of one event, read by path (`comment.user.login`); `field` names a required one in words. */
export class EventPayload {
  constructor(
    readonly eventName: string,
    private readonly root: Json,
  ) {}

  /** The value at `path`, undefined when any part of the way is missing. */
  value(path: string): unknown {
    let current: unknown = this.root;
    for (const key of path.split('.')) current = jsonObject(current)[key];
    return current;
  }

  object(path: string): Json {
    return jsonObject(this.value(path));
  }

  text(path: string): string | undefined {
    const value = this.value(path);
    return typeof value === 'string' ? value : undefined;
  }

  number(path: string): number | undefined {
    const value = this.value(path);
    return typeof value === 'number' ? value : undefined;
  }

  requiredText(path: string, field: string): string {
    const value = this.text(path);
    if (value === undefined) throw missingPayloadField(this.eventName, field);
    return value;
  }

  requiredNumber(path: string, field: string): number {
    const value = this.number(path);
    if (value === undefined) throw missingPayloadField(this.eventName, field);
    return value;
  }
}
