/** Every failure the application reports carries one code; the HTTP status comes from one table. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'ACCOUNT_LOCKED'
  | 'CSRF_INVALID'
  | 'MISSING_EXCHANGE_RATE'
  | 'INVALID_CONFIG'
  | 'IMPORT_REJECTED'
  | 'INTERNAL';

export const httpStatusOf: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 503,
  PAYLOAD_TOO_LARGE: 413,
  ACCOUNT_LOCKED: 423,
  CSRF_INVALID: 403,
  MISSING_EXCHANGE_RATE: 422,
  INVALID_CONFIG: 500,
  IMPORT_REJECTED: 422,
  INTERNAL: 500,
};

export interface ErrorDetails {
  field?: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} not found`, { id });
export const invalid = (message: string, field?: string) =>
  new AppError('INVALID_INPUT', message, field ? { field } : undefined);
export const forbidden = (message = 'You do not have permission for this action') => new AppError('FORBIDDEN', message);
