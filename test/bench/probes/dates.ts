// Probe: date-fns (the four functions src/ uses) and @date-fns/tz.
import { addHours, addMinutes, format, isBefore } from 'date-fns';
import { tz } from '@date-fns/tz';
export const probe = [addHours, addMinutes, format, isBefore, tz];
