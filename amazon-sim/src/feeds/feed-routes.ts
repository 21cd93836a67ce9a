import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimClock } from '../clock.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { feedsOf } from './feed-service.ts';

/**
 * Serves feed documents at their pre-signed URLs, like S3 (no Authorization): `PUT /feeds-documents/<id>?…` uploads
 * the feed content, `GET` downloads a document (the processing report, or an uploaded feed).
 */

const S3_ERROR = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/** Installs the feed document routes of the scenario (no-op when the feeds module is not registered). */
export function installFeedRoutes(app: FastifyInstance, scenario: Scenario, clock: SimClock): void {
  const service = feedsOf(scenario);
  if (!service) return;
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = request.params as { id: string };
    const query = request.query as Record<string, string | undefined>;
    if (!service.verify(id, query['X-Amz-Expires'], query['X-Amz-Signature'], clock.now())) {
      const msg = 'The request signature we calculated does not match the signature you provided, or it has expired.';
      return reply.status(403).header('content-type', 'application/xml').send(S3_ERROR('AccessDenied', msg));
    }
    const doc = service.documents.get(id);
    if (!doc) {
      const msg = 'The specified key does not exist.';
      return reply.status(404).header('content-type', 'application/xml').send(S3_ERROR('NoSuchKey', msg));
    }
    if (request.method === 'PUT') {
      doc.bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.from(String(request.body ?? ''), 'utf8');
      return reply.status(200).send();
    }
    if (!doc.bytes)
      return reply.status(404).header('content-type', 'application/xml').send(S3_ERROR('NoSuchKey', 'Empty.'));
    return reply.status(200).header('content-type', doc.contentType).send(doc.bytes);
  };
  app.route({ method: ['GET', 'PUT'], url: '/feeds-documents/:id', handler: handle });
}
