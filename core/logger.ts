import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs (pino). Secrets and message bodies are redacted by path as a second line of
 * defence; code should not log them in the first place (DESIGN.md decision 8).
 */
export function createLogger(level: string = 'info', bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'opsdesk', ...bindings },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-line-signature"]',
        'req.headers["x-twilio-signature"]',
        '*.channelSecret',
        '*.channelAccessToken',
        '*.credentials',
        '*.apiKey',
      ],
      censor: '[redacted]',
    },
  });
}
