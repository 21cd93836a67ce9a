import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, httpStatusOf } from '../errors.js';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown>; requestId: string };
}

function body(code: string, message: string, requestId: string, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message, ...(details ? { details } : {}), requestId } };
}

/** One error handler: AppError by its code, validation errors as INVALID_INPUT with the field, the rest as 500. */
export function handleError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const id = req.id;
  if (err instanceof AppError) {
    const status = httpStatusOf[err.code];
    if (status >= 500) req.log.error({ err }, 'request failed');
    if (err.code === 'RATE_LIMITED' && typeof err.details?.retryAfterMs === 'number') {
      reply.header('retry-after', Math.ceil(err.details.retryAfterMs / 1000));
    }
    return reply.status(status).send(body(err.code, err.message, id, err.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const field = first?.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined;
    const where = err.validationContext ?? 'body';
    const message = first ? `${where}${field ? `.${field}` : ''}: ${first.message}` : 'Invalid request';
    return reply.status(400).send(
      body('INVALID_INPUT', message, id, {
        ...(field ? { field } : {}),
        issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      }),
    );
  }
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const field = first?.path.join('.') || undefined;
    return reply
      .status(400)
      .send(
        body(
          'INVALID_INPUT',
          `${field ? `${field}: ` : ''}${first?.message ?? 'invalid'}`,
          id,
          field ? { field } : undefined,
        ),
      );
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
    return reply.status(413).send(body('PAYLOAD_TOO_LARGE', 'Request body is too large', id));
  }
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_FILES_LIMIT' || fe.code === 'FST_PARTS_LIMIT') {
    return reply.status(413).send(body('PAYLOAD_TOO_LARGE', fe.message, id));
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 404 ? 'NOT_FOUND' : fe.statusCode === 415 ? 'INVALID_INPUT' : 'INVALID_INPUT';
    return reply.status(fe.statusCode).send(body(code, fe.message, id));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(body('INTERNAL', 'Internal error', id));
}
