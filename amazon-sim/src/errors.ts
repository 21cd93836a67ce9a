/** Amazon's SP-API error shapes (`{"errors":[{code,message,details?}]}`) and the LWA error shape. */

export interface SpApiError {
  code: string;
  message: string;
  details?: string;
}

export interface SpApiErrorBody {
  errors: SpApiError[];
}

/** A reply the simulator sends: status, JSON body (undefined = empty body) and extra headers. */
export interface SimReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Builds an SP-API error reply with one error entry (`details` omitted when undefined). */
export function spApiError(status: number, code: string, message: string, details?: string): SimReply {
  const error: SpApiError = details === undefined ? { code, message } : { code, message, details };
  return { status, body: { errors: [error] } satisfies SpApiErrorBody };
}

/** 403 for a missing, unknown or expired access token (Amazon's exact message; details say which). */
export function unauthorized(details: string): SimReply {
  return spApiError(403, 'Unauthorized', 'Access to requested resource is denied.', details);
}

export const TOKEN_MISSING = 'Access token is missing in the request header.';
export const TOKEN_INVALID = 'The access token you provided is revoked, malformed or invalid.';
export const TOKEN_EXPIRED = 'The access token you provided has expired.';

/** 429 QuotaExceeded, exactly as Amazon words it. */
export function quotaExceeded(): SimReply {
  return spApiError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.', '');
}

/** 404 for a path (or method + path) that is no SP-API operation. */
export function notFound(): SimReply {
  return spApiError(404, 'NotFound', 'Resource not found');
}

/** 400 InvalidInput with a message. */
export function invalidInput(message: string, details?: string): SimReply {
  return spApiError(400, 'InvalidInput', message, details);
}

/** 500 InternalFailure (unexpected error inside the simulator, or an injected fault). */
export function internalFailure(details = ''): SimReply {
  return spApiError(500, 'InternalFailure', 'We encountered an internal error. Please try again.', details);
}

/** 503 ServiceUnavailable (injected fault). */
export function serviceUnavailable(): SimReply {
  return spApiError(503, 'ServiceUnavailable', 'Service temporarily unavailable. Please try again.', '');
}

/** 501 for an operation the simulator's stateful mode does not implement yet. */
export function notImplemented(operationId: string, details: string): SimReply {
  return spApiError(501, 'NotImplemented', `amazon-sim does not implement ${operationId} in this mode yet.`, details);
}

export type LwaErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable';

const LWA_STATUS: Record<LwaErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  access_denied: 400,
  server_error: 500,
  temporarily_unavailable: 503,
};

/** An LWA (`/auth/o2/token`) error reply: `{error, error_description}` with the code's status. */
export function lwaError(error: LwaErrorCode, description: string): SimReply {
  return { status: LWA_STATUS[error], body: { error, error_description: description } };
}
