import { Environment, InvalidEnvironmentError, validateEnvironment } from './environment';

/** For process entry points: validate or exit with one clear line on stderr. */
export function loadEnvironmentOrExit(): Environment {
  try {
    return validateEnvironment(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
