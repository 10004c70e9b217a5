import { Global, Injectable, Module } from '@nestjs/common';

/** The time source of jobs that depend on "now" (reminders, asOf dates); tests inject a fake. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Provides the system clock; tests replace it with `overrideProvider(Clock)`. */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}

const TOKYO_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Asia/Tokyo as YYYY-MM-DD (people's dates are Tokyo dates). */
export function tokyoDate(instant: Date): string {
  return TOKYO_DATE.format(instant);
}
