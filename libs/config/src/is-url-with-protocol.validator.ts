import { registerDecorator, ValidationArguments } from 'class-validator';

/** A URL that parses and uses one of the given protocols; the message names the variable. */
export function IsUrlWithProtocol(protocols: string[]): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isUrlWithProtocol',
      target: target.constructor,
      propertyName: propertyName.toString(),
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string') return false;
          try {
            const url = new URL(value);
            return protocols.includes(url.protocol.replace(/:$/, '')) && url.hostname !== '';
          } catch {
            return false;
          }
        },
        defaultMessage(args: ValidationArguments): string {
          const shown = typeof args.value === 'string' ? `"${redact(args.value)}"` : 'nothing';
          return `${args.property} must be a ${protocols.map((p) => `${p}://`).join(' or ')} URL (got ${shown})`;
        },
      },
    });
  };
}

/** Never echo a password from a connection string into logs. */
function redact(value: string): string {
  return value.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
