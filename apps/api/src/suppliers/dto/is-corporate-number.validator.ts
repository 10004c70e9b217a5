import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidCorporateNumber } from '../corporate-number';

/** 13 digits whose first digit is the National Tax Agency check digit of the other 12. */
export function IsCorporateNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCorporateNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: '$property (法人番号) must be 13 digits with a valid check digit (first digit)',
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidCorporateNumber(value),
      },
    });
}
