import { registerDecorator } from 'class-validator';

/** A target maturity: a number from 1 to 5 with at most one decimal (3, 3.5). */
export function isTargetValue(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 1 &&
    value <= 5 &&
    !/\.\d{2,}/.test(String(value))
  );
}

/** A whole hour within [min, max]; one constraint, so one message per bad field. */
export function IsHour(range: { min: number; max: number }): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isHour',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be a whole hour from ${range.min} to ${range.max}` },
      validator: {
        validate: (value: unknown) =>
          Number.isInteger(value) &&
          (value as number) >= range.min &&
          (value as number) <= range.max,
      },
    });
}

/** The constraint name the console page looks for to say "end before start" in its own words. */
export const END_AFTER_START = 'isAfterStartHour';

/** endHour must be later than startHour on the same day (a window never wraps midnight). */
export function IsAfterStartHour(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: END_AFTER_START,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be later than startHour' },
      validator: {
        validate: (value: unknown, args) => {
          const start = (args?.object as { startHour?: unknown }).startHour;
          // A bad startHour (or endHour) has its own message; compare only two whole hours.
          if (!Number.isInteger(start) || !Number.isInteger(value)) return true;
          return (value as number) > (start as number);
        },
      },
    });
}

/**
 * A list of exactly `length` target maturities (see isTargetValue). Anything but a list passes
 * here and is refused by @IsArray, so each mistake gets one message.
 */
export function IsTargetList(length: number): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'hasTargetCount',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must have exactly ${length} values, one per directive` },
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || value.length === length,
      },
    });
    registerDecorator({
      name: 'areTargetValues',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must hold numbers from 1 to 5 with at most one decimal' },
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || value.every(isTargetValue),
      },
    });
  };
}
