// The one HTTP client of the web UI: JSON in and out, CSRF header on writes, typed errors, 401 → login.

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type QueryParams = Record<string, QueryValue>;

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: { field?: string; [key: string]: unknown };
  requestId?: string;
}

/** An error answered by the server (or a network failure, code NETWORK_ERROR, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorBody['details'];
  readonly requestId: string | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
    this.requestId = body.requestId;
  }

  get field(): string | undefined {
    const field = this.details?.field;
    return typeof field === 'string' ? field : undefined;
  }
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** Keeps the CSRF token of the session in memory (never in storage); sent on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what happens when the server answers 401 outside the login flow (the app sends the user to /login). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** Tells the app that the session is gone (used by raw fetches outside `request`). */
export function notifyUnauthorized(): void {
  unauthorizedHandler?.();
}

/** Serialises list/filter parameters; empty values are left out, arrays become repeated keys. */
export function buildQuery(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) search.append(key, item);
    } else {
      search.append(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  formData?: FormData;
  signal?: AbortSignal;
  /** Do not trigger the global 401 handler (used by the session probe and the login form). */
  quiet401?: boolean;
}

/** Builds the absolute API URL of a path such as `/catalog/skus`. */
export function apiUrl(path: string, query?: QueryParams): string {
  return `/api${path}${buildQuery(query)}`;
}

/** Turns a failed response into an ApiError (the `{ error }` body when there is one). */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: ApiErrorBody = { code: `HTTP_${res.status}`, message: res.statusText || `HTTP ${res.status}` };
  try {
    const json = (await res.json()) as { error?: Partial<ApiErrorBody> };
    if (json.error && typeof json.error.code === 'string') {
      body = {
        code: json.error.code,
        message: json.error.message ?? body.message,
        details: json.error.details,
        requestId: json.error.requestId,
      };
    }
  } catch {
    // Not JSON (a proxy page, an empty body): keep the HTTP status as the message.
  }
  return new ApiError(res.status, body);
}

/** Sends one request; resolves with the parsed JSON (undefined for 204) or throws an ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.formData) {
    body = options.formData;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: err instanceof Error ? err.message : String(err) });
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !options.quiet401) unauthorizedHandler?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: QueryParams) => request<T>('POST', path, { body, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, file: File, query?: QueryParams) => {
    const formData = new FormData();
    formData.append('file', file, file.name);
    return request<T>('POST', path, { formData, query });
  },
};
