/** One opening of the release window: `start` included, `end` excluded. */
export interface Slot {
  readonly start: Date;
  readonly end: Date;
}

/** Why the window is closed at a moment; `weekday` means the day is not one of the allowed weekdays. */
export type ClosedReason = 'weekday' | 'holiday' | 'freeze' | 'too-early' | 'too-late';

export interface ClosedExplanation {
  readonly reason: ClosedReason;
  readonly message: string;
}
