import { ConfigError, loadConfig, type Config } from '../core/config.ts';

/** For the command-line entry points: a wrong environment is a message and an exit code, not a stack trace. */
export function loadConfigOrExit(exitCode: number, hint = ''): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n${hint}`);
      process.exit(exitCode);
    }
    throw err;
  }
}
