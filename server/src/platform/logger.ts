import pino, { type Logger } from 'pino';

export type { Logger };

/** One pino logger per process; children carry module or request context. */
export function createLogger(level: string, pretty = false): Logger {
  return pino({
    level,
    redact: {
      paths: ['*.password', '*.clientSecret', '*.refreshToken', 'req.headers.cookie', 'req.headers.authorization'],
      censor: '[redacted]',
    },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:standard' } } }
      : {}),
  });
}
